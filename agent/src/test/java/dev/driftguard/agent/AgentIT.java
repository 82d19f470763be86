package dev.driftguard.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.JvmProcess;
import dev.driftguard.testsupport.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Unmodified applications, each in a JVM of its own with a plain {@code jdbc:postgresql:} URL, under
 * {@code -javaagent:driftguard-agent.jar}: their usage reaches the registry and their hazardous DDL is refused.
 */
class AgentIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    private static final Duration EXIT = Duration.ofSeconds(60);

    @BeforeAll
    static void schema() throws SQLException {
        DB.execute("CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(40), rating INT)",
                "INSERT INTO product VALUES (1, 'lamp', 4), (2, 'chair', 3)");
    }

    /** The application's class path: its classes, the PostgreSQL driver, HikariCP and SLF4J, nothing of driftguard. */
    private static List<String> applicationClassPath() {
        List<String> entries = new ArrayList<>();
        entries.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("postgresql-") || name.startsWith("HikariCP-") || name.startsWith("slf4j-api-")) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static String agent(String arguments) {
        return "-javaagent:" + System.getProperty("driftguard.agent.jar") + "=" + arguments;
    }

    private static JvmProcess application(List<String> jvmArguments, List<String> extraClassPath, String mode,
                                          String url) throws IOException {
        List<String> classPath = applicationClassPath();
        classPath.addAll(extraClassPath);
        return JvmProcess.start(jvmArguments, String.join(File.pathSeparator, classPath), AgentSubject.class, mode, url,
                DB.user(), DB.password());
    }

    private static JvmProcess underAgent(String app, String mode) throws IOException {
        return application(List.of(agent("app=" + app + ",version=1,heartbeat.seconds=1")), List.of(), mode, DB.url());
    }

    private static long reads(String app, String column) throws SQLException {
        try (Connection connection = DB.connect();
             PreparedStatement query = connection.prepareStatement("SELECT coalesce(sum(use_count), 0)"
                     + " FROM driftguard.column_usage WHERE app = ? AND table_name = 'product' AND column_name = ?"
                     + " AND access = 'read'")) {
            query.setString(1, app);
            query.setString(2, column);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException noRegistryYet) {
            if ("42P01".equals(noRegistryYet.getSQLState()) || "3F000".equals(noRegistryYet.getSQLState())) {
                return 0;
            }
            throw noRegistryYet;
        }
    }

    private static void runsToTheEnd(JvmProcess program) throws InterruptedException {
        program.awaitLine("done", EXIT);
        assertEquals(0, program.awaitExit(EXIT));
    }

    @Test
    void plainJdbcProgramUnderTheAgentPublishesEachStatementOnce() throws Exception {
        try (JvmProcess program = underAgent("plain", "select")) {
            runsToTheEnd(program);
        }
        assertEquals(7, reads("plain", "name"));
    }

    @Test
    void hikariPoolOnADriverIsWrappedOnceNotTwice() throws Exception {
        try (JvmProcess program = underAgent("pooled", "hikari")) {
            runsToTheEnd(program);
        }
        assertEquals(7, reads("pooled", "name"));
    }

    @Test
    void connectionFromTheApplicationsOwnDriftGuardIsNotWrappedAgain() throws Exception {
        String driftguardUrl = "jdbc:driftguard:" + DB.url().substring("jdbc:".length());
        try (JvmProcess program = application(List.of(agent("app=both,version=1")), List.of(System.getProperty("driftguard.jar")),
                "select", driftguardUrl)) {
            runsToTheEnd(program);
        }
        assertEquals(7, reads("both", "name"));
    }

    @Test
    void dropOfAColumnALiveVersionReadsIsRefusedUnderTheAgent() throws Exception {
        try (JvmProcess live = underAgent("shop", "hold")) {
            live.awaitLine("ready", EXIT);
            Await.until("shop 1 reading product.rating in the registry", Duration.ofSeconds(30), () -> {
                try {
                    return reads("shop", "rating") > 0;
                } catch (SQLException e) {
                    return false;
                }
            });
            try (JvmProcess migration = application(List.of(agent("app=shop,version=2")), List.of(), "ddl", DB.url())) {
                String outcome = migration.awaitLine("", EXIT);
                assertTrue(outcome.startsWith("refused ZDG01: driftguard refused"), outcome);
            }
            live.send("stop");
            assertEquals(0, live.awaitExit(EXIT));
        }
    }

    @Test
    void unwrapStillReachesTheVendorConnection() throws Exception {
        try (JvmProcess program = underAgent("unwrapping", "unwrap")) {
            assertEquals("unwrapped org.postgresql.jdbc.PgConnection", program.awaitLine("unwrapped", EXIT));
            assertEquals("wrapper true", program.awaitLine("wrapper", EXIT));
        }
    }

    @Test
    void applicationBundlingAnotherJSqlParserRunsUnchanged() throws Exception {
        String jsqlparser = Path.of(System.getProperty("it.libs"), "jsqlparser-4.9.jar").toString();
        try (JvmProcess program = application(List.of(agent("app=bundling,version=1")), List.of(jsqlparser), "jsqlparser",
                DB.url())) {
            assertTrue(program.awaitLine("parsed by", EXIT).endsWith("jsqlparser-4.9.jar"));
            runsToTheEnd(program);
        }
        assertEquals(7, reads("bundling", "name"));
    }

    @Test
    void withoutTheAgentTheSameProgramRecordsNothing() throws Exception {
        try (JvmProcess program = application(List.of("-Ddriftguard.app=untouched"), List.of(), "select", DB.url())) {
            assertEquals("selected 7", program.awaitLine("selected", EXIT));
            assertEquals(0, program.awaitExit(EXIT));
        }
        assertEquals(0, reads("untouched", "name"));
    }

    @Test
    void unknownAgentArgumentLeavesTheApplicationRunningWithoutDriftGuard() throws Exception {
        try (JvmProcess program = application(List.of(agent("colour=blue,app=misconfigured")), List.of(), "select",
                DB.url())) {
            runsToTheEnd(program);
        }
        assertEquals(0, reads("misconfigured", "name"));
    }
}
