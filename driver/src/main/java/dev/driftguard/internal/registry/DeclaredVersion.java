package dev.driftguard.internal.registry;

import dev.driftguard.internal.sql.ColumnUse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The usage one version declares for one database, from its manifests: what {@code declare} publishes and what
 * {@code precheck --incoming} checks migrations against. Immutable.
 */
public final class DeclaredVersion {

    private final String app;
    private final String version;
    private final Set<ColumnUse> uses;
    private final OffsetDateTime declaredAt;

    /** A declaration about to be made, or checked against: from manifests. */
    public DeclaredVersion(String app, String version, Set<ColumnUse> uses) {
        this(app, version, uses, null);
    }

    DeclaredVersion(String app, String version, Set<ColumnUse> uses, OffsetDateTime declaredAt) {
        this.app = app;
        this.version = version;
        this.uses = java.util.Collections.unmodifiableSet(new TreeSet<>(uses));
        this.declaredAt = declaredAt;
    }

    public String app() {
        return app;
    }

    public String version() {
        return version;
    }

    /** When the registry took the declaration (its clock, UTC); null for one not read from a registry. */
    public OffsetDateTime declaredAt() {
        return declaredAt;
    }

    /** Sorted, each once. */
    public Set<ColumnUse> uses() {
        return uses;
    }

    /**
     * Its uses of one table, or of every table in the schema when {@code table} is null (then each use's column
     * reads {@code table.column}), as {@link RegistryReader#liveUsesOf} answers for live versions. Names compare
     * without regard to case: a manifest may come from a database that folds them otherwise, and for a check a
     * use too many is the safe side.
     */
    public List<LiveUse> incomingUsesOf(String schema, String table) {
        String storedSchema = schema == null ? "" : UsageKey.stored(schema);
        List<LiveUse> found = new ArrayList<>();
        for (ColumnUse use : uses) {
            if ((use.schema() == null ? "" : use.schema()).equalsIgnoreCase(storedSchema)
                    && (table == null || use.table().equalsIgnoreCase(UsageKey.stored(table)))) {
                found.add(LiveUse.incoming(app, version, table == null ? use.table() + "." + use.column() : use.column(),
                        use));
            }
        }
        return found;
    }

    /** Its uses reached through {@code object}, wherever it stands in their chain, as {@link RegistryReader#liveUsesThrough}. */
    public List<LiveUse> incomingUsesThrough(String object) {
        String via = UsageKey.stored(object);
        List<LiveUse> found = new ArrayList<>();
        for (ColumnUse use : uses) {
            String chain = use.via() == null ? "" : use.via();
            if (chain.equals(via) || chain.startsWith(via + " → ") || chain.endsWith(" → " + via)
                    || chain.contains(" → " + via + " → ")) {
                found.add(LiveUse.incoming(app, version, use.table() + "." + use.column(), use));
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return app + " " + version;
    }
}
