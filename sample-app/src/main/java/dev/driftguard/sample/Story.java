package dev.driftguard.sample;

import dev.driftguard.cli.Main;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A blue-green deploy told step by step: releases started and stopped as separate processes against one
 * database, each step announced in plain words. Any step that does not turn out as the story says fails it.
 */
final class Story implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** The design's precheck query; DISTINCT folds a version's read and write rows into one. */
    private static final String PRECHECK = "SELECT DISTINCT app, version, live_instances FROM driftguard.live_usage"
            + " WHERE table_schema = 'public' AND table_name = ? AND column_name IN (?, '*')";

    private final DemoDatabase database;
    private final Path logs;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private final List<ReleaseProcess> running = new ArrayList<>();

    Story(DemoDatabase database, Path logs, PrintStream out) {
        this.database = database;
        this.logs = logs;
        this.out = out;
    }

    /** Django's {@code Product.rating} removed across three releases (field story 1). */
    void removeAField() throws Exception {
        ReleaseProcess one = serve(Release.SHOP_1, "/products");
        request(one, "POST /products", one.post("/products", "{\"name\":\"Desk lamp\",\"rating\":4}"));
        request(one, "GET /products", one.get("/products"));
        ReleaseProcess two = serve(Release.SHOP_2, "/products");
        request(two, "POST /products", two.post("/products", "{\"name\":\"Chair\"}"));
        request(two, "GET /products", two.get("/products"));
        precheck(Release.SHOP_1, "product", "rating");
        recorded(one);
        refused(Release.SHOP_3);
        stop(one);
        ReleaseProcess three = serve(Release.SHOP_3, "/products");
        request(three, "GET /products", three.get("/products"));
        awaitUse(Release.SHOP_3, "product", "name");
        report();
    }

    /** edX's {@code full_name} → {@code fullname}: refused in one step, safe in three releases (field story 2). */
    void renameAColumn() throws Exception {
        ReleaseProcess one = serve(Release.MEMBERS_1, "/members");
        request(one, "POST /members", one.post("/members", "{\"username\":\"ada\",\"name\":\"Ada Lovelace\"}"));
        precheck(Release.MEMBERS_1, "auth_user", "full_name");
        refused(Release.MEMBERS_HASTY);
        say("So rename in three releases instead: add the new column, move the code, drop the old column.");
        ReleaseProcess two = serve(Release.MEMBERS_2, "/members");
        request(two, "POST /members", two.post("/members", "{\"username\":\"alan\",\"name\":\"Alan Turing\"}"));
        stop(one);
        ReleaseProcess three = serve(Release.MEMBERS_3, "/members");
        request(three, "GET /members", three.get("/members"));
        precheck(Release.MEMBERS_2, "auth_user", "full_name");
        refused(Release.MEMBERS_4);
        stop(two);
        ReleaseProcess four = serve(Release.MEMBERS_4, "/members");
        request(four, "GET /members", four.get("/members"));
        awaitUse(Release.MEMBERS_4, "auth_user", "fullname");
        report();
    }

    private ReleaseProcess serve(Release release, String path) throws IOException {
        say(release.label() + " starts: it " + release.change + ".");
        ReleaseProcess process = ReleaseProcess.start(release, database, logs);
        running.add(process);
        if (!process.awaitServing(path, START_TIMEOUT)) {
            throw new IllegalStateException(release.label() + " did not start; see " + process.log + ":\n  "
                    + String.join("\n  ", process.logFrom("driftguard", 12)));
        }
        say(release.label() + " is serving.");
        return process;
    }

    /** The release's migration must be refused: it exits without serving, its log naming the blocking version. */
    private void refused(Release release) throws Exception {
        say(release.label() + " starts: it " + release.change + ". Its Flyway migration runs through driftguard …");
        try (ReleaseProcess process = ReleaseProcess.start(release, database, logs)) {
            if (process.awaitServing("/", START_TIMEOUT)) {
                throw new IllegalStateException(release.label() + " started, but driftguard should have refused its"
                        + " migration; see " + process.log);
            }
            process.awaitExit(Duration.ofSeconds(30));
            List<String> refusal = process.logFrom("driftguard refused", 8);
            if (refusal.isEmpty()) {
                throw new IllegalStateException(release.label() + " failed for another reason than driftguard; see "
                        + process.log);
            }
            say("REFUSED. " + release.label() + " stopped before changing anything. driftguard said:");
            refusal.forEach(line -> out.println("           | " + line));
        }
    }

    private void stop(ReleaseProcess process) throws InterruptedException {
        say(process.release.label() + " is taken out of service (SIGTERM); it leaves the registry at once.");
        process.close();
        running.remove(process);
    }

    /** What the release's own actuator says it recorded ({@code /actuator/driftguard}, from the starter). */
    private void recorded(ReleaseProcess process) throws IOException {
        String answer = process.get("/actuator/driftguard");
        say(process.release.label() + " shows what it recorded itself: GET /actuator/driftguard →");
        for (String field : List.of("app", "version", "instance", "reachable", "unpublishedUses", "shapes",
                "unreadableShapes", "refusals")) {
            Matcher value = Pattern.compile("\"" + field + "\":(\"[^\"]*\"|[^,}]*)")
                    .matcher(answer);
            if (!value.find()) {
                throw new IllegalStateException("/actuator/driftguard of " + process.release.label() + " has no "
                        + field + ": " + answer);
            }
            out.println("           | " + field + ": " + value.group(1));
        }
    }

    private void request(ReleaseProcess process, String request, String answer) {
        String shown = answer.length() > 110 ? answer.substring(0, 107) + "…" : answer;
        say("  " + process.release.label() + " " + request + " → " + shown);
    }

    /** Waits until the registry's precheck view shows the release using the column, then shows the query. */
    private void precheck(Release release, String table, String column) throws SQLException {
        List<String> rows = awaitUse(release, table, column);
        say("Who still uses " + table + "." + column + "? Any pipeline can ask the registry with plain SQL:");
        out.println("           | " + PRECHECK.replace("?, '*'", "'" + column + "', '*'").replaceFirst("\\?", "'" + table + "'")
                .replace(" WHERE", "\n           |  WHERE").replace(" AND table_name", "\n           |    AND table_name"));
        rows.forEach(row -> out.println("           | → " + row));
    }

    /** The live versions using the column, once {@code release} is among them (within two heartbeats of use). */
    private List<String> awaitUse(Release release, String table, String column) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.credentials());
             PreparedStatement statement = connection.prepareStatement(PRECHECK)) {
            statement.setString(1, table);
            statement.setString(2, column);
            while (rows.stream().noneMatch(row -> row.startsWith(release.label() + " "))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the registry did not show " + release.label() + " using " + table
                            + "." + column + " within 30 s");
                }
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                rows.clear();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(result.getString(1) + " " + result.getString(2) + " (" + result.getInt(3)
                                + " live instance" + (result.getInt(3) == 1 ? ")" : "s)"));
                    }
                }
            }
        }
        return rows;
    }

    private void report() {
        say("The audit report (java -jar cli/target/driftguard-cli.jar report --url " + database.url() + "):");
        out.println();
        String[] connection = {"--url", database.url(), "--user", database.user, "--password", database.password};
        int text = Main.run(concat(new String[] {"report"}, connection), out, out);
        Path html = Path.of("driftguard-demo-report.html").toAbsolutePath();
        int written = Main.run(concat(new String[] {"report", "--format", "html", "--out", html.toString()}, connection),
                out, out);
        if (text != 0 || written != 0) {
            throw new IllegalStateException("the report could not be built");
        }
        say("Open " + html + " for the table × version matrix.");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    void say(String line) {
        out.println(String.format(Locale.ROOT, "[%5.1f s] %s", (System.nanoTime() - started) / 1e9, line));
    }

    /** Stops every release still running. */
    @Override
    public void close() throws InterruptedException {
        for (ReleaseProcess process : running) {
            process.close();
        }
        running.clear();
    }
}
