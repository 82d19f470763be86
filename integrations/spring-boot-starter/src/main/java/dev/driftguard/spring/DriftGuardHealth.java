package dev.driftguard.spring;

import dev.driftguard.DriftGuard;
import dev.driftguard.DriftGuardStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The registry's state in {@code /actuator/health}, always UP: an unreachable registry costs the guard its answers
 * and delays publication, but the application serves as before, so it must never be taken out of a load balancer
 * or restarted for it.
 */
final class DriftGuardHealth implements HealthIndicator {

    @Override
    public Health health() {
        List<Map<String, Object>> recordings = new ArrayList<>();
        boolean allReachable = true;
        for (DriftGuardStatus status : DriftGuard.status()) {
            allReachable &= !Boolean.FALSE.equals(status.registryReachable());
            Map<String, Object> recording = new LinkedHashMap<>();
            recording.put("app", status.app());
            recording.put("version", status.version());
            recording.put("registry", registryState(status.registryReachable()));
            recordings.add(recording);
        }
        return Health.up().withDetail("registry", allReachable ? "reachable" : "unreachable")
                .withDetail("recordings", recordings).build();
    }

    private static String registryState(Boolean reachable) {
        return reachable == null ? "not yet heard from" : reachable ? "reachable" : "unreachable";
    }
}
