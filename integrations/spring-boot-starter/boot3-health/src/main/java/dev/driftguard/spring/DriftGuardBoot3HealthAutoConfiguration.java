package dev.driftguard.spring;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The {@code driftguard} health component on Spring Boot 3.5, whose health API lives where Spring Boot 4 no longer
 * has it. Never loaded on Spring Boot 4, where {@code DriftGuardAutoConfiguration} contributes the component.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnProperty(name = "driftguard.enabled", havingValue = "true", matchIfMissing = true)
public class DriftGuardBoot3HealthAutoConfiguration {

    @Bean(name = "driftguardHealthIndicator")
    HealthIndicator driftGuardHealth() {
        return () -> Health.up().withDetails(HealthDetails.now()).build();
    }
}
