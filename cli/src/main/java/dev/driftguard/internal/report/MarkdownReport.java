package dev.driftguard.internal.report;

import dev.driftguard.internal.report.Report.Candidate;
import dev.driftguard.internal.report.Report.Column;
import dev.driftguard.internal.registry.IncidentCount;
import dev.driftguard.internal.registry.OverrideEntry;
import dev.driftguard.internal.report.Report.Use;
import dev.driftguard.internal.report.Report.Version;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** The report for pull requests and wikis: GitHub-flavoured Markdown tables, identifiers in code spans. */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static void write(Report report, PrintWriter out) {
        out.println("# driftguard report: " + code(report.database));
        out.println();
        out.println("Generated " + Report.time(report.generatedAt) + ". " + (report.observedSince == null
                ? "No application has used this database through driftguard yet."
                : "Usage observed since " + Report.time(report.observedSince) + " ("
                + Report.humanDuration(report.observedFor()) + ")."));

        section(out, "Drift incidents", report.incidents.isEmpty());
        if (!report.incidents.isEmpty()) {
            out.println("| version | missing | kind | times | last |");
            out.println("|---|---|---|---:|---|");
            for (IncidentCount incident : report.incidents) {
                out.println("| " + code(incident.app + " " + incident.version) + " | " + code(incident.target()) + " | "
                        + incident.kindWords() + " | " + incident.count + " | " + Report.time(incident.lastAt) + " |");
            }
        }

        List<Version> live = report.liveVersions();
        section(out, "Deploy readiness of live versions", live.isEmpty());
        if (!live.isEmpty()) {
            out.println("| version | live instances | observed | statement shapes | incidents | missing | pending removal"
                    + " | declared |");
            out.println("|---|---:|---|---:|---:|---|---|---|");
            for (Version version : live) {
                out.println("| " + code(version.label()) + " | " + version.liveInstances + " | "
                        + Report.humanDuration(version.observedFor(report.generatedAt)) + " | "
                        + (version.statementShapes == null ? "?" : version.statementShapes) + " | " + version.incidents
                        + " | " + codes(version.missing) + " | " + codes(version.pendingRemoval) + " | "
                        + (version.coverage == null ? "" : version.coverage.words(MarkdownReport::codes)) + " |");
            }
        }

        section(out, "Drop candidates", report.dropCandidates.isEmpty());
        if (!report.dropCandidates.isEmpty()) {
            out.println("Nothing live uses these. Never-seen ones have been watched for "
                    + Report.humanDuration(report.observedFor()) + ": make sure no rare job needs them.");
            out.println();
            out.println("| table / column | why | last used by | last used |");
            out.println("|---|---|---|---|");
            for (Candidate candidate : report.dropCandidates) {
                out.println("| " + code(Report.qualified(candidate.schema, candidate.label(), null)) + " | "
                        + (candidate.reason == Candidate.Reason.RETIRED_ONLY ? "used only by retired versions"
                        : "never seen used") + " | " + (candidate.lastVersion == null ? "" : code(candidate.lastVersion))
                        + " | " + (candidate.lastUsed == null ? "" : Report.time(candidate.lastUsed)) + " |");
            }
        }

        section(out, "Column usage", report.columns.isEmpty());
        if (!report.columns.isEmpty()) {
            out.println("R read, W write; live versions in **bold**.");
            out.println();
            out.println("| column | type | used by |");
            out.println("|---|---|---|");
            for (Column column : report.columns) {
                String type = !column.inSchema ? "**not in schema**" : column.type == null ? "" : code(column.type)
                        + (Boolean.FALSE.equals(column.nullable) ? " not null" : "");
                String users = column.uses.stream().map(MarkdownReport::use).collect(Collectors.joining(", "));
                out.println("| " + code(Report.qualified(column.schema, column.label(), null)) + " | " + type + " | "
                        + users + " |");
            }
        }

        section(out, "Overrides of the guard", report.overrides.isEmpty());
        if (!report.overrides.isEmpty()) {
            out.println("| when | version | user | reason | statement |");
            out.println("|---|---|---|---|---|");
            for (OverrideEntry override : report.overrides) {
                out.println("| " + Report.time(override.at) + " | " + code(override.app + " " + override.version) + " | "
                        + code(override.user) + " | " + text(override.reason) + " | " + code(override.statementLine(120))
                        + " |");
            }
        }
    }

    private static void section(PrintWriter out, String title, boolean empty) {
        out.println();
        out.println("## " + title);
        out.println();
        if (empty) {
            out.println("None.");
        }
    }

    private static String use(Use use) {
        String label = code(use.app + " " + use.version) + " " + use.letters()
                + (use.via.isEmpty() ? "" : " via " + codes(use.via));
        return use.live ? "**" + label + "**" : label;
    }


    private static String codes(List<String> names) {
        return names.stream().map(MarkdownReport::code).collect(Collectors.joining(", "));
    }

    /**
     * In a code span: backticks and pipes cannot break out of it or the table. CommonMark ends a code span at the
     * next run of exactly as many backticks as opened it, so the fence is one longer than the longest run inside.
     */
    static String code(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = value.replace("|", "\\|").replaceAll("[\\p{Cntrl}]+", " ");
        int longest = 0;
        for (int i = 0, run = 0; i < safe.length(); i++) {
            run = safe.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        return longest == 0 ? fence + safe + fence : fence + " " + safe + " " + fence;
    }

    /** Plain text in a table cell: Markdown and HTML are escaped. */
    static String text(String value) {
        return value == null ? "" : value.replaceAll("[\\p{Cntrl}]+", " ").replaceAll("([\\\\`*_\\[\\]<>|#&!])", "\\\\$1");
    }
}
