package dev.driftguard.internal.guard;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real migration tools, pointed at {@code jdbc:driftguard:}: a drop a live version needs fails and changes nothing. */
abstract class MigrationToolsContract {

    abstract TestDatabase db();

    abstract String schema();

    private static final AtomicInteger NEXT = new AtomicInteger();

    @TempDir
    Path dir;

    private String app;

    @BeforeEach
    void liveVersionReadsRating() throws SQLException {
        app = "tools" + NEXT.incrementAndGet();
        db().execute("DROP TABLE IF EXISTS flyway_schema_history", "DROP TABLE IF EXISTS DATABASECHANGELOG",
                "DROP TABLE IF EXISTS DATABASECHANGELOGLOCK", "DROP TABLE IF EXISTS product",
                "CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(40), rating INT)");
        LiveVersions registry = new LiveVersions(db());
        registry.stopAll();
        registry.live(app, "1.0", schema(), "read product.rating");
    }

    private boolean ratingExists() throws SQLException {
        try (Connection connection = db().connect();
             ResultSet columns = connection.getMetaData().getColumns(null, null, "product", "rating")) {
            return columns.next();
        }
    }

    private static boolean causedByRefusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && "ZDG01".equals(((SQLException) cause).getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void flywayMigrationThatDropsALiveColumnFailsWithDriftGuardsMessage() throws Exception {
        Files.writeString(dir.resolve("V1__drop_rating.sql"), "ALTER TABLE product DROP COLUMN rating;");
        // as Spring Boot does it: Flyway gets the application's pool, whose URL is the jdbc:driftguard: one
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(db().driftguardUrl());
        pool.setUsername(db().user());
        pool.setPassword(db().password());
        pool.addDataSourceProperty("driftguard.app", app + "-migration");
        pool.addDataSourceProperty("driftguard.version", "2.0");
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            Flyway flyway = Flyway.configure().dataSource(dataSource).locations("filesystem:" + dir)
                    .baselineOnMigrate(true).baselineVersion("0").load();
            Exception failure = assertThrows(Exception.class, flyway::migrate);
            assertTrue(causedByRefusal(failure), failure.toString());
            assertTrue(String.valueOf(failure.getMessage()).contains("driftguard refused"), failure.getMessage());
        }
        assertTrue(ratingExists());
    }

    @Test
    void liquibaseChangesetThatDropsALiveColumnFailsWithDriftGuardsMessage() throws Exception {
        Files.writeString(dir.resolve("changelog.sql"), "--liquibase formatted sql\n--changeset driftguard:1\n"
                + "ALTER TABLE product DROP COLUMN rating;\n");
        java.util.Properties properties = db().credentials();
        properties.setProperty("driftguard.app", app + "-migration");
        properties.setProperty("driftguard.version", "2.0");
        try (Connection connection = DriverManager.getConnection(db().driftguardUrl(), properties)) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Exception failure = assertThrows(Exception.class, () -> Scope.child(Scope.Attr.resourceAccessor.name(),
                    new DirectoryResourceAccessor(dir), () -> new CommandScope("update")
                            .addArgumentValue("database", database)
                            .addArgumentValue("changelogFile", "changelog.sql")
                            .execute()));
            assertTrue(causedByRefusal(failure), failure.toString());
        }
        assertTrue(ratingExists());
    }
}
