package dev.driftguard.internal.report;

import dev.driftguard.internal.registry.IncidentCount;
import dev.driftguard.internal.registry.OverrideEntry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The audit report of one database: drift incidents, deploy readiness of every version, column usage joined with
 * the live catalog, drop candidates and overrides. Immutable; {@link #read read} it, then {@link #write write} it.
 */
public final class Report {

    /** The formats the report is written in. */
    public enum Format {
        TEXT, JSON, CSV, MARKDOWN, HTML;

        /** The format named {@code name} (any case), or null. */
        public static Format of(String name) {
            for (Format format : values()) {
                if (format.name().equalsIgnoreCase(name)) {
                    return format;
                }
            }
            return null;
        }
    }

    /** Version of the JSON document's shape; raised only by a change that could break a reader. */
    static final int JSON_VERSION = 1;

    final OffsetDateTime generatedAt;
    final String database;
    /** When the first instance that used this database registered; null when none has. */
    final OffsetDateTime observedSince;
    final List<IncidentCount> incidents;
    final List<Version> versions;
    final List<Column> columns;
    final List<Candidate> dropCandidates;
    final List<OverrideEntry> overrides;

    Report(OffsetDateTime generatedAt, String database, OffsetDateTime observedSince, List<IncidentCount> incidents,
           List<Version> versions, List<Column> columns, List<Candidate> dropCandidates, List<OverrideEntry> overrides) {
        this.generatedAt = generatedAt;
        this.database = database;
        this.observedSince = observedSince;
        this.incidents = List.copyOf(incidents);
        this.versions = List.copyOf(versions);
        this.columns = List.copyOf(columns);
        this.dropCandidates = List.copyOf(dropCandidates);
        this.overrides = List.copyOf(overrides);
    }

    /**
     * Reads the report of the database {@code database} is connected to from the registry {@code registry} is
     * connected to (it may be the same connection); {@code progress} hears of each step.
     */
    public static Report read(Connection database, Connection registry, String registryUrl, Progress progress)
            throws SQLException {
        return new ReportReader(database, registry, registryUrl, progress).read();
    }

    /** Writes the report in {@code format}. */
    public void write(Format format, PrintWriter out) {
        switch (format) {
            case JSON:
                JsonReport.write(this, out);
                break;
            case CSV:
                CsvReport.write(this, out);
                break;
            case MARKDOWN:
                MarkdownReport.write(this, out);
                break;
            case HTML:
                HtmlReport.write(this, out);
                break;
            default:
                TextReport.write(this, out);
        }
        out.flush();
    }

    /** How long usage has been observed, zero when it has not. */
    Duration observedFor() {
        return observedSince == null ? Duration.ZERO : Duration.between(observedSince, generatedAt);
    }

    /** The live versions, in report order. */
    List<Version> liveVersions() {
        return versions.stream().filter(version -> version.live).collect(java.util.stream.Collectors.toList());
    }

    /** {@code 21 days}, {@code 5 hours}, {@code 12 minutes}: how long, to a person. */
    static String humanDuration(Duration duration) {
        long days = duration.toDays();
        if (days >= 2) {
            return days + " days";
        }
        long hours = duration.toHours();
        if (hours >= 2) {
            return hours + " hours";
        }
        long minutes = duration.toMinutes();
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    /** {@code 2026-11-22 14:03 UTC}. */
    static String time(OffsetDateTime time) {
        return time == null ? "-" : time.toLocalDateTime().withSecond(0).withNano(0).toString().replace('T', ' ') + " UTC";
    }

    /** {@code schema.table.column}, or {@code schema.table} for a table; the schema left out when empty. */
    static String qualified(String schema, String table, String column) {
        String name = (schema == null || schema.isEmpty() ? "" : schema + ".") + table;
        return column == null ? name : name + "." + column;
    }

    /** One application version: its instances, what it has run, and whether it is safe to keep running. */
    static final class Version {
        final String app;
        final String version;
        final boolean live;
        final int liveInstances;
        final OffsetDateTime firstStarted;
        final OffsetDateTime lastHeartbeat;
        /** Distinct statement shapes one of its instances ran; null when no instance said. */
        final Long statementShapes;
        /** How many drift incidents it ran into. */
        final long incidents;
        /** Columns and tables it uses that the catalog no longer has. */
        final List<String> missing;
        /** Columns it uses that the newest version of the same application no longer uses. */
        final List<String> pendingRemoval;
        /** What its declaration (its tests) covers of what it was seen using; null when it declared nothing. */
        final Coverage coverage;

        Version(String app, String version, boolean live, int liveInstances, OffsetDateTime firstStarted,
                OffsetDateTime lastHeartbeat, Long statementShapes, long incidents, List<String> missing,
                List<String> pendingRemoval, Coverage coverage) {
            this.app = app;
            this.version = version;
            this.live = live;
            this.liveInstances = liveInstances;
            this.firstStarted = firstStarted;
            this.lastHeartbeat = lastHeartbeat;
            this.statementShapes = statementShapes;
            this.incidents = incidents;
            this.missing = List.copyOf(missing);
            this.pendingRemoval = List.copyOf(pendingRemoval);
            this.coverage = coverage;
        }

        String label() {
            return app + " " + version;
        }

        /** {@code missing}, {@code pending_removal} or {@code ok}. */
        String status() {
            return !missing.isEmpty() ? "missing" : !pendingRemoval.isEmpty() ? "pending_removal" : "ok";
        }

        Duration observedFor(OffsetDateTime now) {
            return firstStarted == null ? Duration.ZERO : Duration.between(firstStarted, now);
        }
    }

    /**
     * Observed against declared usage of one version, by name ({@code schema.table.column}, or {@code schema.table}
     * for a use of the table itself or of every column).
     */
    static final class Coverage {
        /** How many uses it declared. */
        final int declared;
        /** Declared, never seen running: paths its tests take and production has not (yet). */
        final List<String> declaredNotSeen;
        /** Seen running, not declared: what its test suite misses. */
        final List<String> seenNotDeclared;

        Coverage(int declared, List<String> declaredNotSeen, List<String> seenNotDeclared) {
            this.declared = declared;
            this.declaredNotSeen = List.copyOf(declaredNotSeen);
            this.seenNotDeclared = List.copyOf(seenNotDeclared);
        }

        /** {@code 42 declared; 3 not seen running: …; 1 seen, not declared (the tests miss them): …}. */
        String words() {
            return words(names -> String.join(", ", names));
        }

        /** The same, each list of names as {@code names} renders it (code spans, escaped HTML). */
        String words(java.util.function.Function<List<String>, String> names) {
            return declared + " declared" + (declaredNotSeen.isEmpty() ? "" : "; " + declaredNotSeen.size()
                    + " not seen running: " + names.apply(declaredNotSeen)) + (seenNotDeclared.isEmpty() ? ""
                    : "; " + seenNotDeclared.size() + " seen, not declared (the tests miss them): "
                    + names.apply(seenNotDeclared));
        }
    }

    /**
     * A column of the catalog, or a column or table some version used that the catalog lacks. {@code column} is
     * {@code *} for "every column" and empty for "the table itself", as in the registry.
     */
    static final class Column {
        final String schema;
        final String table;
        final String column;
        /** As the catalog states it; null for {@code *}, the table itself, and what is not in the schema. */
        final String type;
        final Boolean nullable;
        final boolean inSchema;
        final List<Use> uses;
        /** The versions ({@code app version}) whose declaration names it, sorted. */
        final List<String> declaredBy;

        Column(String schema, String table, String column, String type, Boolean nullable, boolean inSchema,
               List<Use> uses, List<String> declaredBy) {
            this.schema = schema;
            this.table = table;
            this.column = column;
            this.type = type;
            this.nullable = nullable;
            this.inSchema = inSchema;
            this.uses = List.copyOf(uses);
            this.declaredBy = List.copyOf(declaredBy);
        }

        /** {@code product.rating}, {@code product.*}, {@code product (table)}. */
        String label() {
            return column.isEmpty() ? table + " (table)" : table + "." + column;
        }

        /** The use by {@code version}, or null. */
        Use useBy(Version version) {
            for (Use use : uses) {
                if (use.app.equals(version.app) && use.version.equals(version.version)) {
                    return use;
                }
            }
            return null;
        }
    }

    /** What one version did with one column. */
    static final class Use {
        final String app;
        final String version;
        final boolean live;
        /** {@code read}, {@code write}, or both. */
        final Set<String> access;
        final OffsetDateTime firstSeen;
        final OffsetDateTime lastSeen;
        final long count;
        /** The views, routines and triggers the use is reached through, sorted; empty when only direct. */
        final List<String> via;

        Use(String app, String version, boolean live, Set<String> access, OffsetDateTime firstSeen,
            OffsetDateTime lastSeen, long count, List<String> via) {
            this.app = app;
            this.version = version;
            this.live = live;
            this.access = Set.copyOf(access);
            this.firstSeen = firstSeen;
            this.lastSeen = lastSeen;
            this.count = count;
            this.via = List.copyOf(via);
        }

        /** {@code  via view public.v, function public.f}, or empty. */
        String viaWords() {
            return via.isEmpty() ? "" : " via " + String.join(", ", via);
        }

        /** {@code R}, {@code W} or {@code RW}. */
        String letters() {
            return (access.contains("read") ? "R" : "") + (access.contains("write") ? "W" : "");
        }

        /** {@code read}, {@code write} or {@code read+write}. */
        String words() {
            return access.size() == 2 ? "read+write" : access.iterator().next();
        }
    }

    /** A table or column of the schema that no live version uses. */
    static final class Candidate {
        /** Why it is a candidate. */
        enum Reason { RETIRED_ONLY, NEVER_SEEN }

        final String schema;
        final String table;
        /** Null for a whole table. */
        final String column;
        final Reason reason;
        /** The version that used it last ({@code app version}), for {@link Reason#RETIRED_ONLY}. */
        final String lastVersion;
        final OffsetDateTime lastUsed;

        Candidate(String schema, String table, String column, Reason reason, String lastVersion,
                  OffsetDateTime lastUsed) {
            this.schema = schema;
            this.table = table;
            this.column = column;
            this.reason = reason;
            this.lastVersion = lastVersion;
            this.lastUsed = lastUsed;
        }

        String reasonName() {
            return reason.name().toLowerCase(Locale.ROOT);
        }

        String label() {
            return column == null ? table + " (table)" : table + "." + column;
        }
    }
}
