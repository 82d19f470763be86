package dev.driftguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An application that only switches its URL to {@code jdbc:driftguard:} sees exactly what the vendor driver gives:
 * each test runs the same calls on a raw connection and on a driftguard one and compares.
 */
abstract class TransparencyContract {

    abstract TestDatabase db();

    /** The vendor's own connection class or interface that {@code unwrap} must reach. */
    abstract Class<?> vendorConnectionType();

    /** DDL for a table with a database-generated key column {@code id} and a text column {@code name}. */
    abstract String createTableWithGeneratedKey(String table);

    private Connection raw;
    private Connection wrapped;

    @BeforeEach
    void connect() throws SQLException {
        raw = db().connect();
        wrapped = DriverManager.getConnection(db().driftguardUrl(), db().credentials());
        db().execute("DROP TABLE IF EXISTS item_raw", "DROP TABLE IF EXISTS item_dg",
                createTableWithGeneratedKey("item_raw"), createTableWithGeneratedKey("item_dg"));
    }

    @AfterEach
    void close() throws SQLException {
        raw.close();
        wrapped.close();
    }

    @Test
    void queryResultsAndUpdateCountsMatchTheRawDriver() throws SQLException {
        assertEquals(runWorkload(raw, "item_raw"), runWorkload(wrapped, "item_dg"));
    }

    @Test
    void generatedKeysMatchTheRawDriver() throws SQLException {
        assertEquals(insertReturningKeys(raw, "item_raw"), insertReturningKeys(wrapped, "item_dg"));
    }

    @Test
    void statementBatchReturnsTheRawDriversCounts() throws SQLException {
        assertEquals(Arrays.toString(statementBatch(raw, "item_raw")), Arrays.toString(statementBatch(wrapped, "item_dg")));
    }

    @Test
    void preparedBatchReturnsTheRawDriversCounts() throws SQLException {
        assertEquals(Arrays.toString(preparedBatch(raw, "item_raw")), Arrays.toString(preparedBatch(wrapped, "item_dg")));
    }

    @Test
    void largeUpdateCountsMatchTheRawDriver() throws SQLException {
        assertEquals(largeUpdate(raw, "item_raw"), largeUpdate(wrapped, "item_dg"));
    }

    @Test
    void rollbackToSavepointKeepsOnlyWorkBeforeIt() throws SQLException {
        assertEquals(savepointWorkload(raw, "item_raw"), savepointWorkload(wrapped, "item_dg"));
        assertEquals(List.of("kept"), names(wrapped, "item_dg"));
    }

    @Test
    void unwrapReachesTheVendorConnection() throws SQLException {
        assertTrue(wrapped.isWrapperFor(vendorConnectionType()));
        assertTrue(vendorConnectionType().isInstance(wrapped.unwrap(vendorConnectionType())));
    }

    @Test
    void statementGetConnectionReturnsTheWrapper() throws SQLException {
        try (Statement statement = wrapped.createStatement();
             PreparedStatement prepared = wrapped.prepareStatement("SELECT 1")) {
            assertSame(wrapped, statement.getConnection());
            assertSame(wrapped, prepared.getConnection());
        }
    }

    @Test
    void databaseMetaDataMatchesTheRawDriver() throws SQLException {
        assertEquals(describe(raw.getMetaData(), "item_raw"), describe(wrapped.getMetaData(), "item_dg"));
    }

    @Test
    void sqlErrorsKeepTheVendorsClassStateAndMessage() throws SQLException {
        SQLException expected = failingQuery(raw);
        SQLException actual = failingQuery(wrapped);
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(expected.getSQLState(), actual.getSQLState());
        assertEquals(expected.getErrorCode(), actual.getErrorCode());
        assertEquals(withoutConnectionId(expected.getMessage()), withoutConnectionId(actual.getMessage()));
    }

    @Test
    void preparedStatementsBindReadAndFailAsTheRawDriversDo() throws SQLException {
        db().execute("DROP TABLE IF EXISTS typed_raw", "DROP TABLE IF EXISTS typed_dg", typedTable("typed_raw"),
                typedTable("typed_dg"));
        assertEquals(bindAndReadBack(raw, "typed_raw"), bindAndReadBack(wrapped, "typed_dg"));
        SQLException expected = assertThrows(SQLException.class, () -> bindOutOfRange(raw));
        SQLException actual = assertThrows(SQLException.class, () -> bindOutOfRange(wrapped));
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(expected.getSQLState(), actual.getSQLState());
        assertEquals(withoutConnectionId(expected.getMessage()), withoutConnectionId(actual.getMessage()));
    }

    @Test
    void closedConnectionRefusesWorkLikeTheRawDriver() throws SQLException {
        Connection rawToClose = db().connect();
        Connection wrappedToClose = DriverManager.getConnection(db().driftguardUrl(), db().credentials());
        rawToClose.close();
        wrappedToClose.close();
        wrappedToClose.close();
        assertTrue(wrappedToClose.isClosed());
        SQLException expected = assertThrows(SQLException.class, () -> rawToClose.createStatement().executeQuery("SELECT 1"));
        SQLException actual = assertThrows(SQLException.class, () -> wrappedToClose.createStatement().executeQuery("SELECT 1"));
        assertEquals(expected.getSQLState(), actual.getSQLState());
    }

    @Test
    void closingAStatementClosesItsResultSet() throws SQLException {
        Statement statement = wrapped.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 1");
        statement.close();
        assertTrue(statement.isClosed());
        assertTrue(rows.isClosed());
    }

    @Test
    void connectionsFromManyThreadsEachSeeTheirOwnResults() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> sums = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int base = thread * 1000;
                Callable<Integer> work = () -> {
                    int sum = 0;
                    try (Connection own = DriverManager.getConnection(db().driftguardUrl(), db().credentials());
                         PreparedStatement query = own.prepareStatement("SELECT ? + 1")) {
                        for (int i = 0; i < 50; i++) {
                            query.setInt(1, base + i);
                            try (ResultSet rows = query.executeQuery()) {
                                rows.next();
                                sum += rows.getInt(1);
                            }
                        }
                    }
                    return sum;
                };
                sums.add(pool.submit(work));
            }
            for (int thread = 0; thread < 8; thread++) {
                int expected = 50 * (thread * 1000) + (50 * 49 / 2) + 50;
                assertEquals(expected, sums.get(thread).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> runWorkload(Connection connection, String table) throws SQLException {
        List<String> seen = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            seen.add("insert=" + statement.executeUpdate("INSERT INTO " + table + " (name) VALUES ('a'), ('b'), ('c')"));
            seen.add("update=" + statement.executeUpdate("UPDATE " + table + " SET name = 'z' WHERE name <> 'a'"));
            seen.add("execute=" + statement.execute("SELECT name FROM " + table + " ORDER BY name"));
            try (ResultSet rows = statement.getResultSet()) {
                ResultSetMetaData meta = rows.getMetaData();
                seen.add("columns=" + meta.getColumnCount() + ":" + meta.getColumnLabel(1).toLowerCase());
                while (rows.next()) {
                    seen.add(rows.getString(1));
                }
            }
            seen.add("delete=" + statement.executeUpdate("DELETE FROM " + table + " WHERE name = 'z'"));
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM " + table + " WHERE name = ?")) {
            query.setString(1, "a");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                seen.add("count=" + rows.getLong(1));
            }
        }
        return seen;
    }

    private static List<Long> insertReturningKeys(Connection connection, String table) throws SQLException {
        List<Long> keys = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (name) VALUES (?)",
                new String[] {"id"})) {
            for (String name : List.of("x", "y")) {
                insert.setString(1, name);
                insert.executeUpdate();
                try (ResultSet generated = insert.getGeneratedKeys()) {
                    while (generated.next()) {
                        keys.add(generated.getLong(1));
                    }
                }
            }
        }
        return keys;
    }

    private static String typedTable(String table) {
        return "CREATE TABLE " + table + " (i INT, l BIGINT, s VARCHAR(20), o VARCHAR(20), n INT, t TIMESTAMP NULL,"
                + " d DECIMAL(10, 2))";
    }

    /** Each setter a prepared statement is called with most, each way to run it, and the rows read back. */
    private static List<String> bindAndReadBack(Connection connection, String table) throws SQLException {
        List<String> seen = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (i, l, s, o, n, t, d) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int row = 1; row <= 2; row++) {
                insert.setInt(1, row);
                insert.setLong(2, 10_000_000_000L + row);
                insert.setString(3, "text " + row);
                insert.setObject(4, "object " + row);
                insert.setNull(5, Types.INTEGER);
                insert.setTimestamp(6, Timestamp.valueOf("2026-12-0" + row + " 10:15:30"));
                insert.setBigDecimal(7, new BigDecimal("12.5" + row));
                seen.add(row == 1 ? "update=" + insert.executeUpdate() : "execute=" + insert.execute());
            }
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT i, l, s, o, n, t, d FROM " + table + " WHERE i >= ? ORDER BY i")) {
            query.setInt(1, 1);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int column = 1; column <= 7; column++) {
                        row.append(rows.getString(column)).append('|');
                    }
                    seen.add(row.toString());
                }
            }
        }
        return seen;
    }

    private static void bindOutOfRange(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 + ?")) {
            query.setInt(2, 1);
            query.executeQuery().close();
        }
    }

    private static int[] statementBatch(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.addBatch("INSERT INTO " + table + " (name) VALUES ('one')");
            statement.addBatch("INSERT INTO " + table + " (name) VALUES ('two')");
            statement.addBatch("UPDATE " + table + " SET name = 'both'");
            return statement.executeBatch();
        }
    }

    private static int[] preparedBatch(Connection connection, String table) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (name) VALUES (?)")) {
            for (String name : List.of("p", "q", "r")) {
                insert.setString(1, name);
                insert.addBatch();
            }
            return insert.executeBatch();
        }
    }

    private static long largeUpdate(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeLargeUpdate("INSERT INTO " + table + " (name) VALUES ('l1'), ('l2')");
            return statement.executeLargeUpdate("UPDATE " + table + " SET name = 'l'");
        }
    }

    private static List<String> savepointWorkload(Connection connection, String table) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO " + table + " (name) VALUES ('kept')");
            Savepoint savepoint = connection.setSavepoint("before_drop");
            statement.executeUpdate("INSERT INTO " + table + " (name) VALUES ('rolled back')");
            connection.rollback(savepoint);
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
        return names(connection, table);
    }

    private static List<String> names(Connection connection, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM " + table + " ORDER BY id")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static List<String> describe(DatabaseMetaData meta, String table) throws SQLException {
        List<String> facts = new ArrayList<>(List.of(meta.getDatabaseProductName(), meta.getDatabaseProductVersion(),
                meta.getDriverName(), meta.getIdentifierQuoteString(), String.valueOf(meta.storesLowerCaseIdentifiers())));
        String pattern = meta.storesUpperCaseIdentifiers() ? table.toUpperCase() : table;
        try (ResultSet columns = meta.getColumns(null, null, pattern, null)) {
            while (columns.next()) {
                facts.add(columns.getString("COLUMN_NAME") + ":" + columns.getString("TYPE_NAME"));
            }
        }
        return facts;
    }

    /** MariaDB puts the server's connection id in every message; it differs between any two connections. */
    private static String withoutConnectionId(String message) {
        return message.replaceFirst("^\\(conn=\\d+\\) ", "");
    }

    private static SQLException failingQuery(Connection connection) {
        return assertThrows(SQLException.class, () -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT no_such_column FROM no_such_table");
            }
        });
    }

    @Test
    void wrappedConnectionIsNotTheVendorObject() {
        assertFalse(vendorConnectionType().isInstance(wrapped));
    }
}
