package dev.driftguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Maven builds of a project with Flyway migrations, a plain {@code jdbc:postgresql:} URL, the Flyway Maven
 * plugin with the driftguard callback and the driftguard Maven plugin, and of one with a Liquibase changelog and
 * the Liquibase Maven plugin with driftguard-liquibase: run with Maven 3.9 from Maven Central, the
 * artifacts of this build staged in a local repository of its own that falls back on the user's.
 */
class MavenBuildIT {

    private static final String VERSION = System.getProperty("it.project.version");

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @TempDir
    Path work;

    private LiveVersions registry;

    /** Each build starts from the table alone: no migration history, no live version. */
    @BeforeEach
    void theTableAsTheApplicationKnowsIt() throws SQLException {
        DB.execute("DROP TABLE IF EXISTS product", "DROP TABLE IF EXISTS flyway_schema_history",
                "DROP TABLE IF EXISTS databasechangelog", "DROP TABLE IF EXISTS databasechangeloglock",
                "CREATE TABLE product (id int PRIMARY KEY, name text, rating int)");
        registry = new LiveVersions(DB);
        registry.stopAll();
    }

    @Test
    void theBuildFailsWhileALiveVersionReadsTheDroppedColumnAndMigratesOnceItHasStopped() throws Exception {
        registry.live("shop", "1.4.0", "public", "read product.rating", "read product.name");
        Path project = project();

        Build precheck = maven(project, "driftguard:precheck");
        assertEquals(1, precheck.exitCode, precheck.output);
        assertTrue(precheck.output.contains("a migration would break a live application version"), precheck.output);
        String summary = Files.readString(project.resolve("target/driftguard-precheck.md"), StandardCharsets.UTF_8);
        assertTrue(summary.contains("⛔") && summary.contains("blocked by shop 1.4.0"), summary);

        Build refused = maven(project, "flyway:migrate");
        assertEquals(1, refused.exitCode, refused.output);
        assertTrue(refused.output.contains("driftguard refused this statement"), refused.output);
        assertTrue(refused.output.contains("blocked by shop 1.4.0"), refused.output);
        assertEquals(List.of("id", "name", "rating"), columns(), "no migration ran");

        registry.stop("shop", "1.4.0");
        Build migrated = maven(project, "flyway:migrate");
        assertEquals(0, migrated.exitCode, migrated.output);
        assertEquals(List.of("id", "name", "note"), columns());

        Build after = maven(project, "driftguard:precheck");
        assertEquals(0, after.exitCode, after.output);
        assertTrue(Files.readString(project.resolve("target/driftguard-precheck.md"), StandardCharsets.UTF_8)
                .contains("✅ safe"));
    }

    @Test
    void theLiquibasePluginsUpdateIsRefusedBeforeAnyChangesetRunsWhileALiveVersionReadsTheColumn() throws Exception {
        registry.live("shop", "1.4.0", "public", "read product.rating", "read product.name");
        Path project = liquibaseProject();

        Build refused = maven(project, "liquibase:update");
        assertEquals(1, refused.exitCode, refused.output);
        assertTrue(refused.output.contains("blocked by shop 1.4.0"), refused.output);
        assertTrue(refused.output.contains("No changeset of this update was executed."), refused.output);
        assertEquals(List.of("id", "name", "rating"), columns(), "a changeset ran");

        registry.stop("shop", "1.4.0");
        Build updated = maven(project, "liquibase:update");
        assertEquals(0, updated.exitCode, updated.output);
        assertEquals(List.of("id", "name", "note"), columns());
    }

    /**
     * A project whose changelog adds a column, then drops one, and the Liquibase Maven plugin with driftguard-liquibase
     * among its dependencies, as docs/migration-tools.md shows.
     */
    private Path liquibaseProject() throws IOException {
        Path project = Files.createDirectories(work.resolve("shop-liquibase"));
        Path changelogs = Files.createDirectories(project.resolve("src/main/resources/db"));
        Files.writeString(changelogs.resolve("changelog.xml"), "<databaseChangeLog"
                + " xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n"
                + "  <changeSet id=\"add-note\" author=\"shop\">\n"
                + "    <addColumn tableName=\"product\"><column name=\"note\" type=\"text\"/></addColumn>\n"
                + "  </changeSet>\n"
                + "  <changeSet id=\"drop-rating\" author=\"shop\">\n"
                + "    <dropColumn tableName=\"product\" columnName=\"rating\"/>\n"
                + "  </changeSet>\n"
                + "</databaseChangeLog>\n");
        Files.writeString(project.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>it.shop</groupId><artifactId>shop-liquibase</artifactId><version>1</version><packaging>pom</packaging>\n"
                + "  <build><plugins>\n"
                + "    <plugin>\n"
                + "      <groupId>org.liquibase</groupId><artifactId>liquibase-maven-plugin</artifactId>"
                + "<version>" + System.getProperty("it.liquibase.version") + "</version>\n"
                + "      <configuration><url>" + DB.url() + "</url><username>" + DB.user() + "</username>"
                + "<password>" + (DB.password() == null ? "" : DB.password()) + "</password>"
                + "<searchPath>src/main/resources</searchPath><changeLogFile>db/changelog.xml</changeLogFile>"
                + "</configuration>\n"
                + "      <dependencies>\n"
                + "        <dependency><groupId>dev.driftguard</groupId><artifactId>driftguard-liquibase</artifactId>"
                + "<version>" + VERSION + "</version></dependency>\n"
                + "        <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId>"
                + "<version>" + System.getProperty("it.postgresql.version") + "</version></dependency>\n"
                + "      </dependencies>\n"
                + "    </plugin>\n"
                + "  </plugins></build>\n"
                + "</project>\n");
        return project;
    }

    /** A project with two pending migrations and both plugins configured as docs/migration-tools.md shows. */
    private Path project() throws IOException {
        Path project = Files.createDirectories(work.resolve("shop"));
        Path migrations = Files.createDirectories(project.resolve("src/main/resources/db/migration"));
        Files.writeString(migrations.resolve("V2__add_note.sql"), "ALTER TABLE product ADD COLUMN note text;\n");
        Files.writeString(migrations.resolve("V3__drop_rating.sql"), "ALTER TABLE product DROP COLUMN rating;\n");
        String connection = "<url>" + DB.url() + "</url><user>" + DB.user() + "</user><password>"
                + (DB.password() == null ? "" : DB.password()) + "</password>";
        Files.writeString(project.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>it.shop</groupId><artifactId>shop</artifactId><version>1</version><packaging>pom</packaging>\n"
                + "  <build><plugins>\n"
                + "    <plugin>\n"
                + "      <groupId>org.flywaydb</groupId><artifactId>flyway-maven-plugin</artifactId>"
                + "<version>" + System.getProperty("it.flyway.version") + "</version>\n"
                + "      <configuration>" + connection
                + "<locations><location>filesystem:src/main/resources/db/migration</location></locations>"
                + "<baselineOnMigrate>true</baselineOnMigrate><baselineVersion>1</baselineVersion>"
                + "<callbacks><callback>dev.driftguard.flyway.DriftGuardCallback</callback></callbacks></configuration>\n"
                + "      <dependencies>\n"
                + "        <dependency><groupId>dev.driftguard</groupId><artifactId>driftguard-flyway</artifactId>"
                + "<version>" + VERSION + "</version></dependency>\n"
                + "        <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-database-postgresql</artifactId>"
                + "<version>" + System.getProperty("it.flyway.version") + "</version></dependency>\n"
                + "        <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId>"
                + "<version>" + System.getProperty("it.postgresql.version") + "</version></dependency>\n"
                + "      </dependencies>\n"
                + "    </plugin>\n"
                + "    <plugin>\n"
                + "      <groupId>dev.driftguard</groupId><artifactId>driftguard-maven-plugin</artifactId>"
                + "<version>" + VERSION + "</version>\n"
                + "      <configuration>" + connection + "</configuration>\n"
                + "    </plugin>\n"
                + "  </plugins></build>\n"
                + "</project>\n");
        return project;
    }

    /** {@code mvn -B GOAL} in {@code project}, with this build's artifacts staged in front of the user's repository. */
    private Build maven(Path project, String goal) throws Exception {
        Path staged = stagedRepository();
        Path mavenHome = Path.of(System.getProperty("it.maven.home"));
        Path output = work.resolve("build-" + System.nanoTime() + ".log");
        // online: what the user's repository lacks (the plugins' own versions) comes from Maven Central into the staged one
        ProcessBuilder builder = new ProcessBuilder(mavenHome.resolve("bin/mvn").toString(), "-B", "-ntp",
                "-Dmaven.repo.local=" + staged, "-Dmaven.repo.local.tail=" + System.getProperty("it.local.repository"),
                goal).directory(project.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_OPTS");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvn " + goal + " did not end within 5 minutes:\n" + Files.readString(output));
        }
        return new Build(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** The artifacts of this build as a local repository would hold them: jar and pom each. */
    private Path stagedRepository() throws IOException {
        Path repository = work.resolve("repository");
        Path root = Path.of("../..").toAbsolutePath().normalize();
        stage(repository, "driftguard-parent", root.resolve("pom.xml"), null);
        stage(repository, "driftguard-driver", root.resolve("driver/pom.xml"), root.resolve("driver/target/driftguard.jar"));
        stage(repository, "driftguard-cli", root.resolve("cli/pom.xml"), root.resolve("cli/target/driftguard-cli.jar"));
        stage(repository, "driftguard-flyway", root.resolve("integrations/flyway/pom.xml"),
                root.resolve("integrations/flyway/target/driftguard-flyway.jar"));
        stage(repository, "driftguard-liquibase", root.resolve("integrations/liquibase/pom.xml"),
                root.resolve("integrations/liquibase/target/driftguard-liquibase.jar"));
        stage(repository, "driftguard-maven-plugin", Path.of("pom.xml").toAbsolutePath(),
                Path.of("target/driftguard-maven-plugin-" + VERSION + ".jar").toAbsolutePath());
        return repository;
    }

    private static void stage(Path repository, String artifactId, Path pom, Path jar) throws IOException {
        Path folder = Files.createDirectories(repository.resolve("dev/driftguard/" + artifactId + "/" + VERSION));
        Files.copy(pom, folder.resolve(artifactId + "-" + VERSION + ".pom"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            assertTrue(Files.isRegularFile(jar), jar + " is not built");
            Files.copy(jar, folder.resolve(artifactId + "-" + VERSION + ".jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<String> columns() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = DB.connect();
             ResultSet rows = connection.getMetaData().getColumns(connection.getCatalog(), "public", "product", null)) {
            while (rows.next()) {
                names.add(rows.getString("COLUMN_NAME"));
            }
        }
        return names;
    }

    /** One build: its exit code and its log. */
    private static final class Build {
        final int exitCode;
        final String output;

        Build(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
