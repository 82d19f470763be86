package dev.driftguard.internal.report;

import dev.driftguard.internal.base.Json;
import dev.driftguard.internal.report.Report.Candidate;
import dev.driftguard.internal.report.Report.Column;
import dev.driftguard.internal.registry.IncidentCount;
import dev.driftguard.internal.registry.OverrideEntry;
import dev.driftguard.internal.report.Report.Use;
import dev.driftguard.internal.report.Report.Version;
import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Function;

/** The report as one JSON document, shaped as {@code docs/report.schema.json} describes. */
final class JsonReport {

    private JsonReport() {
    }

    static void write(Report report, PrintWriter out) {
        out.println("{");
        out.println("  \"report_version\": " + Report.JSON_VERSION + ",");
        out.println("  \"generated_at\": " + time(report.generatedAt) + ",");
        out.println("  \"database\": " + Json.string(report.database) + ",");
        out.println("  \"observed_since\": " + time(report.observedSince) + ",");
        out.println("  \"observed_seconds\": " + report.observedFor().getSeconds() + ",");
        out.println("  \"incidents\": " + array(report.incidents, JsonReport::incident) + ",");
        out.println("  \"versions\": " + array(report.versions, version -> version(version, report.generatedAt)) + ",");
        out.println("  \"drop_candidates\": " + array(report.dropCandidates, JsonReport::candidate) + ",");
        out.println("  \"columns\": " + array(report.columns, JsonReport::column) + ",");
        out.println("  \"overrides\": " + array(report.overrides, JsonReport::override));
        out.println("}");
    }

    private static String incident(IncidentCount incident) {
        return "{\"app\":" + Json.string(incident.app) + ",\"version\":" + Json.string(incident.version)
                + ",\"kind\":" + Json.string(incident.kind) + ",\"schema\":" + Json.string(incident.schema)
                + ",\"table\":" + Json.string(incident.table) + ",\"column\":" + Json.string(incident.column)
                + ",\"count\":" + incident.count + ",\"first_at\":" + time(incident.firstAt)
                + ",\"last_at\":" + time(incident.lastAt) + "}";
    }

    private static String version(Version version, OffsetDateTime now) {
        return "{\"app\":" + Json.string(version.app) + ",\"version\":" + Json.string(version.version)
                + ",\"live\":" + version.live + ",\"live_instances\":" + version.liveInstances
                + ",\"first_started\":" + time(version.firstStarted) + ",\"last_heartbeat\":" + time(version.lastHeartbeat)
                + ",\"observed_seconds\":" + version.observedFor(now).getSeconds()
                + ",\"statement_shapes\":" + version.statementShapes + ",\"incidents\":" + version.incidents
                + ",\"missing\":" + strings(version.missing) + ",\"pending_removal\":" + strings(version.pendingRemoval)
                + ",\"status\":" + Json.string(version.status()) + ",\"coverage\":" + coverage(version.coverage) + "}";
    }

    private static String coverage(Report.Coverage coverage) {
        return coverage == null ? "null" : "{\"declared\":" + coverage.declared + ",\"declared_not_seen\":"
                + strings(coverage.declaredNotSeen) + ",\"seen_not_declared\":" + strings(coverage.seenNotDeclared) + "}";
    }

    private static String candidate(Candidate candidate) {
        return "{\"schema\":" + Json.string(candidate.schema) + ",\"table\":" + Json.string(candidate.table)
                + ",\"column\":" + Json.string(candidate.column) + ",\"reason\":" + Json.string(candidate.reasonName())
                + ",\"last_version\":" + Json.string(candidate.lastVersion) + ",\"last_used\":" + time(candidate.lastUsed)
                + "}";
    }

    private static String column(Column column) {
        return "{\"schema\":" + Json.string(column.schema) + ",\"table\":" + Json.string(column.table)
                + ",\"column\":" + Json.string(column.column) + ",\"type\":" + Json.string(column.type)
                + ",\"nullable\":" + column.nullable + ",\"in_schema\":" + column.inSchema
                + ",\"uses\":" + inline(column.uses, JsonReport::use) + ",\"declared_by\":" + strings(column.declaredBy) + "}";
    }

    private static String use(Use use) {
        return "{\"app\":" + Json.string(use.app) + ",\"version\":" + Json.string(use.version) + ",\"live\":" + use.live
                + ",\"access\":" + strings(List.copyOf(new TreeSet<>(use.access)))
                + ",\"first_seen\":" + time(use.firstSeen) + ",\"last_seen\":" + time(use.lastSeen)
                + ",\"count\":" + use.count + ",\"via\":" + strings(use.via) + "}";
    }

    private static String override(OverrideEntry override) {
        return "{\"at\":" + time(override.at) + ",\"app\":" + Json.string(override.app) + ",\"version\":"
                + Json.string(override.version) + ",\"user\":" + Json.string(override.user) + ",\"reason\":"
                + Json.string(override.reason) + ",\"statement\":" + Json.string(override.statement) + "}";
    }

    private static <T> String array(List<T> items, Function<T, String> element) {
        if (items.isEmpty()) {
            return "[]";
        }
        StringJoiner array = new StringJoiner(",\n    ", "[\n    ", "\n  ]");
        items.forEach(item -> array.add(element.apply(item)));
        return array.toString();
    }

    private static <T> String inline(List<T> items, Function<T, String> element) {
        StringJoiner array = new StringJoiner(",", "[", "]");
        items.forEach(item -> array.add(element.apply(item)));
        return array.toString();
    }

    private static String strings(List<String> values) {
        return inline(values, Json::string);
    }

    private static String time(OffsetDateTime time) {
        return time == null ? "null" : Json.string(time.toInstant().toString());
    }
}
