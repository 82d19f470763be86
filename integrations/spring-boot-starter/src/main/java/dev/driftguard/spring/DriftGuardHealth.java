package dev.driftguard.spring;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The {@code driftguard} health component on Spring Boot 4: always UP, with the {@link HealthDetails}. */
final class DriftGuardHealth implements HealthIndicator {

    @Override
    public Health health() {
        return Health.up().withDetails(HealthDetails.now()).build();
    }
}
