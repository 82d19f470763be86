package dev.driftguard.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.driftguard.DriftGuardDataSource;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway's Java API with a plain vendor URL and the callback: a pending migration that drops a column a live
 * version reads stops the run before any migration executes, and runs once that version has stopped.
 */
abstract class FlywayCallbackContract {

    /** The table every subclass's database starts with. */
    static final String PRODUCT = "CREATE TABLE product (id int PRIMARY KEY, name varchar(40), rating int)";

    /** A database with {@link #PRODUCT}. */
    abstract TestDatabase db();

    @TempDir
    Path migrations;

    @Test
    void aDropOfAColumnALiveVersionReadsStopsTheRunBeforeAnyMigrationAndRunsAfterTheVersionStops() throws Exception {
        Files.writeString(migrations.resolve("V2__add_note.sql"), "ALTER TABLE product ADD note VARCHAR(40);\n");
        Files.writeString(migrations.resolve("V3__drop_rating.sql"), "ALTER TABLE product DROP COLUMN rating;\n");
        DriftGuardDataSource live = liveVersionReading("rating");

        FlywayException refused = assertThrows(FlywayException.class, () -> flyway().migrate());

        assertTrue(refused.getMessage().contains("Migration V3__drop_rating.sql:\ndriftguard refused this statement"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("blocked by shop 1.0.0"), refused.getMessage());
        assertEquals(List.of("id", "name", "rating"), columns(), "no migration ran, not even the harmless V2");

        live.close();
        flyway().migrate();

        assertEquals(List.of("id", "name", "note"), columns());
    }

    @Test
    void aJavaMigrationRunsUncheckedUnlessTheSettingMakesItACannotDecide() throws Exception {
        Flyway refusing = Flyway.configure().dataSource(db().url(), db().user(), db().password())
                .locations("classpath:dev/driftguard/flyway/javamigration").baselineOnMigrate(true).baselineVersion("3")
                .table("java_history").callbacks(new DriftGuardCallback(environment("refuse"))).load();
        FlywayException refused = assertThrows(FlywayException.class, refusing::migrate);
        Throwable cause = refused;
        while (cause != null && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        assertTrue(cause != null && "ZDG02".equals(((SQLException) cause).getSQLState()), refused.getMessage());
        assertTrue(refused.getMessage().contains("driftguard cannot decide: migration"
                + " dev.driftguard.flyway.javamigration.V4__Backfill is not SQL (JDBC)"), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("No migration of this run was executed."), refused.getMessage());
        assertEquals(0, count("SELECT count(*) FROM product WHERE name = 'backfilled'"), "nothing ran");

        Flyway.configure().dataSource(db().url(), db().user(), db().password())
                .locations("classpath:dev/driftguard/flyway/javamigration").baselineOnMigrate(true).baselineVersion("3")
                .table("java_history").callbacks(new DriftGuardCallback(environment("run"))).load().migrate();
        assertEquals(1, count("SELECT count(*) FROM java_history WHERE version = '4'"), "run, by default");
    }

    /** The callback asks Flyway what is pending; the run's own info callbacks, Java or SQL, never hear of it. */
    @Test
    void theChecksLookAtWhatIsPendingWithoutRunningTheApplicationsInfoCallbacks() throws Exception {
        Files.writeString(migrations.resolve("V2__add_code.sql"), "ALTER TABLE product ADD code VARCHAR(10);\n");
        Files.writeString(migrations.resolve("beforeInfo.sql"), "INSERT INTO product (id, name) VALUES (99, 'info ran');\n");
        java.util.concurrent.atomic.AtomicInteger infos = new java.util.concurrent.atomic.AtomicInteger();
        org.flywaydb.core.api.callback.Callback counting = new org.flywaydb.core.api.callback.Callback() {
            @Override
            public boolean supports(org.flywaydb.core.api.callback.Event event,
                                    org.flywaydb.core.api.callback.Context context) {
                return event == org.flywaydb.core.api.callback.Event.BEFORE_INFO;
            }

            @Override
            public boolean canHandleInTransaction(org.flywaydb.core.api.callback.Event event,
                                                  org.flywaydb.core.api.callback.Context context) {
                return true;
            }

            @Override
            public void handle(org.flywaydb.core.api.callback.Event event, org.flywaydb.core.api.callback.Context context) {
                infos.incrementAndGet();
            }

            @Override
            public String getCallbackName() {
                return "counting";
            }
        };
        Flyway.configure().dataSource(db().url(), db().user(), db().password()).locations("filesystem:" + migrations)
                .baselineOnMigrate(true).baselineVersion("1").table("info_history")
                .callbacks(new DriftGuardCallback(), counting).load().migrate();
        assertTrue(columns().contains("code"), "the migration ran");
        assertEquals(0, infos.get(), "an info callback of the application ran");
        assertEquals(0, count("SELECT count(*) FROM product WHERE id = 99"), "beforeInfo.sql ran");
    }

    /** driftguard's settings with {@code driftguard.guard.java.migrations} set, and nothing else. */
    private static dev.driftguard.internal.config.Environment environment(String javaMigrations) {
        return new dev.driftguard.internal.config.Environment(
                key -> key.equals("driftguard.guard.java.migrations") ? javaMigrations : null, key -> null,
                new Properties(), null, null, "test-instance");
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(db().url(), db().user(), db().password())
                .locations("filesystem:" + migrations).baselineOnMigrate(true).baselineVersion("1")
                .callbacks(new DriftGuardCallback()).load();
    }

    /** shop 1.0.0 through driftguard, having read {@code product.column}, in the registry's live view. */
    private DriftGuardDataSource liveVersionReading(String column) throws SQLException {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(db().url());
        pool.setUsername(db().user());
        pool.setPassword(db().password());
        Properties settings = new Properties();
        settings.setProperty("driftguard.app", "shop");
        settings.setProperty("driftguard.version", "1.0.0");
        settings.setProperty("driftguard.heartbeat.seconds", "1");
        DriftGuardDataSource live = new DriftGuardDataSource(new HikariDataSource(pool), settings);
        try (Connection connection = live.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT " + column + " FROM product").close();
        }
        String liveUsage = Registry.forUrl(db().url()).name("live_usage");
        Await.until("shop 1.0.0 reading product." + column + " in the live view", Duration.ofSeconds(30),
                () -> count("SELECT count(*) FROM " + liveUsage + " WHERE app = 'shop' AND table_name = 'product'"
                        + " AND column_name = '" + column + "'") > 0);
        return live;
    }

    private List<String> columns() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = db().connect();
             ResultSet rows = connection.getMetaData().getColumns(connection.getCatalog(), null, "product", null)) {
            while (rows.next()) {
                names.add(rows.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    /** The count, or -1 while the registry does not exist yet. */
    private long count(String sql) {
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException notYet) {
            return -1;
        }
    }
}
