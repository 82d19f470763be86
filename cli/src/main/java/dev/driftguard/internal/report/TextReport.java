package dev.driftguard.internal.report;

import dev.driftguard.internal.report.Report.Candidate;
import dev.driftguard.internal.report.Report.Column;
import dev.driftguard.internal.registry.IncidentCount;
import dev.driftguard.internal.registry.OverrideEntry;
import dev.driftguard.internal.report.Report.Use;
import dev.driftguard.internal.report.Report.Version;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The report for a terminal: no line longer than 80 columns, most urgent first. */
final class TextReport {

    static final int WIDTH = 80;

    private TextReport() {
    }

    static void write(Report report, PrintWriter terminal) {
        PrintWriter out = new Visible(terminal);
        out.println(fit("driftguard report: database " + report.database + ", " + Report.time(report.generatedAt)));
        out.println(report.observedSince == null ? "No application has used this database through driftguard yet."
                : fit("Usage observed since " + Report.time(report.observedSince) + " ("
                + Report.humanDuration(report.observedFor()) + ")."));

        heading(out, "Drift incidents", report.incidents.size());
        for (IncidentCount incident : report.incidents) {
            wrap(out, "  ", "      ", incident.app + " " + incident.version + ": " + incident.target() + " " + incident.kindWords()
                    + " (" + incident.count + "x, last " + Report.time(incident.lastAt) + ")");
        }

        List<Version> live = report.liveVersions();
        heading(out, "Deploy readiness of live versions", live.size());
        for (Version version : live) {
            wrap(out, "  ", "      ", version.label() + ": " + version.liveInstances + " live, observed "
                    + Report.humanDuration(version.observedFor(report.generatedAt)) + ", "
                    + (version.statementShapes == null ? "?" : version.statementShapes) + " statement shapes, "
                    + (version.incidents == 0 ? "no" : version.incidents) + " incidents");
            if (!version.missing.isEmpty()) {
                wrap(out, "      ", "        ", "MISSING (fails where used): " + String.join(", ", version.missing));
            }
            if (!version.pendingRemoval.isEmpty()) {
                wrap(out, "      ", "        ", "pending removal (newer version no longer uses): "
                        + String.join(", ", version.pendingRemoval));
            }
            if (version.coverage != null) {
                wrap(out, "      ", "        ", "declared by its manifest: " + version.coverage.words());
            }
            if (version.missing.isEmpty() && version.pendingRemoval.isEmpty()) {
                out.println("      ok: everything it uses exists, nothing it uses is on the way out");
            }
        }

        heading(out, "Drop candidates (no live version uses them)", report.dropCandidates.size());
        List<String> retired = new ArrayList<>();
        List<String> never = new ArrayList<>();
        for (Candidate candidate : report.dropCandidates) {
            String name = Report.qualified(candidate.schema, candidate.table, null) + (candidate.column == null
                    ? " (table)" : "." + candidate.column);
            if (candidate.reason == Candidate.Reason.RETIRED_ONLY) {
                retired.add(name + " - last " + candidate.lastVersion + ", " + Report.time(candidate.lastUsed));
            } else {
                never.add(name);
            }
        }
        if (!retired.isEmpty()) {
            out.println("  Used only by retired versions:");
            retired.forEach(line -> wrap(out, "    ", "        ", line));
        }
        if (!never.isEmpty()) {
            out.println(fit("  Never seen used in " + Report.humanDuration(report.observedFor())
                    + " of observation (is there a rarer job?):"));
            never.forEach(line -> wrap(out, "    ", "        ", line));
        }

        heading(out, "Column usage (R read, W write; * = version is live)", report.columns.size());
        String table = null;
        for (Column column : report.columns) {
            String qualifiedTable = Report.qualified(column.schema, column.table, null);
            if (!qualifiedTable.equals(table)) {
                table = qualifiedTable;
                out.println(fit("  " + table));
            }
            String name = column.column.isEmpty() ? "(table)" : column.column;
            String facts = !column.inSchema ? "NOT IN SCHEMA" : column.type == null ? ""
                    : column.type + (Boolean.FALSE.equals(column.nullable) ? " not null" : "");
            List<String> users = new ArrayList<>();
            for (Use use : column.uses) {
                users.add(use.app + " " + use.version + (use.live ? "*" : "") + " " + use.letters() + use.viaWords());
            }
            wrap(out, "    ", "        ", String.format("%-22s %-20s %s", name, facts,
                    users.isEmpty() ? "-" : String.join(", ", users)));
        }

        heading(out, "Overrides of the guard", report.overrides.size());
        for (OverrideEntry override : report.overrides) {
            wrap(out, "  ", "    ", Report.time(override.at) + " " + override.app + " " + override.version + " ("
                    + override.user + "): \"" + override.reason + "\"");
            out.println("    " + override.statementLine(WIDTH - 4));
        }
    }

    private static void heading(PrintWriter out, String title, int count) {
        out.println();
        out.println(fit(title.toUpperCase(java.util.Locale.ROOT) + " (" + count + ")"));
        if (count == 0) {
            out.println("  none");
        }
    }

    /** Prints {@code text} after {@code first}, continued after {@code next} on lines of at most 80 columns. */
    private static void wrap(PrintWriter out, String first, String next, String text) {
        String rest = text;
        String prefix = first;
        while ((prefix + rest).length() > WIDTH) {
            int room = WIDTH - prefix.length();
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= room / 2) {
                cut = room; // one long word: break it
            }
            out.println(prefix + rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
            prefix = next;
        }
        out.println(prefix + rest);
    }

    /**
     * A terminal runs the control characters it is sent (escape sequences move the cursor, clear the screen); a name
     * holding one is shown with U+FFFD in its place, one column wide like the character it replaces.
     */
    private static final class Visible extends PrintWriter {
        Visible(PrintWriter out) {
            super(out);
        }

        @java.lang.Override
        public void println(String line) {
            StringBuilder shown = new StringBuilder(line.length());
            line.codePoints().forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? 0xFFFD : c));
            super.println(shown.toString());
        }
    }

    private static String fit(String line) {
        return line.length() <= WIDTH ? line : line.substring(0, WIDTH - 1) + "…";
    }
}
