package dev.driftguard.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** One release running as its own JVM, as it would on its own host: started, spoken to over HTTP, stopped. */
final class ReleaseProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Release release;
    final Path log;
    private final Process process;
    private final int port;

    private ReleaseProcess(Release release, Process process, int port, Path log) {
        this.release = release;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code release} against {@code database}; its output goes to a log file in {@code logs}. */
    static ReleaseProcess start(Release release, DemoDatabase database, Path logs) throws IOException {
        return start(release, database, logs, List.of());
    }

    /** The same, with more {@code -Dname=value} options for its JVM. */
    static ReleaseProcess start(Release release, DemoDatabase database, Path logs, List<String> systemProperties)
            throws IOException {
        return start(release, database, logs, systemProperties, ownLaunch());
    }

    /**
     * The same, launched by {@code launch} ({@code -jar the.jar}, or {@code -cp … Demo}) rather than the way this
     * program was: for a build's tests, whose own class path is not the application's.
     */
    static ReleaseProcess start(Release release, DemoDatabase database, Path logs, List<String> systemProperties,
                                List<String> launch) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(),
                // a short-lived demo JVM starts faster with the quick compiler and the simple collector
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Ddriftguard.heartbeat.seconds=1"));
        systemProperties.forEach(property -> command.add("-D" + property));
        command.addAll(launch);
        command.addAll(List.of("serve", "--release", release.cliName(), "--server.port=" + port));
        Path log = logs.resolve(release.cliName() + ".log");
        for (int attempt = 2; Files.exists(log); attempt++) {
            log = logs.resolve(release.cliName() + "-" + attempt + ".log");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DB_HOST", database.host);
        builder.environment().put("DB_PORT", Integer.toString(database.port));
        builder.environment().put("DB_NAME", database.name);
        builder.environment().put("DB_USER", database.user);
        builder.environment().put("DB_PASSWORD", database.password);
        return new ReleaseProcess(release, builder.start(), port, log);
    }

    /** Waits until it answers {@code GET path}; false when the process ended first (e.g. a refused migration). */
    boolean awaitServing(String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                if (get(path).startsWith("[")) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new IllegalStateException(release.label() + " did not start within " + timeout.toSeconds() + " s; see " + log);
    }

    String get(String path) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    String post(String path, String json) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private String send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IOException(release.label() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /**
     * The lines of its log from the first one containing {@code marker} up to the next stack frame, Flyway field or
     * "Nothing was executed", blank lines left out, at most {@code max}; empty if none.
     */
    List<String> logFrom(String marker, int max) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            if (found.isEmpty()) {
                int at = line.indexOf(marker);
                if (at >= 0) {
                    found.add(line.substring(at));
                }
            } else if (line.startsWith("\tat ") || line.startsWith("Nothing was executed")
                    || line.matches("^[A-Z][a-z]+ +: .*") || found.size() >= max) {
                break;
            } else if (!line.isBlank()) {
                found.add(line);
            }
        }
        return found;
    }

    /** Waits for the process to end by itself; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(release.label() + " did not exit within " + timeout.toSeconds() + " s");
        }
        return process.exitValue();
    }

    /** Stops it the way a deploy tool does (SIGTERM), so that it leaves the registry's live view at once. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** How this very program was launched: {@code -jar the.jar} or {@code -cp … Demo}. */
    private static List<String> ownLaunch() {
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            return List.of("-jar", classPath);
        }
        return List.of("-cp", classPath, Demo.class.getName());
    }
}
