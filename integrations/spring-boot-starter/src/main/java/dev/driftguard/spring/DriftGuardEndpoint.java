package dev.driftguard.spring;

import dev.driftguard.DriftGuard;
import dev.driftguard.DriftGuardStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/driftguard}: per application version and database this process connected to, who it is, how its
 * registry is doing, what was recorded and what was refused. Identifiers and counts only.
 */
@Endpoint(id = "driftguard")
public class DriftGuardEndpoint {

    @ReadOperation
    public Map<String, Object> status() {
        List<Map<String, Object>> recordings = new ArrayList<>();
        for (DriftGuardStatus status : DriftGuard.status()) {
            recordings.add(describe(status));
        }
        return Map.of("recordings", recordings);
    }

    static Map<String, Object> describe(DriftGuardStatus status) {
        Map<String, Object> registry = new LinkedHashMap<>();
        registry.put("reachable", status.registryReachable());
        registry.put("lastHeartbeat", status.lastHeartbeat() == null ? null : status.lastHeartbeat().toString());
        registry.put("unpublishedUses", status.unpublishedUses());
        registry.put("publicationLagSeconds", status.publicationLag().toMillis() / 1000.0);
        registry.put("errors", status.registryErrors());

        Map<String, Object> described = new LinkedHashMap<>();
        described.put("app", status.app());
        described.put("version", status.version());
        described.put("instance", status.instance());
        described.put("database", status.database());
        described.put("since", status.since().toString());
        described.put("registry", registry);
        described.put("shapes", status.shapes());
        described.put("unreadableShapes", status.unreadableShapes());
        described.put("droppedParses", status.droppedParses());
        described.put("parseQueue", status.parseQueue());
        described.put("refusals", status.refusals());
        described.put("recentRefusals", status.recentRefusals());
        return described;
    }
}
