package dev.driftguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** install, status and retire against a real registry. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryCommandsTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    private static String[] withConnection(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = DB.url();
        all[args.length + 2] = "--user";
        all[args.length + 3] = DB.user();
        return all;
    }

    private static void liveInstance(String id, String version) throws SQLException {
        DB.execute("INSERT INTO driftguard.instance (instance_id, app, version, host, pid, started_at, last_heartbeat,"
                + " expires_at) VALUES ('" + id + "', 'shop', '" + version + "', 'web-1', 42, now(), now(),"
                + " now() + interval '1 hour')");
    }

    @Test
    @Order(1)
    void statusWithoutARegistrySaysHowToCreateIt() {
        CliRun run = CliRun.of(withConnection("status"));
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("driftguard install"), run.err);
    }

    @Test
    @Order(1)
    void retireWithoutARegistrySaysHowToCreateIt() {
        CliRun run = CliRun.of(withConnection("retire", "--app", "shop", "--version", "1"));
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("no driftguard registry") && run.err.contains("driftguard install"), run.err);
        assertFalse(run.err.contains("does not exist"), "the database's own message: " + run.err);
    }

    /** The measured fault: the command line told its user to set a driver setting. */
    @Test
    @Order(1)
    void aDatabaseNoRegistryCanLiveInIsAnsweredWithTheOptionToChange() {
        for (String command : new String[] {"install", "status", "report"}) {
            CliRun run = CliRun.of(command, "--url", "jdbc:derby:memory:nowhere");
            assertEquals(2, run.exitCode, run.err);
            assertTrue(run.err.contains("Give --url"), run.err);
            assertFalse(run.err.contains("driftguard.registry.url"), run.err);
        }
    }

    @Test
    @Order(1)
    void strayWordsAreUsageErrorsNotIgnored() {
        for (String command : new String[] {"install", "status", "retire"}) {
            String[] args = withConnection(command, "--app", "shop", "--version", "1", "extra.sql");
            CliRun run = CliRun.of(command.equals("retire") ? args : withConnection(command, "extra.sql"));
            assertEquals(2, run.exitCode, command + ": " + run.out + run.err);
            assertTrue(run.err.contains(command + " takes no file or SQL, got 'extra.sql'"), run.err);
        }
    }

    @Test
    @Order(2)
    void installCreatesTheRegistryAndSaysSo() {
        CliRun run = CliRun.of(withConnection("install"));
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.startsWith("driftguard registry created in"), run.out);
    }

    @Test
    @Order(3)
    void installingAgainReportsUpToDate() {
        CliRun run = CliRun.of(withConnection("install"));
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("is up to date"), run.out);
    }

    @Test
    @Order(4)
    void statusListsLiveVersionsAndTheirInstances() throws SQLException {
        liveInstance("web-1:42:aaaa", "1.4.0");
        liveInstance("web-2:43:bbbb", "1.4.0");
        CliRun run = CliRun.of(withConnection("status"));
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("shop 1.4.0"), run.out);
        assertTrue(run.out.contains("2 instances"), run.out);
        assertTrue(run.out.contains("web-2:43:bbbb"), run.out);
    }

    @Test
    @Order(5)
    void statusAsJsonIsAnArrayOfInstances() throws Exception {
        CliRun run = CliRun.of(withConnection("status", "--format", "json"));
        JsonNode instances = new ObjectMapper().readTree(run.out);
        assertEquals(2, instances.size());
        assertTrue(instances.get(0).get("live").asBoolean());
    }

    @Test
    @Order(6)
    void retireStopsEveryInstanceOfTheVersion() {
        CliRun run = CliRun.of(withConnection("retire", "--app", "shop", "--version", "1.4.0"));
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("2 instances marked stopped"), run.out);
        assertTrue(CliRun.of(withConnection("status")).out.contains("No live instance"));
        assertTrue(CliRun.of(withConnection("status", "--all")).out.contains("gone"));
    }

    @Test
    @Order(7)
    void retiringAVersionWithNothingRunningIsNotAnError() {
        CliRun run = CliRun.of(withConnection("retire", "--app", "shop", "--version", "0.1"));
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("nothing to retire"), run.out);
    }

    /** What the server lists afterwards, not what the command printed, says the triggers are there. */
    @Test
    @Order(8)
    void installWithTriggerOnPostgresInstallsBothEventTriggers() throws SQLException {
        CliRun run = CliRun.of(withConnection("install", "--trigger"));
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("event trigger installed"), run.out);
        try (Connection connection = DB.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT string_agg(evtname || ' on ' || evtevent, ', '"
                     + " ORDER BY evtname) FROM pg_event_trigger WHERE evtname LIKE 'driftguard%'")) {
            rows.next();
            assertEquals("driftguard_drop_guard on sql_drop, driftguard_guard on ddl_command_end", rows.getString(1));
        }
    }

    @Test
    void retireWithoutAVersionIsAUsageError() {
        CliRun run = CliRun.of(withConnection("retire", "--app", "shop"));
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("--version is required"), run.err);
    }

    @Test
    void triggerOnADatabaseThatHasNoneIsAUsageErrorSayingWhere() {
        CliRun run = CliRun.of("install", "--trigger", "--url", "jdbc:h2:mem:no_trigger_here");
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("PostgreSQL only"), run.err);
        assertFalse(run.err.contains("\tat "), run.err);
    }

    @Test
    void registryInAnUnsupportedDatabaseIsAUsageError() {
        CliRun run = CliRun.of("install", "--url", "jdbc:sqlite:/tmp/x.db");
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("PostgreSQL, MariaDB/MySQL or H2"), run.err);
    }
}
