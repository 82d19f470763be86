package dev.driftguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The schema path a session's own statements set, read by the lexer, against the server's own answer after
 * running the same statements: PostgreSQL's {@code current_schemas(false)}, MariaDB's {@code DATABASE()}, H2's
 * {@code CURRENT_SCHEMA}.
 */
class SessionSchemaTest {

    @RegisterExtension
    static final TestDatabase POSTGRES = TestDatabase.postgres();

    @RegisterExtension
    static final TestDatabase MARIADB = TestDatabase.mariadb();

    @RegisterExtension
    static final TestDatabase H2 = TestDatabase.h2();

    @Test
    void postgresSearchPathAsTheServerSetsIt() throws SQLException {
        POSTGRES.execute("CREATE SCHEMA s1", "CREATE SCHEMA \"S2\"", "CREATE SCHEMA s3");
        List<String> statements = List.of("SET search_path TO s1", "SET SESSION search_path = s1, \"S2\"",
                "set search_path to 's3', S1", "RESET search_path", "SET SCHEMA 's3'", "SET search_path TO DEFAULT",
                "/* tenant */ SET search_path = \"$user\", s3, public", "RESET ALL", "SET search_path TO \"S2\"",
                "SELECT set_config('search_path', 's1, \"S2\"', false)", "select pg_catalog.set_config('search_path', 's3', false)",
                "SELECT\n  set_config('search_path', 's1', false)",
                "SELECT set_config('application_name', 's1', false)");
        try (Connection connection = POSTGRES.connect(); Statement statement = connection.createStatement()) {
            List<String> serverDefault = postgresPath(statement);
            Lexer lexer = Dialect.POSTGRES.lexer();
            for (String sql : statements) {
                statement.execute(sql);
                lexer = lexer.afterSessionChange(sql);
                List<String> expected = postgresPath(statement);
                assertEquals(expected, existing(lexer.schemaPath() == null ? serverDefault : lexer.schemaPath(),
                        statement), sql);
            }
            assertSame(Dialect.POSTGRES.lexer(), Dialect.POSTGRES.lexer().afterSessionChange("SET search_path TO s1")
                    .afterSessionChange("RESET search_path"), "back to the default: the dialect's own instance");
        }
    }

    @Test
    void mariaDbUseAndSetCatalogAsTheServerSetsThem() throws SQLException {
        String other = MARIADB.name() + "_other";
        MARIADB.execute("CREATE DATABASE IF NOT EXISTS " + other);
        try (Connection connection = MARIADB.connect(); Statement statement = connection.createStatement()) {
            Lexer lexer = Dialect.MYSQL.lexer();
            for (String sql : List.of("USE " + other, "use `" + MARIADB.name() + "`", "/* x */ USE " + other)) {
                statement.execute(sql);
                lexer = lexer.afterSessionChange(sql);
                assertEquals(List.of(database(statement)), lexer.schemaPath(), sql);
            }
            connection.setCatalog(MARIADB.name());
            assertEquals(List.of(database(statement)), lexer.afterSetCatalog(MARIADB.name()).schemaPath());
        } finally {
            MARIADB.execute("DROP DATABASE " + other);
        }
    }

    @Test
    void h2SetSchemaAsTheServerSetsIt() throws SQLException {
        H2.execute("CREATE SCHEMA S1", "CREATE SCHEMA \"Mixed\"");
        try (Connection connection = H2.connect(); Statement statement = connection.createStatement()) {
            Lexer lexer = Dialect.H2.lexer();
            for (String sql : List.of("SET SCHEMA s1", "SET SCHEMA \"Mixed\"", "SET SCHEMA PUBLIC")) {
                statement.execute(sql);
                lexer = lexer.afterSessionChange(sql);
                assertEquals(List.of(h2Schema(statement)), lexer.schemaPath(), sql);
            }
            connection.setSchema("S1");
            assertEquals(List.of(h2Schema(statement)), lexer.afterSetSchema("S1").schemaPath());
        }
    }

    /**
     * H2 looks in the current schema, then in {@code SCHEMA_SEARCH_PATH}, which it does not report: the server
     * says which schema each unqualified name resolves to.
     */
    @Test
    void h2SearchPathAfterTheCurrentSchemaResolvesAsTheServerDoes() throws SQLException {
        H2.execute("CREATE SCHEMA IF NOT EXISTS P1", "CREATE SCHEMA IF NOT EXISTS P2", "CREATE TABLE P1.ONLY_ONE (ID INT)",
                "CREATE TABLE P2.ONLY_TWO (ID INT)", "CREATE TABLE P1.BOTH (ID INT)", "CREATE TABLE P2.BOTH (ID INT)");
        try (Connection connection = H2.connect(); Statement statement = connection.createStatement()) {
            Lexer lexer = Dialect.H2.lexer();
            for (String sql : List.of("SET SCHEMA_SEARCH_PATH P1, P2", "SET SCHEMA P2", "SET SCHEMA_SEARCH_PATH P1")) {
                statement.execute(sql);
                lexer = lexer.afterSessionChange(sql);
                for (String table : List.of("ONLY_ONE", "ONLY_TWO", "BOTH")) {
                    assertEquals(h2Resolves(statement, table), firstHolding(lexer.schemaPath(), table, statement),
                            sql + ": " + table);
                }
            }
        }
    }

    /** The schema H2 reads {@code table} from, or null: a marker row in each schema's table tells which. */
    private static String h2Resolves(Statement statement, String table) throws SQLException {
        String found = null;
        for (String schema : List.of("P1", "P2")) {
            try {
                statement.execute("DELETE FROM " + schema + "." + table);
                statement.execute("INSERT INTO " + schema + "." + table + " VALUES (" + (schema.equals("P1") ? 1 : 2) + ")");
            } catch (SQLException noSuchTable) {
                // only one of them has it
            }
        }
        try (ResultSet rows = statement.executeQuery("SELECT ID FROM " + table)) {
            if (rows.next()) {
                found = rows.getInt(1) == 1 ? "P1" : "P2";
            }
        } catch (SQLException notFound) {
            return null;
        }
        return found;
    }

    private static String firstHolding(List<String> path, String table, Statement statement) throws SQLException {
        for (String schema : path) {
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = '"
                    + schema + "' AND TABLE_NAME = '" + table + "'")) {
                rows.next();
                if (rows.getInt(1) == 1) {
                    return schema;
                }
            }
        }
        return null;
    }

    private static List<String> postgresPath(Statement statement) throws SQLException {
        List<String> path = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT unnest(current_schemas(false))")) {
            while (rows.next()) {
                path.add(rows.getString(1));
            }
        }
        return path;
    }

    /** The path as the server lists it: only schemas that exist, {@code $user} only where a schema has that name. */
    private static List<String> existing(List<String> path, Statement statement) throws SQLException {
        List<String> existing = new ArrayList<>();
        for (String schema : path) {
            try (ResultSet rows = statement.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname = "
                    + (schema.equals("$user") ? "current_user" : "'" + schema.replace("'", "''") + "'"))) {
                if (rows.next()) {
                    existing.add(rows.getString(1));
                }
            }
        }
        return existing;
    }

    private static String database(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT DATABASE()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String h2Schema(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT CURRENT_SCHEMA")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
