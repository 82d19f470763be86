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

/**
 * The report as one self-contained HTML file (no external assets): the sections of the text report and a
 * table × version matrix whose columns sort on a click. Every value from the database is HTML-escaped.
 */
final class HtmlReport {

    private static final String STYLE = "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
            + "h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}"
            + "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left}"
            + "th{background:#f3f3f3}#matrix th{cursor:pointer;position:sticky;top:0}"
            + "#matrix th.live{background:#dff0d8}td.R{background:#e3f2fd}td.W{background:#fff3e0}"
            + "td.RW{background:#ede7f6}tr.missing td{background:#fdecea}code{font-size:.95em}"
            + ".bad{color:#b00020;font-weight:bold}.muted{color:#777}";

    /** Sorts the matrix by the clicked column; a second click reverses. */
    private static final String SCRIPT = "(function(){var t=document.getElementById('matrix');if(!t)return;"
            + "var hs=t.tHead.rows[0].cells;for(var i=0;i<hs.length;i++){(function(c){hs[c].addEventListener('click',"
            + "function(){var b=t.tBodies[0],rs=Array.prototype.slice.call(b.rows),d=hs[c].getAttribute('data-dir')==='asc'"
            + "?-1:1;rs.sort(function(x,y){return d*x.cells[c].textContent.localeCompare(y.cells[c].textContent,"
            + "undefined,{numeric:true});});rs.forEach(function(r){b.appendChild(r);});for(var j=0;j<hs.length;j++)"
            + "hs[j].removeAttribute('data-dir');hs[c].setAttribute('data-dir',d===1?'asc':'desc');});})(i);}"
            + "t.setAttribute('data-sortable','ready');})();";

    private HtmlReport() {
    }

    static void write(Report report, PrintWriter out) {
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        out.println("<title>driftguard report: " + escape(report.database) + "</title>");
        out.println("<style>" + STYLE + "</style></head><body>");
        out.println("<h1>driftguard report: <code>" + escape(report.database) + "</code></h1>");
        out.println("<p>Generated " + escape(Report.time(report.generatedAt)) + ". " + (report.observedSince == null
                ? "No application has used this database through driftguard yet."
                : "Usage observed since " + escape(Report.time(report.observedSince)) + " ("
                + escape(Report.humanDuration(report.observedFor())) + ").") + "</p>");

        out.println("<h2>Drift incidents (" + report.incidents.size() + ")</h2>");
        table(out, "incidents", List.of("version", "missing", "kind", "times", "last"), report.incidents.stream()
                .map(HtmlReport::incident).collect(Collectors.toList()));

        List<Version> live = report.liveVersions();
        out.println("<h2>Deploy readiness of live versions (" + live.size() + ")</h2>");
        table(out, "readiness", List.of("version", "live instances", "observed", "statement shapes", "incidents",
                "missing", "pending removal", "declared"), live.stream().map(version -> readiness(version, report))
                .collect(Collectors.toList()));

        out.println("<h2>Drop candidates (" + report.dropCandidates.size() + ")</h2>");
        out.println("<p>No live version uses these. Never-seen ones have been watched for "
                + escape(Report.humanDuration(report.observedFor())) + ": make sure no rare job needs them.</p>");
        table(out, "candidates", List.of("table / column", "why", "last used by", "last used"), report.dropCandidates
                .stream().map(HtmlReport::candidate).collect(Collectors.toList()));

        out.println("<h2>Column usage (" + report.columns.size() + ")</h2>");
        out.println("<p>R read, W write. Live versions have a green heading. Click a heading to sort.</p>");
        matrix(out, report);

        out.println("<h2>Overrides of the guard (" + report.overrides.size() + ")</h2>");
        table(out, "overrides", List.of("when", "version", "user", "reason", "statement"), report.overrides.stream()
                .map(HtmlReport::override).collect(Collectors.toList()));

        out.println("<script>" + SCRIPT + "</script>");
        out.println("</body></html>");
    }

    private static void matrix(PrintWriter out, Report report) {
        out.println("<table id=\"matrix\"><thead><tr><th>table</th><th>column</th><th>type</th><th>null</th>");
        for (Version version : report.versions) {
            out.println("<th" + (version.live ? " class=\"live\" title=\"live\"" : " title=\"retired\"") + ">"
                    + escape(version.label()) + "</th>");
        }
        out.println("</tr></thead><tbody>");
        for (Column column : report.columns) {
            StringBuilder row = new StringBuilder(column.inSchema ? "<tr>" : "<tr class=\"missing\">");
            row.append("<td>").append(escape(Report.qualified(column.schema, column.table, null))).append("</td><td>")
                    .append(column.column.isEmpty() ? "<span class=\"muted\">(table)</span>" : escape(column.column))
                    .append("</td><td>").append(column.inSchema ? escape(column.type == null ? "" : column.type)
                            : "<span class=\"bad\">not in schema</span>")
                    .append("</td><td>").append(column.nullable == null ? "" : column.nullable ? "yes" : "no").append("</td>");
            for (Version version : report.versions) {
                Use use = column.useBy(version);
                row.append(use == null ? "<td></td>" : "<td class=\"" + use.letters() + "\" title=\"last "
                        + escape(Report.time(use.lastSeen) + use.viaWords()) + "\">" + use.letters()
                        + (use.via.isEmpty() ? "" : "&#x2192;") + "</td>");
            }
            out.println(row.append("</tr>"));
        }
        out.println("</tbody></table>");
    }

    private static List<String> incident(IncidentCount incident) {
        return List.of(escape(incident.app + " " + incident.version), code(incident.target()), escape(incident.kindWords()),
                Long.toString(incident.count), escape(Report.time(incident.lastAt)));
    }

    private static List<String> readiness(Version version, Report report) {
        return List.of(escape(version.label()), Integer.toString(version.liveInstances),
                escape(Report.humanDuration(version.observedFor(report.generatedAt))),
                version.statementShapes == null ? "?" : version.statementShapes.toString(),
                Long.toString(version.incidents),
                version.missing.isEmpty() ? "" : "<span class=\"bad\">" + codes(version.missing) + "</span>",
                codes(version.pendingRemoval), (version.coverage == null ? "" : version.coverage.words(HtmlReport::codes)));
    }


    private static List<String> candidate(Candidate candidate) {
        return List.of(code(Report.qualified(candidate.schema, candidate.label(), null)),
                candidate.reason == Candidate.Reason.RETIRED_ONLY ? "used only by retired versions" : "never seen used",
                escape(candidate.lastVersion == null ? "" : candidate.lastVersion),
                candidate.lastUsed == null ? "" : escape(Report.time(candidate.lastUsed)));
    }

    private static List<String> override(OverrideEntry override) {
        return List.of(escape(Report.time(override.at)), escape(override.app + " " + override.version),
                escape(override.user), escape(override.reason), code(override.statementLine(200)));
    }

    /** A table of already escaped cells, or "None." */
    private static void table(PrintWriter out, String id, List<String> headings, List<List<String>> rows) {
        if (rows.isEmpty()) {
            out.println("<p class=\"muted\">None.</p>");
            return;
        }
        out.println("<table id=\"" + id + "\"><thead><tr>" + headings.stream().map(h -> "<th>" + escape(h) + "</th>")
                .collect(Collectors.joining()) + "</tr></thead><tbody>");
        for (List<String> row : rows) {
            out.println("<tr>" + row.stream().map(cell -> "<td>" + cell + "</td>").collect(Collectors.joining()) + "</tr>");
        }
        out.println("</tbody></table>");
    }

    private static String codes(List<String> names) {
        return names.stream().map(HtmlReport::code).collect(Collectors.joining(", "));
    }

    private static String code(String value) {
        return "<code>" + escape(value) + "</code>";
    }

    /** Text and attribute values: the five characters HTML gives meaning to. */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '&':
                    out.append("&amp;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\'':
                    out.append("&#39;");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }
}
