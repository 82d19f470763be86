package dev.driftguard.cli;

import dev.driftguard.internal.base.Excerpt;
import dev.driftguard.internal.base.JdbcUrls;
import dev.driftguard.internal.base.Json;
import dev.driftguard.internal.guard.Blocker;
import dev.driftguard.internal.guard.Hazard;
import dev.driftguard.internal.guard.Verdict;
import dev.driftguard.internal.registry.LiveUse;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/** What {@code precheck} prints: text for a terminal, markdown for a pull request, JSON for a pipeline. */
final class PrecheckReport {

    private PrecheckReport() {
    }

    static void text(List<Checked> results, String url, boolean refused, PrintStream out) {
        out.println("driftguard precheck against " + JdbcUrls.mask(url));
        Path current = null;
        int blocked = 0;
        int unclear = 0;
        boolean incoming = false;
        for (Checked result : results) {
            if (!result.file.equals(current)) {
                current = result.file;
                out.println();
                out.println(current.getFileName());
            }
            out.println("  " + Excerpt.of(result.statement));
            for (Hazard hazard : result.verdict.hazards()) {
                List<String> blockers = descriptions(result.verdict.blockers(hazard));
                boolean widening = result.verdict.widenings().contains(hazard);
                out.println("    " + (!blockers.isEmpty() ? "REFUSED " : widening ? "WIDENS  " : "safe    ") + hazard);
                blockers.forEach(blocker -> out.println("             blocked by " + blocker));
                blocked += blockers.isEmpty() ? 0 : 1;
                incoming |= result.verdict.blockers(hazard).stream().anyMatch(PrecheckReport::incoming);
            }
            for (String reason : result.verdict.unanalysable()) {
                out.println("    UNCLEAR " + reason);
                unclear++;
            }
            result.lockWarnings.forEach(warning -> out.println("    LOCKS   " + warning));
        }
        out.println();
        out.println(results.isEmpty() ? "No schema change found." : blocked + " change" + (blocked == 1 ? "" : "s")
                + " blocked by live versions" + (incoming ? " or the one about to be deployed" : "") + ", " + unclear
                + " not analysable. "
                + (refused ? "Do not run this migration yet." : "Safe to run as far as driftguard can tell."));
    }

    static void markdown(List<Checked> results, boolean refused, PrintStream out) {
        long blocked = results.stream().mapToLong(r -> r.verdict.hazards().stream()
                .filter(h -> !r.verdict.blockers(h).isEmpty()).count()).sum();
        out.println("### driftguard precheck: " + (refused ? "⛔ " + blocked + " change" + (blocked == 1 ? "" : "s")
                + " would break live versions" : "✅ safe"));
        out.println();
        out.println("| file | change | verdict |");
        out.println("|---|---|---|");
        for (Checked result : results) {
            for (Hazard hazard : result.verdict.hazards()) {
                List<String> blockers = descriptions(result.verdict.blockers(hazard));
                String verdict = !blockers.isEmpty() ? "blocked by " + String.join("<br>", blockers)
                        : result.verdict.widenings().contains(hazard) ? "widens the type: safe" : "safe: no live version uses it";
                out.println("| `" + result.file.getFileName() + "` | " + markdown(hazard.toString()) + " | "
                        + markdown(verdict) + " |");
            }
            for (String reason : result.verdict.unanalysable()) {
                out.println("| `" + result.file.getFileName() + "` | " + markdown(reason) + " | cannot decide |");
            }
            for (String warning : result.lockWarnings) {
                out.println("| `" + result.file.getFileName() + "` | " + markdown(Excerpt.of(result.statement))
                        + " | ⚠️ locks: " + markdown(warning) + " |");
            }
        }
    }

    static void json(List<Checked> results, String url, boolean refused, PrintStream out) {
        StringJoiner statements = new StringJoiner(",");
        for (Checked result : results) {
            StringJoiner hazards = new StringJoiner(",");
            for (Hazard hazard : result.verdict.hazards()) {
                StringJoiner blockers = new StringJoiner(",");
                for (Blocker blocker : result.verdict.blockers(hazard)) {
                    String uses = blocker.uses().stream().map(PrecheckReport::useJson).collect(Collectors.joining(","));
                    blockers.add("{\"app\":" + Json.string(blocker.app()) + ",\"version\":" + Json.string(blocker.version())
                            + ",\"live_instances\":" + blocker.liveInstances() + ",\"own_version\":" + blocker.self()
                            + ",\"uses\":[" + uses + "]}");
                }
                hazards.add("{\"change\":" + Json.string(hazard.kind().words()) + ",\"schema\":" + Json.string(hazard.schema())
                        + ",\"table\":" + Json.string(hazard.table()) + ",\"column\":" + Json.string(hazard.column())
                        + ",\"to\":" + Json.string(hazard.detail()) + ",\"widening\":"
                        + result.verdict.widenings().contains(hazard) + ",\"blocked_by\":[" + blockers + "]}");
            }
            String unanalysable = result.verdict.unanalysable().stream().map(Json::string).collect(Collectors.joining(","));
            String locks = result.lockWarnings.stream().map(Json::string).collect(Collectors.joining(","));
            statements.add("{\"file\":" + Json.string(result.file.toString()) + ",\"sql\":" + Json.string(result.statement)
                    + ",\"hazards\":[" + hazards + "],\"unanalysable\":[" + unanalysable + "],\"lock_warnings\":["
                    + locks + "]}");
        }
        out.println("{\"url\":" + Json.string(JdbcUrls.mask(url)) + ",\"refused\":" + refused
                + ",\"statements\":[" + statements + "]}");
    }

    /** A blocker that is the version about to be deployed ({@code --incoming}), not a live one. */
    private static boolean incoming(Blocker blocker) {
        return blocker.uses().stream().allMatch(use -> use.source() == LiveUse.Source.INCOMING);
    }

    private static List<String> descriptions(List<Blocker> blockers) {
        return blockers.stream().map(Blocker::describe).collect(Collectors.toList());
    }

    private static String useJson(LiveUse use) {
        return "{\"column\":" + Json.string(use.column()) + ",\"access\":" + Json.string(use.access().label())
                + ",\"last_seen\":" + Json.string(use.lastSeen() == null ? null : use.lastSeen().toString())
                + ",\"source\":" + Json.string(use.source().label()) + "}";
    }

    private static String markdown(String text) {
        return text.replace("|", "\\|");
    }

    /** One statement of a migration file, the guard's verdict on it, and its lock warnings (never a refusal). */
    static final class Checked {
        final Path file;
        final String statement;
        final Verdict verdict;
        final List<String> lockWarnings;

        Checked(Path file, String statement, Verdict verdict, List<String> lockWarnings) {
            this.file = file;
            this.statement = statement;
            this.verdict = verdict;
            this.lockWarnings = List.copyOf(lockWarnings);
        }
    }
}
