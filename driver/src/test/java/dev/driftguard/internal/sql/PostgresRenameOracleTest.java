package dev.driftguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ground truth from PostgreSQL itself, with no hand-written expectation: for every corpus statement and every
 * column of every table it names, the column is renamed inside a transaction that is rolled back and the statement
 * is prepared again. SQLSTATE 42703 (undefined column) says the statement depends on that column. The recorded
 * usage must hold every such column (recall 100 %); what it holds beyond them is limited to {@code *} (which
 * PostgreSQL expands at prepare time, so no rename breaks it), table-level entries, and columns whose name a
 * rename lets bind to another table's column (see {@link #rebindsElsewhere}).
 */
class PostgresRenameOracleTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    private static final String UNDEFINED_COLUMN = "42703";

    @Test
    void recordedUsageHoldsEveryColumnPostgresSaysAStatementDependsOn() throws IOException, SQLException {
        Dialect dialect = Dialect.POSTGRES;
        DB.execute(dialect.lexer().split(Corpus.read("corpus/schema-postgres.sql")).toArray(new String[0]));
        SqlAnalyzer analyzer = new SqlAnalyzer(dialect, new JdbcCatalog(DB::connect, dialect), null, 0, true);
        List<Corpus.Case> cases = Corpus.load(PostgresCorpusTest.FILES);

        int checked = 0;
        int unpreparable = 0;
        int dependencies = 0;
        List<String> missed = new ArrayList<>();
        List<String> beyond = new ArrayList<>();
        Properties properties = DB.credentials();
        properties.setProperty("prepareThreshold", "0"); // every prepare is parsed by the server again
        try (Connection connection = DriverManager.getConnection(DB.url(), properties)) {
            connection.setAutoCommit(false);
            Map<String, List<String>> columns = columnsByTable(connection);
            for (Corpus.Case each : cases) {
                if (!prepares(connection, each.sql)) {
                    unpreparable++;
                    continue;
                }
                checked++;
                Set<String> truth = new TreeSet<>();
                Map<String, List<String>> named = new LinkedHashMap<>();
                for (Map.Entry<String, List<String>> table : columns.entrySet()) {
                    String name = table.getKey().substring(table.getKey().indexOf('.') + 1);
                    if (Pattern.compile("(?i)\\b" + name + "\\b").matcher(each.sql).find()) {
                        named.put(table.getKey(), table.getValue());
                    }
                }
                for (Map.Entry<String, List<String>> table : named.entrySet()) {
                    for (String column : table.getValue()) {
                        if (breaksWhenRenamed(connection, each.sql, table.getKey(), column)) {
                            truth.add(table.getKey() + "." + column);
                        }
                    }
                }
                dependencies += truth.size();
                Set<String> recorded = analyzer.analyze(each.sql).columns().stream()
                        .map(use -> use.schema() + "." + use.table() + "." + use.column())
                        .collect(Collectors.toCollection(TreeSet::new));
                for (String column : truth) {
                    if (!recorded.contains(column)) {
                        missed.add(column + " in " + each);
                    }
                }
                for (String column : recorded) {
                    if (!truth.contains(column) && !column.endsWith(".*") && !column.endsWith(".")
                            && !rebindsElsewhere(column, named)) {
                        beyond.add(column + " in " + each);
                    }
                }
            }
        }
        String line = String.format(Locale.ROOT, "rename oracle: %d statements checked (%d not preparable alone),"
                + " %d dependencies, %d missed, %d recorded beyond the oracle%n", checked, unpreparable, dependencies,
                missed.size(), beyond.size());
        Files.writeString(Path.of("target", "corpus-report.txt"), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        System.out.print(line);
        assertTrue(checked > 200, line);
        assertEquals(List.of(), missed, line);
        assertEquals(List.of(), beyond, line);
    }

    /**
     * The oracle cannot see a dependency when, once the column is renamed, its name binds to a column of the same
     * name in another table of the statement (an outer query's, SQL's scoping rule): {@code WHERE order_id IN
     * (SELECT id FROM orders)} then reads the outer {@code id}. Such a recorded column is not beyond the truth.
     */
    private static boolean rebindsElsewhere(String column, Map<String, List<String>> named) {
        String table = column.substring(0, column.lastIndexOf('.'));
        String name = column.substring(column.lastIndexOf('.') + 1);
        return named.entrySet().stream().anyMatch(other -> !other.getKey().equals(table) && other.getValue().contains(name));
    }

    /** Columns of every table outside the system schemas, keyed by {@code schema.table}. */
    private static Map<String, List<String>> columnsByTable(Connection connection) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        DatabaseMetaData metaData = connection.getMetaData();
        try (ResultSet rows = metaData.getColumns(null, null, null, null)) {
            while (rows.next()) {
                String schema = rows.getString("TABLE_SCHEM");
                if (!Set.of("pg_catalog", "information_schema", "driftguard").contains(schema)) {
                    columns.computeIfAbsent(schema + "." + rows.getString("TABLE_NAME"), t -> new ArrayList<>())
                            .add(rows.getString("COLUMN_NAME"));
                }
            }
        }
        connection.rollback();
        return columns;
    }

    /** Whether the server can parse and describe the statement as it is (no execution). */
    private static boolean prepares(Connection connection, String sql) throws SQLException {
        try {
            describe(connection, sql);
            return true;
        } catch (SQLException e) {
            return false;
        } finally {
            connection.rollback();
        }
    }

    private static boolean breaksWhenRenamed(Connection connection, String sql, String table, String column)
            throws SQLException {
        try (Statement rename = connection.createStatement()) {
            String[] name = table.split("\\.", 2);
            rename.execute("ALTER TABLE " + quoted(name[0]) + "." + quoted(name[1]) + " RENAME COLUMN " + quoted(column) + " TO "
                    + quoted(column + "_renamed_by_oracle"));
            describe(connection, sql);
            return false;
        } catch (SQLException e) {
            return UNDEFINED_COLUMN.equals(e.getSQLState());
        } finally {
            connection.rollback();
        }
    }

    private static void describe(Connection connection, String sql) throws SQLException {
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.getParameterMetaData(); // Parse and Describe: the server resolves every name
        }
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
