package dev.driftguard.spring;

import dev.driftguard.DriftGuardDataSource;
import dev.driftguard.internal.base.Log;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Wraps each DataSource bean in a {@link DriftGuardDataSource} after it is initialised, so that everything injected
 * with it — the application's repositories, Flyway, Liquibase — runs through driftguard. A DataSource that is, or
 * already wraps, a {@code DriftGuardDataSource} (the user wrapped it by hand) is left as it is. Under the driftguard
 * agent nothing is wrapped: the agent already records every connection, and both would record each statement.
 *
 * <p>First among the post-processors, so that driftguard sits right on the pool and others wrap it: Spring Boot's
 * lazy connection fetching ({@code spring.datasource.connection-fetch=lazy}) stays lazy, and only connections
 * really fetched reach driftguard.
 *
 * <p>Spring destroys the bean it created, the pool, not the wrapper; so before the pool closes, its wrapper is
 * closed, which marks the instance stopped while the pool can still reach the registry.
 */
final class DataSourceWrapping implements DestructionAwareBeanPostProcessor, Ordered {

    private static final Log LOG = Log.of(DataSourceWrapping.class);
    /** The one class the agent defines in the bootstrap class loader; its hook is set once the agent runs. */
    private static final String AGENT_DISPATCHER = "dev.driftguard.agent.bootstrap.Dispatcher";

    private final Supplier<Properties> settings;
    private final boolean underTheAgent = agentActive();
    /** Each data source bean wrapped here, with its wrapper. */
    private final Map<Object, DriftGuardDataSource> wrappers = Collections.synchronizedMap(new IdentityHashMap<>());

    DataSourceWrapping(Supplier<Properties> settings) {
        this.settings = settings;
        if (underTheAgent) {
            LOG.info("driftguard: the driftguard agent records this application's connections; the starter leaves"
                    + " its DataSources to it");
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (underTheAgent || !(bean instanceof DataSource) || guarded((DataSource) bean)) {
            return bean;
        }
        DriftGuardDataSource wrapper = new DriftGuardDataSource((DataSource) bean, settings.get());
        wrappers.put(bean, wrapper);
        return wrapper;
    }

    @Override
    public boolean requiresDestruction(Object bean) {
        return wrappers.containsKey(bean);
    }

    /** Closes the wrapper, and with it the pool; the pool's own destroy method that Spring calls next finds it closed. */
    @Override
    public void postProcessBeforeDestruction(Object bean, String beanName) {
        DriftGuardDataSource wrapper = wrappers.remove(bean);
        if (wrapper == null) {
            return;
        }
        try {
            wrapper.close();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("driftguard: closing data source {} failed: {}", beanName, e.getMessage());
        }
    }

    private static boolean agentActive() {
        try {
            return Class.forName(AGENT_DISPATCHER, false, null).getField("wrapper").get(null) != null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException noAgent) {
            return false;
        }
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
