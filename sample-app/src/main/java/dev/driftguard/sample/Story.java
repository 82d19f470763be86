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

    /**
     * A column only a rarely run path uses (field story: the monthly job): production has not shown it, the
     * release's tests have. Declared, it is protected like a column seen in use.
     */
    void declareWhatTheTestsUse() throws Exception {
        Path manifest = testRun(Release.CATALOG_1, "/items/clearance");
        ReleaseProcess one = serve(Release.CATALOG_1, "/items");
        request(one, "POST /items", one.post("/items", "{\"name\":\"Desk lamp\"}"));
        request(one, "GET /items", one.get("/items"));
        awaitUse(Release.CATALOG_1, "item", "name");
        say("Who uses item.discount? Production has not run the monthly clearance export yet, so seen usage says:");
        liveUses("item", "discount");
        Path migration = migrationOf(Release.CATALOG_2, "db/catalog/drop_discount/V2__drop_item_discount.sql");
        say("and precheck of catalog 2.0.0's migration says it is safe — a false safe:");
        cli(0, "precheck", migration.toString());
        say("So the deploy pipeline declares catalog 1.0.0's manifest, from its tests, as it rolls the release out:");
        cli(0, "declare", "--app", Release.CATALOG_1.app, "--version", Release.CATALOG_1.version, manifest.toString());
        liveUses("item", "discount");
        refused(Release.CATALOG_2);
        stop(one);
        ReleaseProcess two = serve(Release.CATALOG_2, "/items");
        request(two, "GET /items", two.get("/items"));
        awaitUse(Release.CATALOG_2, "item", "name");
        report();
    }

    /**
     * What the release's build does with its tests: runs it against a test database of its own through
     * jdbc:driftguard:, takes every path (here: every endpoint) and writes its manifest at exit. Returns the folder.
     */
    private Path testRun(Release release, String... morePaths) throws Exception {
        Path folder = java.nio.file.Files.createDirectories(logs.resolve("manifests").resolve(release.cliName()));
        say(release.label() + "'s tests run against a test database of their own, every endpoint including "
                + String.join(", ", morePaths) + "; driftguard.manifest.out writes what they used:");
        try (DemoDatabase tests = database.sibling("tests")) {
            try (ReleaseProcess run = ReleaseProcess.start(release, tests, logs,
                    List.of("driftguard.manifest.out=" + folder.resolve("manifest-{pid}.json")))) {
                String base = "/" + morePaths[0].split("/")[1];
                if (!run.awaitServing(base, START_TIMEOUT)) {
                    throw new IllegalStateException(release.label() + "'s test run did not start; see " + run.log);
                }
                run.post(base, "{\"name\":\"Test item\"}");
                run.get(base);
                for (String path : morePaths) {
                    run.get(path);
                }
            } // SIGTERM: the manifest is written at exit
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
            Path manifest = files.filter(file -> file.toString().endsWith(".json")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(release.label() + "'s test run wrote no manifest in "
                            + folder));
            int others = 0;
            for (String line : java.nio.file.Files.readAllLines(manifest)) {
                if (line.contains("\"table\":\"flyway_schema_history\"")) {
                    others++;
                } else if (line.startsWith("{\"schema\"")) {
                    out.println("           | " + line.replaceAll("[],]+$", ""));
                }
            }
            out.println("           | (and " + others + " uses of Flyway's history table, by its migrations)");
        }
        return folder;
    }

    /** A migration the release ships, as a file a pipeline would give {@code precheck}. */
    private Path migrationOf(Release release, String resource) throws IOException {
        Path file = logs.resolve(release.cliName() + "-" + resource.substring(resource.lastIndexOf('/') + 1));
        try (java.io.InputStream in = Story.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not in the demo jar");
            }
            java.nio.file.Files.copy(in, file);
        }
        return file;
    }

    /** Runs the command line against the demo database; it must exit with {@code expected}. */
    private void cli(int expected, String command, String... args) {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8);
        int code = Main.run(concat(concat(new String[] {command}, connection()), args), capture, capture);
        for (String line : printed.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                out.println("           | " + line);
            }
        }
        if (code != expected) {
            throw new IllegalStateException("driftguard " + command + " exited with " + code + ", not " + expected);
        }
    }

    /** The live view's rows for one column, with where each comes from. */
    private void liveUses(String table, String column) throws SQLException {
        String query = "SELECT DISTINCT app, version, live_instances, source FROM driftguard.live_usage"
                + " WHERE table_schema = 'public' AND table_name = ? AND column_name IN (?, '*')";
        out.println("           | " + query.replaceFirst("\\?", "'" + table + "'").replace("?", "'" + column + "'"));
        try (Connection connection = DriverManager.getConnection(database.url(), database.credentials());
             PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, table);
            statement.setString(2, column);
            try (ResultSet result = statement.executeQuery()) {
                boolean any = false;
                while (result.next()) {
                    any = true;
                    out.println("           | → " + result.getString(1) + " " + result.getString(2) + " ("
                            + result.getInt(3) + " live instance" + (result.getInt(3) == 1 ? "" : "s") + ", source "
                            + result.getString(4) + ")");
                }
                if (!any) {
                    out.println("           | → (no rows: no live version seen using it)");
                }
            }
        }
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
        String[] connection = connection();
        int text = Main.run(concat(new String[] {"report"}, connection), out, out);
        Path html = Path.of("driftguard-demo-report.html").toAbsolutePath();
        int written = Main.run(concat(new String[] {"report", "--format", "html", "--out", html.toString()}, connection),
                out, out);
        if (text != 0 || written != 0) {
            throw new IllegalStateException("the report could not be built");
        }
        say("Open " + html + " for the table × version matrix.");
    }

    /** The command line's options for the demo database. */
    private String[] connection() {
        return new String[] {"--url", database.url(), "--user", database.user, "--password", database.password};
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
