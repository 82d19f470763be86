package dev.driftguard.bench;

import dev.driftguard.flyway.DriftGuardCallback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * What the driftguard Flyway callback adds to a {@code migrate} of N pending migrations (each a CREATE TABLE, an
 * ADD COLUMN and a CREATE INDEX) on a fresh PostgreSQL database: medians of alternating runs with and without it.
 * {@code java -cp bench/target/benchmarks.jar dev.driftguard.bench.FlywayCallbackCost [adminUrl] [migrations] [runs]}
 */
public final class FlywayCallbackCost {

    private FlywayCallbackCost() {
    }

    public static void main(String[] args) throws Exception {
        String admin = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
        int migrations = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        Path folder = Files.createTempDirectory("driftguard-flyway-cost");
        for (int i = 1; i <= migrations; i++) {
            Files.writeString(folder.resolve("V" + i + "__table_" + i + ".sql"), "CREATE TABLE t" + i
                    + " (id int PRIMARY KEY, a text);\nALTER TABLE t" + i + " ADD COLUMN b int;\nCREATE INDEX t" + i
                    + "_a ON t" + i + " (a);\n");
        }
        long[][] millis = new long[2][runs];
        for (int run = 0; run < 2 * runs; run++) {
            boolean guarded = run % 2 == 1;
            String database = "driftguard_flyway_cost_" + run;
            execute(admin, "DROP DATABASE IF EXISTS " + database, "CREATE DATABASE " + database);
            String url = admin.replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
            FluentConfiguration flyway = Flyway.configure().dataSource(url, null, null).locations("filesystem:" + folder);
            if (guarded) {
                flyway.callbacks(new DriftGuardCallback());
            }
            long start = System.nanoTime();
            flyway.load().migrate();
            millis[guarded ? 1 : 0][run / 2] = (System.nanoTime() - start) / 1_000_000;
            execute(admin, "DROP DATABASE " + database);
        }
        Arrays.sort(millis[0]);
        Arrays.sort(millis[1]);
        System.out.printf("%d migrations, %d runs each: median migrate %d ms without the callback, %d ms with it%n",
                migrations, runs, millis[0][runs / 2], millis[1][runs / 2]);
    }

    private static void execute(String url, String... sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }
}
