package dev.driftguard.internal.guard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.driftguard.internal.base.Log;
import dev.driftguard.internal.registry.DeclaredVersion;
import dev.driftguard.internal.registry.KeptConnection;
import dev.driftguard.internal.registry.LiveUse;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.internal.registry.RegistryReader;
import dev.driftguard.internal.sql.Catalog;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.Lexer;
import dev.driftguard.internal.sql.SqlParser;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks DDL text against the live usage in a registry: shared by the driver's guard and the precheck command. */
public final class Checker {

    private static final Log LOG = Log.of(Checker.class);

    private static final java.util.regex.Pattern CASCADE =
            java.util.regex.Pattern.compile("\\bCASCADE\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    private final Dialect dialect;
    private final DdlAnalyzer analyzer;
    /** Applications that run the same DDL again and again (temporary tables) parse it once. */
    private final Cache<String, DdlAnalysis> analyses = Caffeine.newBuilder().maximumSize(1_000).build();
    private final Catalog catalog;
    private final Registry registry;
    private final KeptConnection registryConnection;
    private final String ownApp;
    private final String ownVersion;
    private final List<DeclaredVersion> incoming;

    /**
     * @param ownApp the checking process's application (its own uses are flagged as such), or null
     * @param incoming versions about to be deployed, checked like live ones ({@code precheck --incoming})
     */
    public Checker(Dialect dialect, Catalog catalog, SqlParser parser, Registry registry,
                   KeptConnection registryConnection, String ownApp, String ownVersion, List<DeclaredVersion> incoming) {
        this.dialect = dialect;
        this.analyzer = new DdlAnalyzer(dialect, catalog, parser);
        this.catalog = catalog;
        this.registry = registry;
        this.registryConnection = registryConnection;
        this.ownApp = ownApp;
        this.ownVersion = ownVersion;
        this.incoming = List.copyOf(incoming);
    }

    /** The verdict on {@code sql} read with the dialect's default lexer. */
    public Verdict check(String sql) throws SQLException {
        return check(sql, analyzer.defaultLexer());
    }

    /** The verdict on {@code sql} as {@code session} reads it; an exception when the registry or database cannot be read. */
    public Verdict check(String sql, Lexer session) throws SQLException {
        try {
            return checkNow(sql, session);
        } finally {
            catalog.release(); // what one check read it read on one connection, which it does not keep
        }
    }

    private Verdict checkNow(String sql, Lexer session) throws SQLException {
        String key = session.equals(analyzer.defaultLexer()) ? sql : session + "\u0000" + sql;
        DdlAnalysis analysis = analyses.get(key, k -> analyzer.analyze(sql, session));
        Map<Hazard, List<Blocker>> blocked = new LinkedHashMap<>();
        List<Hazard> widenings = new ArrayList<>();
        List<String> unanalysable = new ArrayList<>(analysis.unanalysable());
        List<Hazard> hazards = new ArrayList<>(analysis.hazards());
        hazards.addAll(dependentViews(analysis.hazards(), CASCADE.matcher(session.normalize(sql)).find(), unanalysable));
        if (!hazards.isEmpty()) {
            String database = databaseName();
            // a connection kept since an earlier check is asked first whether it still answers: a registry
            // restarted in between must not make the guard refuse with "cannot decide"
            try (Registry.Session registrySession = registry.open(registryConnection, true)) {
                Connection connection = registrySession.connection();
                int schema = registry.version(connection);
                boolean installed = schema > 0; // no registry yet: nobody published anything
                RegistryReader reader = registry.reader();
                for (Hazard hazard : hazards) {
                    if (hazard.kind() == Hazard.Kind.CHANGE_TYPE && Widening.isWidening(
                            catalog.columnType(hazard.schema(), hazard.table(), hazard.column()), hazard.detail())) {
                        widenings.add(hazard);
                        continue;
                    }
                    if (hazard.kind() == Hazard.Kind.DROP_DEFAULT
                            && Boolean.TRUE.equals(catalog.nullable(hazard.schema(), hazard.table(), hazard.column()))) {
                        continue; // inserts without the column still succeed: they get NULL
                    }
                    boolean throughTrigger = hazard.kind() == Hazard.Kind.DROP_TRIGGER;
                    List<LiveUse> uses = new ArrayList<>();
                    if (installed) {
                        uses.addAll(throughTrigger
                                ? reader.liveUsesThrough(connection, schema, database, hazard.triggerObject())
                                : reader.liveUsesOf(connection, schema, database, hazard.schema(), hazard.table()));
                    }
                    for (DeclaredVersion version : incoming) {
                        uses.addAll(throughTrigger ? version.incomingUsesThrough(hazard.triggerObject())
                                : version.incomingUsesOf(hazard.schema(), hazard.table()));
                    }
                    List<Blocker> blockers = Blockers.of(hazard, uses, ownApp, ownVersion);
                    if (!blockers.isEmpty()) {
                        blocked.put(hazard, blockers);
                    }
                }
                registrySession.completed();
            }
        }
        for (Hazard widening : widenings) {
            LOG.warn("driftguard: {} only widens the column; live versions that use it keep working", widening);
        }
        return new Verdict(hazards, blocked, widenings, unanalysable);
    }

    /**
     * The views a drop takes with it (PostgreSQL, {@code CASCADE}) or leaves broken (MariaDB/MySQL, whose views
     * fail when read once what they name is gone), and the routines with tracked bodies that {@code CASCADE}
     * drops: each a hazard of its own, checked like any other, and named with its cause. PostgreSQL without
     * {@code CASCADE} refuses such a drop itself.
     */
    private List<Hazard> dependentViews(List<Hazard> named, boolean cascade, List<String> unanalysable) {
        List<Hazard> dependents = new ArrayList<>();
        boolean postgres = dialect == Dialect.POSTGRES;
        if (postgres && !cascade || dialect != Dialect.POSTGRES && dialect != Dialect.MYSQL) {
            return dependents;
        }
        java.util.Deque<Hazard> work = new java.util.ArrayDeque<>(named);
        while (!work.isEmpty()) {
            Hazard hazard = work.poll();
            if (postgres && hazard.kind() == Hazard.Kind.DROP_COLUMN && hazard.column() != null && hazard.schema() != null) {
                List<String> generated = catalog.generatedFrom(hazard.schema(), hazard.table(), hazard.column());
                if (generated == null) {
                    unanalysable.add("cannot read which columns are generated from " + hazard.schema() + "."
                            + hazard.table() + "." + hazard.column());
                } else {
                    for (String column : generated) {
                        Hazard dropped = hazard.onGeneratedColumn(column);
                        dependents.add(dropped);
                        work.add(dropped); // and what depends on it in turn
                    }
                }
            }
            boolean removes = hazard.kind() == Hazard.Kind.DROP_COLUMN || hazard.kind() == Hazard.Kind.DROP_TABLE
                    || hazard.kind() == Hazard.Kind.DROP_VIEW
                    || !postgres && (hazard.kind() == Hazard.Kind.RENAME_COLUMN || hazard.kind() == Hazard.Kind.RENAME_TABLE);
            if (!removes || hazard.table() == null || hazard.schema() == null) {
                continue;
            }
            List<String[]> views = catalog.dependentViews(hazard.schema(), hazard.table(), hazard.column());
            if (views == null) {
                unanalysable.add("cannot read which views depend on " + hazard.schema() + "." + hazard.table());
                continue;
            }
            for (String[] view : views) {
                dependents.add(hazard.onDependentView(view[0], view[1], postgres));
            }
            List<String[]> routines = postgres ? catalog.dependentRoutines(hazard.schema(), hazard.table(), hazard.column())
                    : List.of();
            if (routines == null) {
                unanalysable.add("cannot read which routines depend on " + hazard.schema() + "." + hazard.table());
                continue;
            }
            for (String[] routine : routines) {
                dependents.add(hazard.onDependentRoutine(routine[0], routine[1]));
            }
        }
        return dependents;
    }

    private String databaseName() throws SQLException {
        String name = catalog.databaseName();
        if (name == null) {
            throw new SQLException("cannot learn the database's name from it");
        }
        return name;
    }
}
