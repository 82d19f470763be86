package dev.driftguard.bench;

import dev.driftguard.internal.jdbc.ConnectionWrapper;
import dev.driftguard.internal.jdbc.DdlInterceptor;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.JdbcCatalog;
import dev.driftguard.internal.usage.ShapeParser;
import dev.driftguard.internal.usage.UsageRecorder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What reading the database's objects costs: a PostgreSQL database with 500 tables, 200 views and 300
 * {@code LANGUAGE sql} functions; one new statement shape per object (a read of each table and view, a call of
 * each function), recorded as an application would. Reports the time spent on the application's thread, the time
 * until every shape is parsed, and the catalog statements and connections it took, with the threads that ran
 * them. {@code java -cp bench/target/benchmarks.jar dev.driftguard.bench.CatalogScale [adminUrl]}
 */
public final class CatalogScale {

    private static final int TABLES = 500;
    private static final int VIEWS = 200;
    private static final int FUNCTIONS = 300;

    private CatalogScale() {
    }

    public static void main(String[] args) throws Exception {
        String admin = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/postgres";
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + "driftguard_catalog_scale";
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS driftguard_catalog_scale WITH (FORCE)");
            statement.execute("CREATE DATABASE driftguard_catalog_scale");
        }
        List<String> shapes = load(url);
        AtomicLong statements = new AtomicLong();
        AtomicLong connections = new AtomicLong();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        JdbcCatalog catalog = new JdbcCatalog(() -> {
            connections.incrementAndGet();
            return new ConnectionWrapper(Dialect.POSTGRES.lexer(), sql -> {
                statements.incrementAndGet();
                threads.add(Thread.currentThread().getName());
            }, DdlInterceptor.NONE).wrap(DriverManager.getConnection(url, "postgres", ""));
        }, Dialect.POSTGRES);
        ShapeParser parser = new ShapeParser(4096, 2_000);
        UsageRecorder recorder = new UsageRecorder(Dialect.POSTGRES, catalog, parser, 10_000);

        long start = System.nanoTime();
        for (String shape : shapes) {
            recorder.statement(shape); // what the application's thread does for a statement it runs
        }
        long onApplicationThread = System.nanoTime() - start;
        while (recorder.pending() > 0) {
            LockSupport.parkNanos(1_000_000);
        }
        long parsed = System.nanoTime() - start;
        long columns = recorder.drain().stream().mapToLong(count -> count.usage().columns().size()).sum();
        System.out.printf("%d tables, %d views, %d functions: %d new shapes%n", TABLES, VIEWS, FUNCTIONS, shapes.size());
        System.out.printf("application thread: %.1f ms for all %d (%.1f µs each); every shape parsed after %.0f ms%n",
                onApplicationThread / 1e6, shapes.size(), onApplicationThread / 1e3 / shapes.size(), parsed / 1e6);
        System.out.printf("catalog: %d statements on %d connections, run by threads %s; %d column uses recorded%n",
                statements.get(), connections.get(), threads, columns);
        parser.shutdown();
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE driftguard_catalog_scale WITH (FORCE)");
        }
    }

    private static List<String> load(String url) throws SQLException {
        List<String> shapes = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            for (int t = 1; t <= TABLES; t++) {
                statement.execute("CREATE TABLE t" + t + " (id INT PRIMARY KEY, a INT, b INT, c TEXT)");
                shapes.add("SELECT a, c FROM t" + t + " WHERE id = ?");
            }
            for (int v = 1; v <= VIEWS; v++) {
                statement.execute("CREATE VIEW v" + v + " AS SELECT id, x.a, y.b FROM t" + v + " x JOIN t" + (v + 1) + " y USING (id)");
                shapes.add("SELECT a FROM v" + v + " WHERE id = ?");
            }
            for (int f = 1; f <= FUNCTIONS; f++) {
                statement.execute("CREATE FUNCTION f" + f + "() RETURNS INT LANGUAGE sql AS 'SELECT max(b) FROM t"
                        + f + "'");
                shapes.add("SELECT f" + f + "()");
            }
        }
        return shapes;
    }
}
