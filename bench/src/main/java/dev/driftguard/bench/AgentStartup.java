package dev.driftguard.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What {@code -javaagent:driftguard-agent.jar} adds to start-up, as medians over alternating runs with and without
 * it: a JVM that starts, loads the PostgreSQL driver and exits; and the Spring Boot sample shop from launch until
 * it answers its first HTTP request.
 * {@code java -cp bench/target/benchmarks.jar dev.driftguard.bench.AgentStartup AGENT_JAR SAMPLE_JAR [adminUrl] [runs]}
 */
public final class AgentStartup {

    /** The smallest application that touches JDBC. */
    public static final class LoadDriver {
        private LoadDriver() {
        }

        public static void main(String[] args) throws ClassNotFoundException {
            Class.forName("org.postgresql.Driver");
        }
    }

    private AgentStartup() {
    }

    public static void main(String[] args) throws Exception {
        String agent = "-javaagent:" + args[0] + "=app=bench,version=1";
        String sample = args[1];
        String adminUrl = args.length > 2 ? args[2] : "jdbc:postgresql://127.0.0.1:5432/postgres";
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        String database = "driftguard_bench_startup";
        try (Connection admin = DriverManager.getConnection(adminUrl, "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database);
        }
        URI server = URI.create(adminUrl.substring("jdbc:".length()));
        String url = "jdbc:postgresql://" + server.getHost() + ":" + server.getPort() + "/" + database;

        List<String> plain = List.of(java(), "-cp", System.getProperty("java.class.path"), LoadDriver.class.getName());
        report("JVM start, load the PostgreSQL driver, exit", measure(runs, plain, agent, null));
        List<String> boot = new ArrayList<>(List.of(java(), "-jar", sample, "serve", "--release", "shop-1",
                "--spring.datasource.url=" + url, "--spring.datasource.driver-class-name=org.postgresql.Driver"));
        report("Spring Boot shop to first answer, plain URL", measure(runs, boot, agent, "/products"));
        List<String> driver = new ArrayList<>(List.of(java(), "-jar", sample, "serve", "--release", "shop-1",
                "--spring.datasource.url=jdbc:driftguard:" + url.substring("jdbc:".length()),
                "--spring.datasource.driver-class-name=dev.driftguard.DriftGuardDriver"));
        long[][] viaUrl = measure(runs, driver, null, "/products");
        System.out.printf("%-55s %6d ms (driftguard through the URL, no agent)%n",
                "Spring Boot shop to first answer, jdbc:driftguard: URL", median(viaUrl[0]));
    }

    /** Milliseconds {without, with} the agent, the two alternating; only without when {@code agent} is null. */
    private static long[][] measure(int runs, List<String> command, String agent, String path) throws Exception {
        long[][] millis = new long[2][runs];
        for (int run = 0; run < runs; run++) {
            for (int withAgent = 0; withAgent < 2; withAgent++) {
                List<String> line = new ArrayList<>(command);
                if (withAgent == 1) {
                    if (agent == null) {
                        break;
                    }
                    line.add(1, agent);
                }
                millis[withAgent][run] = path == null ? untilExit(line) : untilServing(line, path);
            }
        }
        return millis;
    }

    private static long untilExit(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long untilServing(List<String> command, String path) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> line = new ArrayList<>(command);
        line.add("--server.port=" + port);
        HttpClient http = HttpClient.newHttpClient();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(line).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).start();
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited: " + line);
                }
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200) {
                        return (System.nanoTime() - start) / 1_000_000;
                    }
                } catch (IOException notYet) {
                    TimeUnit.MILLISECONDS.sleep(10);
                }
            }
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void report(String what, long[][] millis) {
        long without = median(millis[0]);
        long with = median(millis[1]);
        System.out.printf("%-55s without %6d ms   with agent %6d ms   added %+5d ms (%d runs each)%n", what, without,
                with, with - without, millis[0].length);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString() + (File.separatorChar == '\\' ? ".exe" : "");
    }
}
