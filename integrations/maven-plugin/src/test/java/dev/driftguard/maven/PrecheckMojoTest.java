package dev.driftguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.testsupport.TestDatabase;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The goal against a real registry: the build's outcome and the markdown file, for each verdict. */
class PrecheckMojoTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres()
            .withSetUp("CREATE TABLE product (id int PRIMARY KEY, name text, rating int)");

    /** An application database whose registry, were it elsewhere, nobody named. */
    @RegisterExtension
    static final TestDatabase NO_REGISTRY = TestDatabase.postgres();

    @TempDir
    Path project;

    @BeforeAll
    static void shopReadsRating() throws SQLException {
        new LiveVersions(DB).live("shop", "1.4.0", "public", "read product.rating", "read product.name");
    }

    private PrecheckMojo goal(String migration) throws Exception {
        Path folder = Files.createDirectories(project.resolve("src/main/resources/db/migration"));
        Files.writeString(folder.resolve("V2__change.sql"), migration);
        PrecheckMojo goal = new PrecheckMojo();
        goal.url = DB.url();
        goal.user = DB.user();
        goal.password = DB.password();
        goal.format = "text";
        goal.failOnHazard = true;
        goal.basedir = project.toFile();
        goal.markdownFile = project.resolve("target/driftguard-precheck.md").toFile();
        return goal;
    }

    private String summary() throws Exception {
        return Files.readString(project.resolve("target/driftguard-precheck.md"), StandardCharsets.UTF_8);
    }

    @Test
    void aMigrationThatBreaksALiveVersionFailsTheBuildAndTheSummaryNamesTheVersion() throws Exception {
        PrecheckMojo goal = goal("ALTER TABLE product DROP COLUMN rating;");
        MojoFailureException failure = assertThrows(MojoFailureException.class, goal::execute);
        assertTrue(failure.getMessage().contains("would break a live application version"), failure.getMessage());
        assertTrue(summary().startsWith("### driftguard precheck: ⛔ 1 change would break live versions"), summary());
        assertTrue(summary().contains("blocked by shop 1.4.0"), summary());
    }

    /** The release the build makes reads product.id in its tests: dropping it is refused before any deploy. */
    @Test
    void aMigrationThatRemovesWhatTheBuildsOwnTestsUseFailsTheBuild() throws Exception {
        Path manifests = Files.createDirectories(project.resolve("target/driftguard"));
        Files.writeString(manifests.resolve("manifest-1.json"), "{\"format\":1,\"app\":\"shop\",\"version\":\"2.0.0\","
                + "\"database\":\"shop_test\",\"statement_shapes\":1,\"columns\":[{\"schema\":\"public\",\"table\":\"product\","
                + "\"column\":\"id\",\"access\":\"read\"}],\"via\":[]}");
        PrecheckMojo goal = goal("ALTER TABLE product DROP COLUMN id;");
        goal.incoming = List.of(manifests.toFile());
        assertThrows(MojoFailureException.class, goal::execute);
        assertTrue(summary().contains("blocked by shop 2.0.0 (about to be deployed, by its manifest)"), summary());
        goal.incoming = null;
        goal.execute(); // no live version reads id
    }

    @Test
    void declareMakesTheBuildsManifestsTheDeclaredUsageOfItsRelease() throws Exception {
        Path manifests = Files.createDirectories(project.resolve("target/driftguard"));
        Files.writeString(manifests.resolve("manifest-7.json"), "{\"format\":1,\"app\":\"billing\",\"version\":"
                + "\"1.0.0-SNAPSHOT\",\"database\":\"x\",\"statement_shapes\":1,\"columns\":[{\"schema\":\"public\","
                + "\"table\":\"product\",\"column\":\"id\",\"access\":\"read\"}],\"via\":[]}");
        DeclareMojo declare = new DeclareMojo();
        declare.url = DB.url();
        declare.user = DB.user();
        declare.password = DB.password();
        declare.version = "1.0.0";
        declare.manifests = List.of(manifests.toFile());
        declare.execute();
        new LiveVersions(DB).live("billing", "1.0.0", "public");
        try {
            assertThrows(MojoFailureException.class, goal("ALTER TABLE product DROP COLUMN id;")::execute);
            assertTrue(summary().contains("blocked by billing 1.0.0 (1 live instance, declared by its manifest"), summary());
        } finally {
            new LiveVersions(DB).stop("billing", "1.0.0");
        }
        declare.manifests = List.of(project.resolve("target/nowhere").toFile());
        MojoExecutionException missing = assertThrows(MojoExecutionException.class, declare::execute);
        assertTrue(missing.getMessage().contains("no manifest at") && missing.getMessage().contains("driftguard.manifest.out"),
                missing.getMessage());
    }

    @Test
    void aSafeMigrationPassesAndTheSummarySaysSo() throws Exception {
        goal("ALTER TABLE product ADD COLUMN note text;").execute();
        assertTrue(summary().startsWith("### driftguard precheck: ✅ safe"), summary());
    }

    @Test
    void withFailOnHazardOffTheBuildPassesAndTheSummaryStillReportsTheHazard() throws Exception {
        PrecheckMojo goal = goal("ALTER TABLE product DROP COLUMN rating;");
        goal.failOnHazard = false;
        goal.execute();
        assertTrue(summary().contains("⛔"), summary());
    }

    @Test
    void aDatabaseWithoutARegistryIsAnErrorThatSaysWhatToDo() throws Exception {
        PrecheckMojo goal = goal("ALTER TABLE product DROP COLUMN rating;");
        goal.url = NO_REGISTRY.url();
        MojoExecutionException error = assertThrows(MojoExecutionException.class, goal::execute);
        assertTrue(error.getMessage().contains("there is no driftguard registry at")
                && error.getMessage().contains("--registry-url"), error.getMessage());
    }

    @Test
    void missingMigrationsAreAnErrorThatNamesThePlace() throws Exception {
        PrecheckMojo goal = goal("SELECT 1;");
        goal.migrations = List.of(new File(project.toFile(), "nowhere"));
        MojoExecutionException error = assertThrows(MojoExecutionException.class, goal::execute);
        assertTrue(error.getMessage().contains("no migrations at") && error.getMessage().contains("nowhere"),
                error.getMessage());
    }

    @Test
    void aLiquibaseChangelogIsCheckedThroughTheSqlLiquibaseWouldRunAndNothingRuns() throws Exception {
        Path resources = Files.createDirectories(project.resolve("src/main/resources/db"));
        Files.writeString(resources.resolve("changelog.xml"), "<databaseChangeLog"
                + " xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n"
                + "  <changeSet id=\"drop-rating\" author=\"shop\"><dropColumn tableName=\"product\" columnName=\"rating\"/></changeSet>\n"
                + "</databaseChangeLog>\n");
        PrecheckMojo goal = goal("SELECT 1;");
        goal.liquibaseChangelog = "db/changelog.xml";
        goal.liquibaseSearchPath = project.resolve("src/main/resources").toFile();
        goal.migrations = List.of();

        assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(summary().contains("driftguard-liquibase-update.sql") && summary().contains("blocked by shop 1.4.0"),
                summary());
        DB.execute("SELECT rating FROM product"); // still there
        assertEquals(List.of(), liquibaseTables(), "update-sql created Liquibase's own tables");
    }

    private static List<String> liquibaseTables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = DB.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'databasechangelog%'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    @Test
    void flywayLocationsAreCheckedAsFlywayResolvesThemWithItsOwnPrefixesAndOrder() throws Exception {
        Path classes = Files.createDirectories(project.resolve("target/classes/db/shop"));
        // a custom prefix FlywayFolder would not read, found on the project's class path
        Files.writeString(classes.resolve("M2__drop_rating.sql"), "ALTER TABLE product DROP COLUMN rating;");
        PrecheckMojo goal = goal("SELECT 1;");
        goal.migrations = List.of();
        goal.outputDirectory = project.resolve("target/classes").toFile();
        goal.flywayLocations = List.of("classpath:db/shop");
        goal.flywayConfiguration = java.util.Map.of("flyway.sqlMigrationPrefix", "M");
        assertThrows(MojoFailureException.class, goal::execute);
        assertTrue(summary().contains("M2__drop_rating.sql") && summary().contains("blocked by shop 1.4.0"), summary());
    }

    @Test
    void thePluginDescriptorDeclaresTheGoalAndItsParameters() throws Exception {
        String descriptor;
        try (InputStream in = PrecheckMojo.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            descriptor = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(descriptor.contains("<goalPrefix>driftguard</goalPrefix>"), descriptor);
        assertTrue(descriptor.contains("<goal>precheck</goal>"), descriptor);
        for (String parameter : List.of("url", "user", "password", "registryUrl", "migrations", "flywayLocations",
                "liquibaseChangelog",
                "liquibaseSearchPath", "format", "markdownFile", "failOnHazard", "skip")) {
            assertTrue(descriptor.contains("<name>" + parameter + "</name>"), parameter);
        }
    }
}
