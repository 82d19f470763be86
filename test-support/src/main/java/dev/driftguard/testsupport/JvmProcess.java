package dev.driftguard.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Another JVM running a main class from the test class path: a second application instance, a migration tool.
 * Its standard output is read line by line; its standard input takes commands; its standard error is appended to
 * {@code target/child-jvms.log}.
 */
public final class JvmProcess implements AutoCloseable {

    private final Process process;
    private final PrintWriter input;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> everything = new java.util.concurrent.CopyOnWriteArrayList<>();

    private JvmProcess(Process process) {
        this.process = process;
        this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                    everything.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "jvm-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mainClass} with this JVM's class path, the given system properties and arguments. */
    public static JvmProcess start(Class<?> mainClass, List<String> systemProperties, String... args) throws IOException {
        List<String> jvmArguments = new ArrayList<>();
        for (String property : systemProperties) {
            jvmArguments.add("-D" + property);
        }
        return start(jvmArguments, System.getProperty("java.class.path"), mainClass, args);
    }

    /**
     * Starts {@code mainClass} on exactly {@code classPath} (entries joined with the path separator), with JVM
     * arguments such as {@code -javaagent:…} or {@code -D…}.
     */
    public static JvmProcess start(List<String> jvmArguments, String classPath, Class<?> mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArguments);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        // the child's log goes to a file beside the test reports, not into the build's console
        File log = new File("target", "child-jvms.log");
        return new JvmProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log)).start());
    }

    /** Waits for a line of output that starts with {@code prefix}; fails the test after {@code timeout}. */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(Math.min(left, 100_000_000L), TimeUnit.NANOSECONDS) : null;
            if (line == null && left > 0 && (process.isAlive() || !lines.isEmpty())) {
                continue; // still running, or its last lines still coming
            }
            if (line == null) {
                throw new AssertionError("no output line starting with '" + prefix + "' within " + timeout.toMillis()
                        + " ms" + (process.isAlive() ? "" : "; the process exited with " + process.exitValue()));
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Every line the process has written to its standard output so far. */
    public List<String> output() {
        return List.copyOf(everything);
    }

    /** Sends one line to the process's standard input. */
    public void send(String line) {
        input.println(line);
    }

    /** Waits for the process to end by itself; returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("process still running after " + timeout.toMillis() + " ms");
        }
        return process.exitValue();
    }

    /** Kills the process the way {@code kill -9} does: no shutdown hooks run. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
