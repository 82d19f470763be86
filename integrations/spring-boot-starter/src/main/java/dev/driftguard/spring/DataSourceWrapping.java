package dev.driftguard.spring;

import dev.driftguard.DriftGuardDataSource;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps each DataSource bean in a {@link DriftGuardDataSource} after it is initialised, so that everything injected
 * with it — the application's repositories, Flyway, Liquibase — runs through driftguard. A DataSource that is, or
 * already wraps, a {@code DriftGuardDataSource} (the user wrapped it by hand) is left as it is.
 */
final class DataSourceWrapping implements BeanPostProcessor {

    private final Supplier<Properties> settings;

    DataSourceWrapping(Supplier<Properties> settings) {
        this.settings = settings;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource) || guarded((DataSource) bean)) {
            return bean;
        }
        return new DriftGuardDataSource((DataSource) bean, settings.get());
    }

    /** Asks without opening a connection: pools answer {@code isWrapperFor} from their configuration. */
    private static boolean guarded(DataSource dataSource) {
        if (dataSource instanceof DriftGuardDataSource) {
            return true;
        }
        try {
            return dataSource.isWrapperFor(DriftGuardDataSource.class);
        } catch (SQLException | RuntimeException cannotTell) {
            return false;
        }
    }
}
