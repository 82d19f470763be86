package dev.driftguard.internal.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.Lexer;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The server is the oracle: each script is first sent as it is through the vendor's driver, which says how many
 * statements the server ran, and the catalog says whether a column or table a live version uses was removed,
 * renamed or retyped. The same script then goes through {@code jdbc:driftguard:} while a live version uses every
 * column: driftguard must refuse it exactly when the server ran hazardous DDL (and leave the schema unchanged),
 * and otherwise give the same results (where the server fails part-way, the same error, or a refusal of DDL further
 * on that leaves the schema as it was); its lexer must split the script into as many statements as the server ran.
 * No expected value is written by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerOracleContract {

    abstract TestDatabase db();

    abstract Dialect dialect();

    /** The URL option under which the server, not the driver, splits a multi-statement text ({@code name=value}; empty where the server splits anyway). */
    abstract String multiStatementOption();

    /** {@code url} with {@link #multiStatementOption()}, after the options the URL may already carry. */
    private String multiStatement(String url) {
        String option = multiStatementOption();
        return option.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + option;
    }

    /** Statements that recreate tables p, victim and t2 and remove whatever a case may have created. */
    abstract List<String> reset();

    /** The cases from the field: bypasses found by hostile testing, false refusals, harmless DDL. */
    abstract List<String> cases();

    /** Pairs of a statement that changes how the session reads SQL and a script run after it on that session. */
    abstract List<List<String>> sessionCases();

    /** Pieces for generated scripts. */
    abstract Fragments fragments();

    /** The schema column of registry rows. */
    abstract String schema();

    @BeforeAll
    void liveVersionUsesEverything() throws SQLException {
        LiveVersions registry = new LiveVersions(db());
        registry.stopAll();
        registry.live("oracle-shop", "1.0", schema(), "read " + spelled("p") + ".*", "read " + spelled("victim") + ".*",
                "read " + spelled("t2") + ".*");
    }

    @TestFactory
    Stream<DynamicTest> casesFromTheField() {
        return cases().stream().map(script -> DynamicTest.dynamicTest(oneLine(script), () -> judge(null, script)));
    }

    @TestFactory
    Stream<DynamicTest> scriptsAfterTheSessionChangedItsLexicalSettings() {
        return sessionCases().stream().map(pair -> DynamicTest.dynamicTest(pair.get(0) + " then " + oneLine(pair.get(1)),
                () -> judge(pair.get(0), pair.get(1))));
    }

    /** Random mixes of comments, strings, dollar quotes and quoted names around DDL and DML; the seed is in the name. */
    @TestFactory
    Stream<DynamicTest> generatedScripts() {
        long seed = Long.getLong("driftguard.oracle.seed", System.nanoTime());
        Random random = new Random(seed);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String script = fragments().script(random);
            tests.add(DynamicTest.dynamicTest("seed " + seed + " #" + i + ": " + oneLine(script), () -> judge(null, script)));
        }
        return tests.stream();
    }

    private void judge(String session, String script) throws SQLException {
        try {
            compare(session, script);
        } catch (AssertionError e) {
            throw new AssertionError("script: " + oneLine(script) + "\n" + e.getMessage(), e);
        }
    }

    private void compare(String session, String script) throws SQLException {
        db().execute(reset().toArray(new String[0]));
        Set<String> before = schemaState();
        Outcome raw = run(db().url(), db().credentials(), session, script);
        Set<String> after = schemaState();
        boolean hazardRan = !after.containsAll(before);

        Lexer lexer = session == null ? dialect().lexer() : dialect().lexer().afterSessionChange(session);
        if (raw.error == null && answersEveryStatement()) {
            assertEquals(raw.results, lexer.split(script).size(),
                    "the server ran " + raw.results + " statements; the lexer split " + lexer.split(script));
        }
        db().execute(reset().toArray(new String[0]));
        Outcome guarded = run(driftguardUrl(), migrator(), session, script);
        if (hazardRan) {
            assertNotNull(guarded.error, "the server ran hazardous DDL (" + removed(before, after)
                    + ") but driftguard let it run");
            assertTrue(Set.of(Guard.REFUSED, Guard.CANNOT_DECIDE).contains(guarded.error.getSQLState()),
                    () -> "expected a refusal, got " + guarded.error);
            assertEquals(before, schemaState(), "a refused script must change nothing");
        } else if (raw.error == null) {
            assertNull(guarded.error, () -> "the server ran no hazardous DDL, but through driftguard: " + guarded.error);
            assertEquals(raw.results, guarded.results);
        } else {
            assertNotNull(guarded.error, "the server failed with " + raw.error.getSQLState() + ", driftguard did not");
            if (Set.of(Guard.REFUSED, Guard.CANNOT_DECIDE).contains(guarded.error.getSQLState())) {
                // the server failed before it reached the DDL; the guard judges the whole call before any of it runs
                assertEquals(before, schemaState(), "a refused script must change nothing");
            } else {
                assertEquals(raw.error.getSQLState(), guarded.error.getSQLState(), guarded.error::getMessage);
            }
        }
    }

    /** Every (table, column, type) of the tables the live version uses. */
    private Set<String> schemaState() throws SQLException {
        Set<String> state = new TreeSet<>();
        try (Connection connection = db().connect()) {
            for (String table : new String[] {"p", "victim", "t2"}) {
                try (ResultSet columns = connection.getMetaData().getColumns(catalogName(), schemaPattern(), spelled(table),
                        null)) {
                    while (columns.next()) {
                        state.add(table + "." + columns.getString("COLUMN_NAME") + " " + columns.getString("TYPE_NAME"));
                    }
                }
            }
        }
        return state;
    }

    String catalogName() {
        return null;
    }

    /** A table name as the catalog spells it. */
    String spelled(String table) {
        return table;
    }

    /** Whether the server answers each statement of a script with a result of its own (H2 answers the first only). */
    boolean answersEveryStatement() {
        return true;
    }

    String schemaPattern() {
        return null;
    }

    private static Set<String> removed(Set<String> before, Set<String> after) {
        Set<String> gone = new TreeSet<>(before);
        gone.removeAll(after);
        return gone;
    }

    private String driftguardUrl() {
        return multiStatement(db().driftguardUrl());
    }

    private Properties migrator() {
        Properties properties = db().credentials();
        properties.setProperty("driftguard.app", "oracle-migrator");
        properties.setProperty("driftguard.version", "2.0");
        properties.setProperty("driftguard.record", "off");
        return properties;
    }

    private Outcome run(String url, Properties properties, String session, String script) throws SQLException {
        String target = url.startsWith("jdbc:driftguard:") ? url : multiStatement(url);
        try (Connection connection = DriverManager.getConnection(target, properties);
             Statement statement = connection.createStatement()) {
            if (session != null) {
                statement.execute(session);
            }
            int results = 0;
            try {
                boolean isResultSet = statement.execute(script);
                while (true) {
                    if (isResultSet) {
                        statement.getResultSet().close();
                    } else if (statement.getUpdateCount() == -1) {
                        break;
                    }
                    results++;
                    isResultSet = statement.getMoreResults();
                }
                return new Outcome(results, null);
            } catch (SQLException e) {
                return new Outcome(results, e);
            }
        }
    }

    private static String oneLine(String script) {
        return script.replace("\n", "\\n");
    }

    private static final class Outcome {
        final int results;
        final SQLException error;

        Outcome(int results, SQLException error) {
            this.results = results;
            this.error = error;
        }
    }

    /** Statements and wrappers that generated scripts are made of. */
    static final class Fragments {
        final List<String> prefixes;
        final List<String> dml;
        final List<String> hazardous;
        final List<String> harmless;
        /** Wrappers with {@code %s} where a statement becomes data or comment (its text never closes them). */
        final List<String> wrappers;

        Fragments(List<String> prefixes, List<String> dml, List<String> hazardous, List<String> harmless,
                  List<String> wrappers) {
            this.prefixes = prefixes;
            this.dml = dml;
            this.hazardous = hazardous;
            this.harmless = harmless;
            this.wrappers = wrappers;
        }

        /** One to four statements, at most one of them DDL so that no script fails half-way. */
        String script(Random random) {
            int count = 1 + random.nextInt(4);
            int ddlAt = random.nextInt(count + 1); // == count: no DDL
            List<String> statements = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String statement;
                if (i == ddlAt) {
                    List<String> ddl = random.nextBoolean() ? hazardous : harmless;
                    statement = pick(random, ddl);
                } else {
                    statement = pick(random, dml);
                    if (random.nextInt(3) == 0) {
                        // a DDL text the server reads as data or comment
                        statement = String.format(pick(random, wrappers), pick(random, hazardous));
                    }
                }
                statements.add(pick(random, prefixes) + statement);
            }
            return String.join(random.nextBoolean() ? "; " : ";\n", statements);
        }

        private static String pick(Random random, List<String> from) {
            return from.get(random.nextInt(from.size()));
        }
    }
}
