package dev.driftguard.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * A TPC-C-like new-order transaction, the way application code sends it: 25 statements over 7 tables, each
 * prepared anew, with int, string and timestamp parameters, in one transaction. {@code newOrder} is the steady
 * state (with {@code -prof gc}: what driftguard allocates per transaction); {@code firstTransactions} is a fresh
 * JVM's first 200 transactions, start-up included (loading and compiling the wrapper, the lexer, the parser of
 * the first shapes), one shot per fork.
 */
@State(Scope.Thread)
@Fork(1)
public class OltpMixBenchmark {

    private static final int ITEMS = 1_000;
    private static final int LINES = 5;

    @Param({"h2", "postgres"})
    public String database;

    @Param({"RAW", "P6SPY", "DRIFTGUARD"})
    public String wrapping;

    private Connection connection;
    private String suffix;
    private int orderId;

    @Setup
    public void connect() throws SQLException {
        BenchDatabase target = new BenchDatabase(database, "oltp_" + wrapping.toLowerCase(Locale.ROOT));
        String url = target.url;
        Properties credentials = target.credentials;
        suffix = "_" + wrapping.toLowerCase(Locale.ROOT);
        try (Connection setup = DriverManager.getConnection(url, credentials); Statement statement = setup.createStatement()) {
            String range = database.equals("h2") ? "SYSTEM_RANGE(1, " + ITEMS + ")" : "generate_series(1, " + ITEMS + ") x";
            for (String table : new String[] {"order_line", "new_order", "orders", "stock", "item", "customer", "district"}) {
                statement.execute("DROP TABLE IF EXISTS oltp_" + table + suffix);
            }
            statement.execute("CREATE TABLE oltp_district" + suffix + " (id INT PRIMARY KEY, name VARCHAR(10), tax INT,"
                    + " next_order INT)");
            statement.execute("INSERT INTO oltp_district" + suffix + " VALUES (1, 'north', 7, 1)");
            statement.execute("CREATE TABLE oltp_customer" + suffix + " (id INT PRIMARY KEY, last_name VARCHAR(16),"
                    + " credit VARCHAR(2), discount INT)");
            statement.execute("INSERT INTO oltp_customer" + suffix + " SELECT x, 'name', 'GC', 5 FROM " + range);
            statement.execute("CREATE TABLE oltp_item" + suffix + " (id INT PRIMARY KEY, name VARCHAR(24), price INT)");
            statement.execute("INSERT INTO oltp_item" + suffix + " SELECT x, 'item', x FROM " + range);
            statement.execute("CREATE TABLE oltp_stock" + suffix + " (item_id INT PRIMARY KEY, quantity INT,"
                    + " ytd INT, order_count INT)");
            statement.execute("INSERT INTO oltp_stock" + suffix + " SELECT x, 100, 0, 0 FROM " + range);
            statement.execute("CREATE TABLE oltp_orders" + suffix + " (id INT PRIMARY KEY, customer_id INT,"
                    + " entered TIMESTAMP, line_count INT)");
            statement.execute("CREATE TABLE oltp_new_order" + suffix + " (order_id INT PRIMARY KEY)");
            statement.execute("CREATE TABLE oltp_order_line" + suffix + " (order_id INT, line INT, item_id INT,"
                    + " quantity INT, amount INT, PRIMARY KEY (order_id, line))");
        }
        connection = Wrapping.valueOf(wrapping).connect(url, credentials);
        connection.setAutoCommit(false);
        if (database.equals("postgres")) {
            try (Statement statement = connection.createStatement()) {
                // measure the client, not the disk: commits do not wait for the WAL flush
                statement.execute("SET synchronous_commit TO off");
            }
        }
    }

    @TearDown
    public void close() throws SQLException {
        connection.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 3)
    @Measurement(iterations = 5, time = 3)
    public int newOrder() throws SQLException {
        return newOrderTransaction();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(10)
    public int firstTransactions() throws SQLException {
        int total = 0;
        for (int i = 0; i < 200; i++) {
            total += newOrderTransaction();
        }
        return total;
    }

    /** One new order of {@link #LINES} lines: 5 statements and 4 per line, 25 in all, then a commit. */
    private int newOrderTransaction() throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int customer = 1 + random.nextInt(ITEMS);
        int total = 0;
        int discount;
        try (PreparedStatement select = connection.prepareStatement("SELECT last_name, credit, discount FROM oltp_customer"
                + suffix + " WHERE id = ?")) {
            select.setInt(1, customer);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                discount = rows.getInt(3);
            }
        }
        int order;
        try (PreparedStatement select = connection.prepareStatement("SELECT tax, next_order FROM oltp_district"
                + suffix + " WHERE id = ? FOR UPDATE")) {
            select.setInt(1, 1);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                order = ++orderId;
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE oltp_district" + suffix
                + " SET next_order = next_order + 1 WHERE id = ?")) {
            update.setInt(1, 1);
            update.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO oltp_orders" + suffix
                + " (id, customer_id, entered, line_count) VALUES (?, ?, ?, ?)")) {
            insert.setInt(1, order);
            insert.setInt(2, customer);
            insert.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
            insert.setInt(4, LINES);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO oltp_new_order" + suffix
                + " (order_id) VALUES (?)")) {
            insert.setInt(1, order);
            insert.executeUpdate();
        }
        for (int line = 1; line <= LINES; line++) {
            int item = 1 + random.nextInt(ITEMS);
            int price;
            try (PreparedStatement select = connection.prepareStatement("SELECT price, name FROM oltp_item" + suffix
                    + " WHERE id = ?")) {
                select.setInt(1, item);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    price = rows.getInt(1);
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT quantity FROM oltp_stock" + suffix
                    + " WHERE item_id = ? FOR UPDATE")) {
                select.setInt(1, item);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                }
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE oltp_stock" + suffix
                    + " SET quantity = quantity - ?, ytd = ytd + ?, order_count = order_count + 1 WHERE item_id = ?")) {
                update.setInt(1, 1);
                update.setInt(2, 1);
                update.setInt(3, item);
                update.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO oltp_order_line" + suffix
                    + " (order_id, line, item_id, quantity, amount) VALUES (?, ?, ?, ?, ?)")) {
                insert.setInt(1, order);
                insert.setInt(2, line);
                insert.setInt(3, item);
                insert.setInt(4, 1);
                insert.setInt(5, price * (100 - discount) / 100);
                insert.executeUpdate();
            }
            total += price;
        }
        connection.commit();
        return total;
    }
}
