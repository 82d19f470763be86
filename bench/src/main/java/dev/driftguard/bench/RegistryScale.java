package dev.driftguard.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.driftguard.internal.base.ConnectionSource;
import dev.driftguard.internal.jdbc.ConnectionWrapper;
import dev.driftguard.internal.jdbc.DdlInterceptor;
import dev.driftguard.internal.registry.Publication;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.internal.sql.Catalog;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.usage.ShapeParser;
import dev.driftguard.internal.usage.UsageRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Simulates a fleet against one PostgreSQL registry: 500 versions × 5,000 columns of usage (fewer when asked),
 * instances spread over the versions, each a real {@link Publication} heartbeating every 10 s, and the precheck query
 * timed on that data. How the instances reach the registry is the mode: {@code new} opens a connection per heartbeat (what
 * driftguard did before it kept one), {@code kept} keeps one per instance (the driver and the agent now),
 * {@code pool:N} borrows from a pool of N shared connections (the {@code DriftGuardDataSource} way, or a
 * transaction-pooling PgBouncer in front of the registry). The registry's CPU is read from /proc: every postgres
 * process, and what the postmaster reaped of its exited backends.
 * {@code java -cp bench/target/benchmarks.jar dev.driftguard.bench.RegistryScale [adminUrl] [seconds] [instances] [mode] [columns]}
 */
public final class RegistryScale {

    private static final int VERSIONS = 500;
    /** Columns per version by default, and at most: the catalog holds this many. */
    private static final int COLUMNS = 5_000;
    private static final int HEARTBEAT_SECONDS = 10;
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    /**
     * The application database's catalog as far as a publication asks for it: its name, and the 250 tables with the
     * columns the loaded usage names, so that a starting instance finds all of its version's usage still there (as
     * in a real deploy) instead of recording thousands of drift incidents. A real catalog per instance would hold a
     * connection of its own for the burst of lookups that follows the first statements.
     */
    private static final Catalog SHOP = new Catalog() {
        private final Map<String, Map<String, String>> tables = tables();

        private Map<String, Map<String, String>> tables() {
            Map<String, Map<String, String>> tables = new java.util.HashMap<>();
            for (int c = 1; c <= COLUMNS; c++) {
                tables.computeIfAbsent("t" + (c % 250), table -> new java.util.HashMap<>()).put("c" + c, "c" + c);
            }
            return tables;
        }

        @Override
        public String schemaOf(String table) {
            return tables.containsKey(table) ? "public" : null;
        }

        @Override
        public Map<String, String> columns(String schema, String table) {
            return tables.get(table);
        }

        @Override
        public String databaseName() {
            return "shop";
        }
    };

    private RegistryScale() {
    }

    public static void main(String[] args) throws Exception {
        String admin = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/postgres";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int instances = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        String mode = args.length > 3 ? args[3] : "kept";
        // each simulated instance holds its version's known usage in memory, as a real one does: 10,000 instances of
        // 5,000 columns each would need 50 M keys in this one JVM, so large fleets are run with fewer columns
        int columns = args.length > 4 ? Math.min(COLUMNS, Integer.parseInt(args[4])) : COLUMNS;
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + "driftguard_registry_scale";
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS driftguard_registry_scale WITH (FORCE)");
            statement.execute("CREATE DATABASE driftguard_registry_scale");
        }
        long loaded = load(url, columns);
        System.out.printf("loaded %,d usage rows (%d versions x %d columns) in %d ms%n", (long) VERSIONS * columns,
                VERSIONS, columns, loaded);
        try (Fleet fleet = new Fleet(url, instances, mode)) {
            fleet.measure(seconds);
            precheck(url, instances, columns);
        }
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE driftguard_registry_scale WITH (FORCE)");
        }
    }

    private static long load(String url, int columns) throws SQLException {
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            Registry.forUrl(url).install(connection);
            statement.execute("INSERT INTO driftguard.column_usage SELECT 'shop', 'v' || v, 'shop', 'public',"
                    + " 't' || (c % 250), 'c' || c, CASE WHEN c % 5 = 0 THEN 'write' ELSE 'read' END, now(), now(), 1"
                    + " FROM generate_series(1, " + VERSIONS + ") v, generate_series(1, " + columns + ") c");
            statement.execute("ANALYZE driftguard.column_usage");
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** The instances, spread evenly over the versions, on a small pool of heartbeat threads. */
    private static final class Fleet implements AutoCloseable {
        private final String url;
        private final String mode;
        private final AtomicLong statements = new AtomicLong();
        private final AtomicLong opened = new AtomicLong();
        /** Heartbeat calls sent (a call of driftguard.beat), counted like every other statement. */
        private final AtomicLong beats = new AtomicLong();
        private final ShapeParser parser = new ShapeParser(1024, 2_000);
        private final List<Publication> publications = new ArrayList<>();
        private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(8);
        private final HikariDataSource pool;

        Fleet(String url, int instances, String mode) {
            this.url = url;
            this.mode = mode;
            this.pool = mode.startsWith("pool:") ? pool(url, Integer.parseInt(mode.substring("pool:".length()))) : null;
            ConnectionSource source = source();
            for (int i = 0; i < instances; i++) {
                int version = 1 + i % VERSIONS;
                UsageRecorder recorder = new UsageRecorder(Dialect.POSTGRES, Catalog.NONE, parser, 100);
                publications.add(new Publication(url, source, SHOP, recorder, "sim-host-" + i + ":" + i + ":0000",
                        "shop", "v" + version, 60));
            }
        }

        private static HikariDataSource pool(String url, int size) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername("postgres");
            config.setMaximumPoolSize(size);
            config.setMinimumIdle(size);
            config.setConnectionTimeout(30_000);
            return new HikariDataSource(config);
        }

        /** Connections as the mode opens them, each counted, and wrapped so that every statement on it is counted. */
        private ConnectionSource source() {
            ConnectionSource counted = () -> {
                opened.incrementAndGet();
                Connection real = pool != null ? pool.getConnection() : DriverManager.getConnection(url, "postgres", "");
                return new ConnectionWrapper(Dialect.POSTGRES.lexer(), sql -> {
                    statements.incrementAndGet();
                    if (sql.contains("driftguard.beat(")) {
                        beats.incrementAndGet();
                    }
                }, DdlInterceptor.NONE).wrap(real);
            };
            return mode.equals("kept") ? counted : ConnectionSource.notKept(counted);
        }

        void measure(int seconds) throws Exception {
            long startedAt = System.nanoTime();
            for (int i = 0; i < publications.size(); i++) {
                Publication publication = publications.get(i);
                long offsetMillis = i * HEARTBEAT_SECONDS * 1000L / publications.size();
                threads.scheduleWithFixedDelay(publication::cycle, offsetMillis, HEARTBEAT_SECONDS * 1000L,
                        TimeUnit.MILLISECONDS);
            }
            long registered = awaitRegistered(startedAt + TimeUnit.MINUTES.toNanos(10));
            System.out.printf("%d instances (mode %s): %d registered after %.0f s%n", publications.size(), mode,
                    registered, (System.nanoTime() - startedAt) / 1e9);
            Thread.sleep(HEARTBEAT_SECONDS * 1000L); // one more period: what follows is steady state
            long statementsBefore = statements.get();
            long openedBefore = opened.get();
            long sessionsBefore = serverSessions();
            long cpuBefore = registryCpuTicks();
            long beatsBefore = beats.get();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long beatsSent = beats.get() - beatsBefore;
            long cpuTicks = registryCpuTicks() - cpuBefore;
            System.out.printf("steady state, %d instances, heartbeat %d s, mode %s: %.1f heartbeats/s (%.0f due), "
                            + "%.1f statements/s, %.1f connections/s opened by driftguard, %.1f sessions/s at the server, "
                            + "registry CPU %.2f cores, %.2f ms CPU per heartbeat%n",
                    publications.size(), HEARTBEAT_SECONDS, mode, beatsSent / elapsed,
                    publications.size() / (double) HEARTBEAT_SECONDS, (statements.get() - statementsBefore) / elapsed,
                    (opened.get() - openedBefore) / elapsed, (serverSessions() - sessionsBefore) / elapsed,
                    cpuTicks / (double) CLOCK_TICKS_PER_SECOND / elapsed,
                    beatsSent == 0 ? 0 : cpuTicks * 1000.0 / CLOCK_TICKS_PER_SECOND / beatsSent);
        }

        /** Waits until every instance has registered (or the deadline passed); how many have. */
        private long awaitRegistered(long deadlineNanos) throws Exception {
            while (true) {
                long registered = publications.stream().filter(p -> p.lastHeartbeatMillis() > 0).count();
                if (registered == publications.size() || System.nanoTime() > deadlineNanos) {
                    return registered;
                }
                Thread.sleep(200);
            }
        }

        /** Sessions the server has started on the registry database (PostgreSQL 14 and later). */
        private long serverSessions() {
            try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT sessions FROM pg_stat_database"
                         + " WHERE datname = current_database()")) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            threads.shutdownNow();
            threads.awaitTermination(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            publications.forEach(publication -> publication.stop(deadline));
            parser.shutdown();
            if (pool != null) {
                pool.close();
            }
        }
    }

    /**
     * CPU time of the PostgreSQL server on this machine, in clock ticks: every postgres process alive now, and the
     * postmaster's reaped children (the backends that have exited).
     */
    static long registryCpuTicks() throws IOException {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(process.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                if (!stat.contains("(postgres)")) {
                    continue;
                }
                // fields after the command: state ppid … utime(14) stime(15) cutime(16) cstime(17)
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]) // its own
                        + Long.parseLong(fields[13]) + Long.parseLong(fields[14]); // its exited children's
            }
        }
        return ticks;
    }

    private static void precheck(String url, int instances, int columns) throws SQLException {
        String query = "SELECT app, version, live_instances FROM driftguard.live_usage WHERE table_schema = 'public'"
                + " AND table_name = ? AND column_name IN (?, '*')";
        long[] micros = new long[200];
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement precheck = connection.prepareStatement(query)) {
            for (int i = 0; i < micros.length; i++) {
                int column = 1 + (i * 7919) % columns;
                precheck.setString(1, "t" + (column % 250));
                precheck.setString(2, "c" + column);
                long start = System.nanoTime();
                int rows = 0;
                try (ResultSet result = precheck.executeQuery()) {
                    while (result.next()) {
                        rows++;
                    }
                }
                micros[i] = (System.nanoTime() - start) / 1000;
                if (rows != Math.min(VERSIONS, instances)) {
                    throw new IllegalStateException("precheck found " + rows + " live versions, expected "
                            + Math.min(VERSIONS, instances));
                }
            }
        }
        Arrays.sort(micros);
        System.out.printf("precheck query on %,d usage rows, %d live instances of %d versions: median %.2f ms, "
                        + "p95 %.2f ms, max %.2f ms%n", (long) VERSIONS * columns, instances, Math.min(VERSIONS, instances),
                micros[micros.length / 2] / 1000.0, micros[micros.length * 95 / 100] / 1000.0,
                micros[micros.length - 1] / 1000.0);
    }
}
