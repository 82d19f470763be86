package dev.driftguard.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring Boot fat jar (Hikari, Hibernate, Flyway) configured with a plain {@code jdbc:postgresql:} URL and the
 * driftguard starter turned off: untouched without the agent; recorded and guarded under
 * {@code -javaagent:driftguard-agent.jar}. With the starter on, under the agent, each statement is recorded once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpringBootUnderAgentIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path logs;

    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    /** {@code release} of the sample shop, with its datasource switched to the plain vendor URL. */
    private Process start(Release release, boolean agent, boolean starter) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1"));
        if (agent) {
            command.add("-javaagent:" + System.getProperty("driftguard.agent.jar") + "=app=agent-shop,version="
                    + release.version + ",heartbeat.seconds=1");
        }
        command.addAll(List.of("-jar", System.getProperty("sample.jar"), "serve", "--release", release.cliName(),
                "--server.port=" + port, "--spring.datasource.url=" + DB.url(),
                "--spring.datasource.driver-class-name=org.postgresql.Driver",
                "--spring.datasource.username=" + DB.user(), "--spring.datasource.password=" + DB.password(),
                "--driftguard.enabled=" + starter));
        Path log = logs.resolve(release.cliName() + (agent ? "-agent" : "") + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        ports.add(port);
        return process;
    }

    private String get(int port) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/products")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitServing(Process process, int port) {
        Await.until("the release serving /products", Duration.ofSeconds(120), () -> {
            assertTrue(process.isAlive(), "the release exited");
            try {
                return get(port).startsWith("[");
            } catch (IOException notYet) {
                return false;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static int count(String sql) throws SQLException {
        try (Connection connection = DB.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static boolean registryExists() throws SQLException {
        return count("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'driftguard'") > 0;
    }

    private static boolean ratingColumnExists() throws SQLException {
        return count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'product'"
                + " AND column_name = 'rating'") == 1;
    }

    private static boolean liveRead(String version, String column) {
        try {
            return count("SELECT count(*) FROM driftguard.live_usage WHERE app = 'agent-shop' AND version = '" + version
                    + "' AND table_name = 'product' AND column_name = '" + column + "'") > 0;
        } catch (SQLException notYet) {
            return false;
        }
    }

    private static int liveInstances(String app, String version) throws SQLException {
        return count("SELECT count(*) FROM driftguard.instance WHERE app = '" + app + "' AND version = '" + version
                + "' AND stopped_at IS NULL");
    }

    @Test
    @Order(1)
    void withoutTheAgentOrTheStarterTheApplicationRunsUntouched() throws Exception {
        try {
            Process shop = start(Release.SHOP_1, false, false);
            awaitServing(shop, ports.get(0));
            assertFalse(registryExists(), "a driftguard registry appeared without the agent");
        } finally {
            stopAll();
        }
    }

    @Test
    @Order(2)
    void underTheAgentItsUsageReachesTheRegistryAndItsHazardousMigrationIsRefused() throws Exception {
        try {
            Process shop = start(Release.SHOP_1, true, false);
            awaitServing(shop, ports.get(0));
            Await.until("shop 1.0.0 reading product.rating in the registry", Duration.ofSeconds(30),
                    () -> liveRead("1.0.0", "rating"));
            Process migration = start(Release.SHOP_3, true, false);
            assertTrue(migration.waitFor(120, TimeUnit.SECONDS), "release 3 neither served nor failed");
            String log = Files.readString(logs.resolve("shop-3-agent.log"), StandardCharsets.UTF_8);
            assertTrue(log.contains("driftguard refused"), log);
            assertTrue(log.contains("blocked by agent-shop 1.0.0"), log);
            assertTrue(ratingColumnExists(), "the refused migration changed the schema");
            assertTrue(get(ports.get(0)).startsWith("["), "release 1 stopped serving");
        } finally {
            stopAll();
        }
    }

    @Test
    @Order(3)
    void underTheAgentTheStarterLeavesTheDataSourceToItAndEachStatementIsRecordedOnce() throws Exception {
        try {
            Process shop = start(Release.SHOP_2, true, true);
            awaitServing(shop, ports.get(0));
            Await.until("shop 2.0.0 reading product.name in the registry", Duration.ofSeconds(30),
                    () -> liveRead("2.0.0", "name"));
            assertEquals(1, liveInstances("agent-shop", "2.0.0"), "one recording for the process: the agent's");
            assertEquals(0, liveInstances("shop", "2.0.0"), "the starter recorded too");
            String log = Files.readString(logs.resolve("shop-2-agent.log"), StandardCharsets.UTF_8);
            assertTrue(log.contains("the starter leaves its DataSources to it"), log);
        } finally {
            stopAll();
        }
    }

    private void stopAll() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        processes.clear();
        ports.clear();
    }
}
