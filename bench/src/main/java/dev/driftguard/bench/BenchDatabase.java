package dev.driftguard.bench;

import java.util.Properties;

/**
 * The database a statement benchmark runs against: {@code h2}, an in-memory database of its own per name, or
 * {@code postgres}, at {@code -Dbench.postgres.url} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres},
 * user and password {@code bench.postgres.user}, {@code bench.postgres.password}).
 */
final class BenchDatabase {

    final String url;
    final Properties credentials = new Properties();

    /** {@code database} as the benchmarks' parameter names it; {@code name} keeps in-memory databases apart. */
    BenchDatabase(String database, String name) {
        if (database.equals("h2")) {
            url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
            credentials.setProperty("user", "sa");
            credentials.setProperty("password", "");
        } else {
            url = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
            credentials.setProperty("user", System.getProperty("bench.postgres.user", "postgres"));
            credentials.setProperty("password", System.getProperty("bench.postgres.password", ""));
        }
    }
}
