package dev.driftguard.spring;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Puts every {@link DataSource} bean of the application through driftguard, once, named after the application:
 * adding the starter is the whole set-up. {@code driftguard.enabled=false} turns it off.
 */
@AutoConfiguration
@ConditionalOnClass(DataSource.class)
@ConditionalOnProperty(name = "driftguard.enabled", havingValue = "true", matchIfMissing = true)
public class DriftGuardAutoConfiguration {

    /**
     * Static, so that it exists before any DataSource bean is created; the environment and the build information
     * are read only when the first DataSource is wrapped.
     */
    @Bean
    static BeanPostProcessor driftGuardDataSourceWrapping(Environment environment,
                                                          ObjectProvider<BuildProperties> build) {
        return new DataSourceWrapping(() -> ApplicationSettings.of(environment, build.getIfAvailable()));
    }
}
