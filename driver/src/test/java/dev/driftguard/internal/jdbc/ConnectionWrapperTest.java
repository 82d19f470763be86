package dev.driftguard.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.Lexer;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every way of running SQL reaches the statement listener, and DDL reaches the interceptor before it runs. */
class ConnectionWrapperTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<String> ddl = new CopyOnWriteArrayList<>();
    private Connection connection;

    @BeforeEach
    void wrapARealConnection() throws SQLException {
        DB.execute("DROP TABLE IF EXISTS item", "CREATE TABLE item (id INT, name TEXT)");
        DdlInterceptor refuseDropTable = (sql, session, connection) -> {
            ddl.add(sql);
            if (sql.contains("DROP TABLE")) {
                throw new SQLException("refused for the test", "ZDG01");
            }
        };
        connection = new ConnectionWrapper(Dialect.POSTGRES.lexer(), seen::add, refuseDropTable).wrap(DB.connect());
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void everyStatementExecutionMethodReachesTheListener() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            statement.executeQuery("SELECT 2").close();
            statement.executeUpdate("UPDATE item SET name = 'a'");
            statement.executeLargeUpdate("UPDATE item SET name = 'b'");
            statement.execute("UPDATE item SET name = 'c'", Statement.NO_GENERATED_KEYS);
        }
        assertEquals(List.of("SELECT 1", "SELECT 2", "UPDATE item SET name = 'a'", "UPDATE item SET name = 'b'",
                "UPDATE item SET name = 'c'"), seen);
    }

    @Test
    void preparedStatementReachesTheListenerOnEachExecution() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO item (id) VALUES (?)")) {
            insert.setInt(1, 1);
            insert.executeUpdate();
            insert.setInt(1, 2);
            insert.executeLargeUpdate();
        }
        assertEquals(List.of("INSERT INTO item (id) VALUES (?)", "INSERT INTO item (id) VALUES (?)"), seen);
    }

    @Test
    void aPreparedStatementIsToldOnceAndItsFurtherExecutionsAreCountedOnTheListenersCounter() throws SQLException {
        List<String> told = new CopyOnWriteArrayList<>();
        AtomicInteger counted = new AtomicInteger();
        StatementListener counting = telling(told, (sql, lexer) -> {
            counted.incrementAndGet();
            return () -> counted.incrementAndGet() > 0;
        });
        try (Connection wrapped = new ConnectionWrapper(Dialect.POSTGRES.lexer(), counting, DdlInterceptor.NONE).wrap(DB.connect());
             PreparedStatement query = wrapped.prepareStatement("SELECT id FROM item WHERE id = ?")) {
            for (int id = 0; id < 5; id++) {
                query.setInt(1, id);
                query.executeQuery().close();
            }
        }
        assertEquals(List.of("SELECT id FROM item WHERE id = ?"), told);
        assertEquals(4, counted.get());
    }

    @Test
    void aPreparedStatementRunOnceIsToldAsAnyStatementAndAsksForNoCounter() throws SQLException {
        List<String> told = new CopyOnWriteArrayList<>();
        StatementListener onceOnly = telling(told, (sql, lexer) -> {
            throw new AssertionError("a counter asked for a statement run once");
        });
        try (Connection wrapped = new ConnectionWrapper(Dialect.POSTGRES.lexer(), onceOnly, DdlInterceptor.NONE).wrap(DB.connect())) {
            for (int id = 0; id < 3; id++) {
                try (PreparedStatement query = wrapped.prepareStatement("SELECT id FROM item WHERE id = ?")) {
                    query.setInt(1, id);
                    query.executeQuery().close();
                }
            }
        }
        assertEquals(Collections.nCopies(3, "SELECT id FROM item WHERE id = ?"), told);
    }

    @Test
    void aPreparedDdlStatementReachesTheInterceptorOnEveryExecution() throws SQLException {
        try (PreparedStatement drop = connection.prepareStatement("DROP TABLE item")) {
            for (int attempt = 0; attempt < 2; attempt++) {
                assertEquals("ZDG01", assertThrows(SQLException.class, drop::execute).getSQLState());
            }
        }
        assertEquals(List.of("DROP TABLE item", "DROP TABLE item"), ddl);
        assertTrue(tableExists("item"));
    }

    @Test
    void aPreparedStatementRunAfterTheSessionChangedIsReadAsTheChangedSessionReadsIt() throws SQLException {
        List<List<String>> paths = new CopyOnWriteArrayList<>();
        StatementListener pathOfEach = new StatementListener() {
            @Override
            public void statement(String sql) {
                throw new AssertionError("told without its session");
            }

            @Override
            public void statement(String sql, Lexer lexer) {
                if (sql.startsWith("SELECT")) {
                    paths.add(lexer.schemaPath());
                }
            }
        };
        try (Connection session = new ConnectionWrapper(Dialect.POSTGRES.lexer(), pathOfEach, DdlInterceptor.NONE).wrap(DB.connect());
             PreparedStatement query = session.prepareStatement("SELECT id FROM item");
             PreparedStatement setPath = session.prepareStatement("SET search_path TO elsewhere, public")) {
            query.executeQuery().close();
            query.executeQuery().close();
            setPath.execute();
            setPath.execute();
            query.executeQuery().close();
            query.executeQuery().close();
        }
        List<String> elsewhere = List.of("elsewhere", "public");
        assertEquals(Arrays.asList(null, null, elsewhere, elsewhere), paths,
                "first the connection's default path, then the one the prepared SET left the session with");
    }

    @Test
    void callableStatementReachesTheListener() throws SQLException {
        try (CallableStatement call = connection.prepareCall("{? = call upper(?)}")) {
            call.registerOutParameter(1, java.sql.Types.VARCHAR);
            call.setString(2, "x");
            call.execute();
            assertEquals("X", call.getString(1));
        }
        assertEquals(List.of("{? = call upper(?)}"), seen);
    }

    @Test
    void statementBatchReachesTheListenerStatementByStatement() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.addBatch("INSERT INTO item (id) VALUES (1)");
            statement.addBatch("DELETE FROM item");
            statement.executeBatch();
        }
        assertEquals(List.of("INSERT INTO item (id) VALUES (1)", "DELETE FROM item"), seen);
    }

    @Test
    void preparedBatchReachesTheListenerOncePerExecution() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO item (id) VALUES (?)")) {
            insert.setInt(1, 1);
            insert.addBatch();
            insert.setInt(1, 2);
            insert.addBatch();
            insert.executeLargeBatch();
        }
        assertEquals(List.of("INSERT INTO item (id) VALUES (?)"), seen);
    }

    @Test
    void nativeSqlReachesTheListener() throws SQLException {
        connection.nativeSQL("SELECT name FROM item");
        assertEquals(List.of("SELECT name FROM item"), seen);
    }

    @Test
    void ddlReachesTheInterceptorBeforeTheListener() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE item ADD COLUMN note TEXT");
        }
        assertEquals(List.of("ALTER TABLE item ADD COLUMN note TEXT"), ddl);
        assertEquals(List.of("ALTER TABLE item ADD COLUMN note TEXT"), seen);
    }

    @Test
    void queriesNeverReachTheInterceptor() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 'DROP TABLE item' AS text").close();
        }
        assertTrue(ddl.isEmpty(), ddl.toString());
    }

    @Test
    void refusedDdlThrowsTheInterceptorsExceptionAndDoesNotRun() throws SQLException {
        SQLException refused;
        try (Statement statement = connection.createStatement()) {
            refused = assertThrows(SQLException.class, () -> statement.execute("DROP TABLE item"));
        }
        assertEquals("ZDG01", refused.getSQLState());
        assertTrue(tableExists("item"));
    }

    @Test
    void refusedDdlInABatchStopsTheWholeBatch() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.addBatch("INSERT INTO item (id) VALUES (1)");
            statement.addBatch("DROP TABLE item");
            assertThrows(SQLException.class, statement::executeBatch);
        }
        assertTrue(tableExists("item"));
        assertEquals(0, rowsIn("item"));
    }

    @Test
    void faultInTheListenerNeverReachesTheApplication() throws SQLException {
        Connection faulty = new ConnectionWrapper(Dialect.POSTGRES.lexer(), sql -> {
            throw new IllegalStateException("bug in driftguard");
        }, DdlInterceptor.NONE).wrap(DB.connect());
        try (Statement statement = faulty.createStatement(); ResultSet rows = statement.executeQuery("SELECT 41 + 1")) {
            assertTrue(rows.next());
            assertEquals(42, rows.getInt(1));
        } finally {
            faulty.close();
        }
    }

    @Test
    void wrappingADriftGuardConnectionReturnsItUnchanged() {
        assertSame(connection, new ConnectionWrapper(Dialect.POSTGRES.lexer(), StatementListener.NONE, DdlInterceptor.NONE).wrap(connection));
        assertTrue(ConnectionWrapper.isWrapped(connection));
    }

    @Test
    void vendorConnectionIsNotReportedAsWrapped() throws SQLException {
        try (Connection vendor = DB.connect()) {
            assertFalse(ConnectionWrapper.isWrapped(vendor));
        }
    }

    /** A listener that adds each statement it is told to {@code told} and asks {@code executions} for counters. */
    private static StatementListener telling(List<String> told,
                                             BiFunction<String, Lexer, StatementListener.Executions> executions) {
        return new StatementListener() {
            @Override
            public void statement(String sql) {
                told.add(sql);
            }

            @Override
            public Executions executions(String sql, Lexer lexer) {
                return executions.apply(sql, lexer);
            }
        };
    }

    private boolean tableExists(String table) throws SQLException {
        try (Connection vendor = DB.connect(); ResultSet tables = vendor.getMetaData().getTables(null, null, table, null)) {
            return tables.next();
        }
    }

    private int rowsIn(String table) throws SQLException {
        try (Connection vendor = DB.connect(); Statement statement = vendor.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
