package dev.driftguard.spring;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.info.BuildProperties;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
     * are read only when the first DataSource is wrapped. Declared as its own type: Spring orders post-processors
     * by the declared type, before it creates them.
     */
    @Bean
    static DataSourceWrapping driftGuardDataSourceWrapping(Environment environment,
                                                          ObjectProvider<BuildProperties> build) {
        return new DataSourceWrapping(() -> ApplicationSettings.of(environment, build.getIfAvailable()));
    }

    /** Spring Boot hands Flyway every callback bean: Flyway's migrations are not recorded as the application's usage. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.flywaydb.core.api.callback.Callback")
    static class FlywayMigrations {
        @Bean
        org.flywaydb.core.api.callback.Callback driftGuardFlywayMigrationScope() {
            return FlywayMigrationScope.callback();
        }
    }

    /** {@code /actuator/driftguard}, exposed like any endpoint ({@code management.endpoints.web.exposure.include}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class Endpoint {
        @Bean
        @ConditionalOnMissingBean
        DriftGuardEndpoint driftGuardEndpoint() {
            return new DriftGuardEndpoint();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Meters {
        @Bean
        MeterBinder driftGuardMeters() {
            return new DriftGuardMeters();
        }
    }

    /** Spring Boot 4's health API. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Health {
        @Bean(name = "driftguardHealthIndicator")
        HealthIndicator driftGuardHealth() {
            return new DriftGuardHealth();
        }
    }
}
