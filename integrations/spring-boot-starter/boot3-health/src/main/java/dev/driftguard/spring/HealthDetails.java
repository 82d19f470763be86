package dev.driftguard.spring;

import dev.driftguard.DriftGuard;
import dev.driftguard.DriftGuardStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the health component shows, on either line of Spring Boot: the registry's state over all recordings, and
 * each recording's. The component itself is always UP: an unreachable registry costs the guard its answers and
 * delays publication, but the application serves as before, so it must never be taken out of a load balancer or
 * restarted for it.
 */
final class HealthDetails {

    private HealthDetails() {
    }

    /** {@code registry}: reachable or unreachable; {@code recordings}: app, version and registry state of each. */
    static Map<String, Object> now() {
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
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("registry", allReachable ? "reachable" : "unreachable");
        details.put("recordings", recordings);
        return details;
    }

    private static String registryState(Boolean reachable) {
        return reachable == null ? "not yet heard from" : reachable ? "reachable" : "unreachable";
    }
}
