package dev.driftguard.internal.guard;

import dev.driftguard.internal.base.JdbcUrls;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The text of a refusal, written for the person reading a failed deploy log. */
final class Refusal {

    private Refusal() {
    }

    static String message(Map<Hazard, List<Blocker>> blocked, String registryUrl) {
        Set<String> versions = new LinkedHashSet<>();
        blocked.values().forEach(blockers -> blockers.forEach(b -> versions.add(b.app + " " + b.version)));
        StringBuilder text = new StringBuilder("driftguard refused this statement: it would break ").append(versions.size())
                .append(" live application version").append(versions.size() == 1 ? "" : "s").append(".\n");
        for (Map.Entry<Hazard, List<Blocker>> entry : blocked.entrySet()) {
            text.append("\n  ").append(entry.getKey()).append('\n');
            for (Blocker blocker : entry.getValue()) {
                text.append("    blocked by ").append(blocker.describe()).append('\n');
            }
        }
        String url = JdbcUrls.mask(registryUrl);
        Blocker example = blocked.values().iterator().next().get(0);
        text.append("\nNothing was executed. What to do:\n")
                .append("  - ship this change in a later release, after the versions above are gone")
                .append(" (java -jar driftguard-cli.jar status --url ").append(url).append(" shows what is live);\n")
                .append("  - if a version above is really gone, retire it: java -jar driftguard-cli.jar retire --url ")
                .append(url).append(" --app ").append(example.app).append(" --version ").append(example.version).append(";\n")
                .append("  - to run it anyway, add /* driftguard:allow reason=\"why\" */ to the statement;")
                .append(" the override is recorded in the registry.");
        return text.toString();
    }
}
