package dev.driftguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ground truth from PostgreSQL for what runs inside the database: for each statement and each column of every
 * table, the column is renamed inside a transaction that is rolled back and the statement is <em>run</em> — a
 * routine's or trigger's body is resolved only when it runs. 42703 says the statement depends on the column
 * through the routines it calls and the triggers it fires; the recorded usage must hold every such column, and
 * nothing PostgreSQL does not name.
 */
class PostgresRoutineOracleTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE product (id INT PRIMARY KEY, name TEXT, rating INT, sku TEXT)",
            "CREATE TABLE review (id INT PRIMARY KEY, product_id INT, score INT, body TEXT)",
            "CREATE TABLE stats (id INT PRIMARY KEY, products INT, reviews INT)",
            "INSERT INTO product VALUES (1, 'kettle', 4, 'K-1')", "INSERT INTO review VALUES (1, 1, 5, 'good')",
            "INSERT INTO stats VALUES (1, 1, 1)",
            "CREATE FUNCTION avg_stars() RETURNS numeric LANGUAGE sql AS 'SELECT avg(rating) FROM product'",
            "CREATE FUNCTION shop_score() RETURNS numeric LANGUAGE sql AS $$SELECT avg_stars() * 2$$",
            "CREATE FUNCTION best_review(p INT) RETURNS TEXT LANGUAGE sql AS"
                    + " $$SELECT body FROM review WHERE product_id = p ORDER BY score DESC LIMIT 1$$",
            "CREATE FUNCTION touch_stats() RETURNS INT LANGUAGE plpgsql AS $$ DECLARE n INT; BEGIN"
                    + " SELECT count(*) INTO n FROM product; UPDATE stats SET products = n WHERE id = 1; RETURN n; END $$",
            "CREATE FUNCTION count_review() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " UPDATE stats SET reviews = reviews + 1 WHERE id = 1; RETURN NEW; END $$",
            "CREATE TRIGGER review_counted AFTER INSERT ON review FOR EACH ROW EXECUTE FUNCTION count_review()");

    private static final List<String> STATEMENTS = List.of(
            "SELECT avg_stars()",
            "SELECT shop_score()",
            "SELECT name, best_review(id) FROM product",
            "SELECT touch_stats()",
            "INSERT INTO review (id, product_id, score) VALUES (2, 1, 3)");

    @Test
    void recordedUsageHoldsEveryColumnPostgresSaysARoutineOrTriggerDependsOn() throws SQLException {
        DB.execute(SCHEMA.toArray(new String[0]));
        SqlAnalyzer analyzer = new SqlAnalyzer(Dialect.POSTGRES, new JdbcCatalog(DB::connect, Dialect.POSTGRES), null, 0,
                true);
        List<String> missed = new ArrayList<>();
        List<String> beyond = new ArrayList<>();
        int dependencies = 0;
        try (Connection connection = DB.connect()) {
            connection.setAutoCommit(false);
            Map<String, List<String>> columns = columns(connection);
            for (String sql : STATEMENTS) {
                Set<String> truth = new TreeSet<>();
                for (Map.Entry<String, List<String>> table : columns.entrySet()) {
                    for (String column : table.getValue()) {
                        if (breaksWhenRenamed(connection, sql, table.getKey(), column)) {
                            truth.add("public." + table.getKey() + "." + column);
                        }
                    }
                }
                dependencies += truth.size();
                Set<String> recorded = analyzer.analyze(sql).columns().stream()
                        .map(use -> use.schema() + "." + use.table() + "." + use.column())
                        .collect(Collectors.toCollection(TreeSet::new));
                for (String column : truth) {
                    if (!recorded.contains(column)) {
                        missed.add(column + " in " + sql);
                    }
                }
                for (String column : recorded) {
                    if (!truth.contains(column) && !column.endsWith(".") && !column.endsWith(".*")) {
                        beyond.add(column + " in " + sql);
                    }
                }
            }
        }
        String line = "routine oracle: " + STATEMENTS.size() + " statements, " + dependencies + " dependencies, "
                + missed.size() + " missed, " + beyond.size() + " recorded beyond the oracle";
        System.out.println(line);
        assertTrue(dependencies >= 8, line);
        assertEquals(List.of(), missed, line);
        assertEquals(List.of(), beyond, line);
    }

    private static Map<String, List<String>> columns(Connection connection) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (ResultSet rows = connection.getMetaData().getColumns(null, "public", null, null)) {
            while (rows.next()) {
                columns.computeIfAbsent(rows.getString("TABLE_NAME"), t -> new ArrayList<>()).add(rows.getString("COLUMN_NAME"));
            }
        }
        connection.rollback();
        return columns;
    }

    private static boolean breaksWhenRenamed(Connection connection, String sql, String table, String column)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + table + " RENAME COLUMN " + column + " TO " + column + "_renamed");
            statement.execute(sql);
            return false;
        } catch (SQLException e) {
            return "42703".equals(e.getSQLState());
        } finally {
            connection.rollback();
        }
    }
}
