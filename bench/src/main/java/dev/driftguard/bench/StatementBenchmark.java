package dev.driftguard.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Statements per second for a prepared point select, a prepared {@code SELECT 1} (no table: what a connection
 * probe or a plain JDBC test program runs) and a small insert, through the raw driver, datasource-proxy,
 * p6spy and driftguard, on H2 in-memory and on PostgreSQL over loopback. Compare each against RAW of the same run.
 * PostgreSQL: {@code -Dbench.postgres.url=jdbc:postgresql://127.0.0.1:5432/postgres} (user/password:
 * {@code bench.postgres.user}, {@code bench.postgres.password}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class StatementBenchmark {

    @Param({"h2", "postgres"})
    public String database;

    @Param({"RAW", "JDK_PROXY", "DATASOURCE_PROXY", "P6SPY", "DRIFTGUARD"})
    public String wrapping;

    private Connection connection;
    private PreparedStatement select;
    private PreparedStatement selectOne;
    private PreparedStatement insert;
    private int id;

    @Setup
    public void connect() throws SQLException {
        BenchDatabase target = new BenchDatabase(database, "bench_" + wrapping.toLowerCase(Locale.ROOT));
        String url = target.url;
        Properties credentials = target.credentials;
        String table = "bench_item_" + wrapping.toLowerCase(Locale.ROOT);
        try (Connection setup = DriverManager.getConnection(url, credentials); Statement statement = setup.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(40), price INT)");
            statement.execute("INSERT INTO " + table + " SELECT x, 'item', x FROM "
                    + (database.equals("h2") ? "SYSTEM_RANGE(1, 1000)" : "generate_series(1, 1000) x"));
        }
        connection = Wrapping.valueOf(wrapping).connect(url, credentials);
        if (database.equals("postgres")) {
            try (Statement statement = connection.createStatement()) {
                // measure the driver, not the disk: commits do not wait for the WAL flush
                statement.execute("SET synchronous_commit TO off");
            }
        }
        select = connection.prepareStatement("SELECT name, price FROM " + table + " WHERE id = ?");
        selectOne = connection.prepareStatement("SELECT 1");
        insert = connection.prepareStatement("INSERT INTO " + table + " (id, name, price) VALUES (?, ?, ?)");
        id = 1_000_000;
    }

    @TearDown(Level.Iteration)
    public void removeInsertedRows() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM bench_item_" + wrapping.toLowerCase(Locale.ROOT) + " WHERE id > 1000");
        }
    }

    @TearDown
    public void close() throws SQLException {
        connection.close();
    }

    @Benchmark
    public int pointSelect() throws SQLException {
        select.setInt(1, 1 + (id++ % 1000));
        try (ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getInt(2);
        }
    }

    @Benchmark
    public int selectOne() throws SQLException {
        try (ResultSet rows = selectOne.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Benchmark
    public int smallInsert() throws SQLException {
        insert.setInt(1, ++id);
        insert.setString(2, "new item");
        insert.setInt(3, 42);
        return insert.executeUpdate();
    }
}
