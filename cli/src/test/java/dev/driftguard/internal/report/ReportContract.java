package dev.driftguard.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.driftguard.cli.CliRun;
import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.internal.report.Report.Candidate;
import dev.driftguard.internal.report.Report.Column;
import dev.driftguard.internal.report.Report.Version;
import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.Chromium;
import dev.driftguard.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit report over a realistic registry: a shop application in three versions (1.3.0 retired, 1.4.0 and
 * 1.5.0 live), an admin tool, drift incidents and an override, against a schema with a table nobody uses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportContract {

    static final String HOSTILE = "<script>alert(1)</script>";
    static final String HOSTILE_APP = "<img src=x onerror=alert(2)>";
    /** Backticks to close a code span, HTML, and a pipe to end a table cell. */
    static final String MARKDOWN_HOSTILE = "x``<img/src=x/onerror=alert(3)>|y";
    /** An escape sequence that clears a terminal. */
    static final String TERMINAL_APP = "term\u001b[2Jinal";

    abstract TestDatabase db();

    /** Schema (PostgreSQL) or database (MariaDB) the tables are in, as the catalog spells it. */
    abstract String schema();

    /** {@code name} quoted as an identifier. */
    abstract String quoted(String name);

    @TempDir
    Path folder;

    @BeforeAll
    void realisticRegistry() throws SQLException {
        db().execute("CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, rating INT,"
                        + " legacy_code VARCHAR(10), price DECIMAL(10,2))",
                "CREATE TABLE review (id INT PRIMARY KEY, product_id INT, score INT)",
                "CREATE TABLE audit_old (id INT PRIMARY KEY, note VARCHAR(100))",
                "CREATE TABLE coupon (id INT PRIMARY KEY, code VARCHAR(20), expires DATE)",
                "CREATE TABLE evil (id INT PRIMARY KEY, " + quoted(HOSTILE) + " INT, " + quoted(MARKDOWN_HOSTILE) + " INT)");
        LiveVersions versions = new LiveVersions(db());
        versions.retired("shop", "1.3.0", schema(), "read product.name", "read product.rating",
                "read product.legacy_code");
        versions.live("shop", "1.4.0", schema(), "read product.id", "read product.name", "read product.rating",
                "write product.price", "read product.discount");
        versions.live("shop", "1.5.0", schema(), "read product.id", "read product.name", "write product.price",
                "read review.*");
        versions.live("admin", "2.0", schema(), "read review.score", "write product.");
        versions.live(HOSTILE_APP, "6.6.6", schema(), "read evil." + HOSTILE, "read evil.id", "read evil." + MARKDOWN_HOSTILE);
        versions.live(TERMINAL_APP, "1", schema(), "read evil.id");
        versions.live("checkout", "2.0", schema(), "read coupon.id", "read coupon.code");
        versions.declared("checkout", "2.0", schema(), "read coupon.id", "read coupon.expires");
        versions.declared("checkout", "2.1", schema(), "read coupon.id", "read coupon.code"); // not deployed yet
        versions.startedDaysAgo("shop", "1.3.0", 40);
        versions.startedDaysAgo("shop", "1.4.0", 20);
        versions.startedDaysAgo("shop", "1.5.0", 2);
        versions.startedDaysAgo("admin", "2.0", 30);
        Registry registry = Registry.forUrl(db().url());
        for (int i = 0; i < 2; i++) {
            db().execute("INSERT INTO " + registry.name("drift_incident") + " (app, version, instance_id, table_catalog,"
                    + " table_schema, table_name, column_name, kind) VALUES ('shop', '1.4.0', 'web-1', '" + db().name()
                    + "', '" + schema() + "', 'product', 'discount', 'missing_at_start')");
        }
        try (Connection connection = db().connect()) {
            registry.recordOverride(connection, "shop", "1.5.0", "web-2", "ALTER TABLE product DROP COLUMN legacy_code",
                    "ticket OPS-42: 1.3.0 is gone");
        }
    }

    private Report report() throws SQLException {
        try (Connection connection = db().connect()) {
            return Report.read(connection, connection, db().url(), Progress.NONE);
        }
    }

    private CliRun cli(String... args) {
        List<String> all = new java.util.ArrayList<>(Arrays.asList("report", "--url", db().url(), "--user", db().user()));
        all.addAll(Arrays.asList(args));
        return CliRun.of(all.toArray(new String[0]));
    }

    private Column column(Report report, String table, String column) {
        return report.columns.stream().filter(c -> c.table.equals(table) && c.column.equals(column)).findFirst()
                .orElseThrow(() -> new AssertionError(table + "." + column + " not in the report"));
    }

    private Version version(Report report, String app, String version) {
        return report.versions.stream().filter(v -> v.app.equals(app) && v.version.equals(version)).findFirst()
                .orElseThrow(() -> new AssertionError(app + " " + version + " not in the report"));
    }

    private Candidate candidate(Report report, String table, String column) {
        return report.dropCandidates.stream()
                .filter(c -> c.table.equals(table) && java.util.Objects.equals(c.column, column)).findFirst().orElse(null);
    }

    @Test
    void columnUsageNamesEachVersionItsAccessAndWhetherItIsLive() throws SQLException {
        Column rating = column(report(), "product", "rating");
        assertEquals(2, rating.uses.size());
        assertEquals("1.3.0", rating.uses.get(0).version);
        assertFalse(rating.uses.get(0).live);
        assertEquals("1.4.0", rating.uses.get(1).version);
        assertTrue(rating.uses.get(1).live);
        assertEquals(Set.of("read"), rating.uses.get(1).access);
    }

    @Test
    void columnUsageCarriesTheCatalogTypeAndNullability() throws SQLException {
        Report report = report();
        Column name = column(report, "product", "name");
        assertTrue(name.type.toLowerCase(java.util.Locale.ROOT).contains("char"), name.type);
        assertEquals(Boolean.FALSE, name.nullable);
        assertEquals(Boolean.TRUE, column(report, "product", "rating").nullable);
    }

    @Test
    void columnUsedOnlyByRetiredVersionsIsACandidateNamingTheLastOfThem() throws SQLException {
        Candidate legacy = candidate(report(), "product", "legacy_code");
        assertNotNull(legacy);
        assertEquals(Candidate.Reason.RETIRED_ONLY, legacy.reason);
        assertEquals("shop 1.3.0", legacy.lastVersion);
        assertNotNull(legacy.lastUsed);
    }

    @Test
    void tableNoVersionEverUsedIsANeverSeenCandidateAndItsColumnsAreNotListedAgain() throws SQLException {
        Report report = report();
        Candidate audit = candidate(report, "audit_old", null);
        assertNotNull(audit);
        assertEquals(Candidate.Reason.NEVER_SEEN, audit.reason);
        assertEquals(null, candidate(report, "audit_old", "note"));
    }

    @Test
    void columnALiveVersionUsesIsNoCandidate() throws SQLException {
        assertEquals(null, candidate(report(), "product", "rating"));
    }

    @Test
    void columnALiveVersionReadsThroughStarIsNoCandidate() throws SQLException {
        assertEquals(null, candidate(report(), "review", "product_id"));
    }

    @Test
    void observationWindowStartsWithTheFirstInstanceThatUsedTheDatabase() throws SQLException {
        Report report = report();
        long days = report.observedFor().toDays();
        assertTrue(days >= 39 && days <= 40, "observed " + report.observedFor());
    }

    @Test
    void liveVersionUsingWhatTheSchemaLacksIsNotReady() throws SQLException {
        Version shop140 = version(report(), "shop", "1.4.0");
        assertEquals(List.of(schema() + ".product.discount"), shop140.missing);
        assertEquals("missing", shop140.status());
    }

    @Test
    void columnsTheNewestVersionNoLongerUsesArePendingRemovalForOlderLiveVersions() throws SQLException {
        Report report = report();
        assertEquals(List.of(schema() + ".product.rating"), version(report, "shop", "1.4.0").pendingRemoval);
        assertEquals("ok", version(report, "shop", "1.5.0").status());
    }

    @Test
    void aLiveVersionsDeclarationIsComparedWithWhatItWasSeenUsing() throws SQLException {
        Report report = report();
        Report.Coverage coverage = version(report, "checkout", "2.0").coverage;
        assertEquals(2, coverage.declared);
        assertEquals(List.of(schema() + ".coupon.expires"), coverage.declaredNotSeen);
        assertEquals(List.of(schema() + ".coupon.code"), coverage.seenNotDeclared, "what its tests miss");
        assertEquals(null, version(report, "shop", "1.4.0").coverage, "declared nothing");
    }

    @Test
    void aColumnOnlyTheTestsOfALiveVersionUseIsNoCandidateAndIsListedAsDeclared() throws SQLException {
        Report report = report();
        assertEquals(null, candidate(report, "coupon", "expires"));
        Column expires = column(report, "coupon", "expires");
        assertEquals(List.of(), expires.uses, "never seen");
        assertEquals(List.of("checkout 2.0", "checkout 2.1"), column(report, "coupon", "id").declaredBy);
        assertEquals(List.of("checkout 2.0"), expires.declaredBy);
    }

    @Test
    void aNewerVersionDeclaredBeforeItsDeployMakesWhatItNoLongerUsesPendingRemoval() throws SQLException {
        Report report = report();
        assertEquals(List.of(schema() + ".coupon.expires"), version(report, "checkout", "2.0").pendingRemoval);
        assertFalse(version(report, "checkout", "2.1").live);
    }

    @Test
    void readinessSaysHowLongAVersionHasBeenObserved() throws SQLException {
        Report report = report();
        assertEquals(20, version(report, "shop", "1.4.0").observedFor(report.generatedAt).toDays());
    }

    @Test
    void incidentsAreCountedPerVersionAndTarget() throws SQLException {
        Report report = report();
        assertEquals(1, report.incidents.size());
        assertEquals(2, report.incidents.get(0).count);
        assertEquals("product.discount", report.incidents.get(0).target());
        assertEquals(2, version(report, "shop", "1.4.0").incidents);
    }

    @Test
    void overridesAreListedWithTheirReason() throws SQLException {
        Report report = report();
        assertEquals(1, report.overrides.size());
        assertEquals("ticket OPS-42: 1.3.0 is gone", report.overrides.get(0).reason);
    }

    @Test
    void registryOwnTablesAreNotReported() throws SQLException {
        assertTrue(report().columns.stream().noneMatch(c -> c.table.toLowerCase(java.util.Locale.ROOT)
                .contains("column_usage")));
    }

    @Test
    void statementShapesOfARealInstanceReachTheReport() throws SQLException {
        Properties properties = db().credentials();
        properties.setProperty("driftguard.app", "shapes");
        properties.setProperty("driftguard.version", "1");
        properties.setProperty("driftguard.heartbeat.seconds", "1");
        try (Connection connection = DriverManager.getConnection(db().driftguardUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT id FROM product").close();
            statement.executeQuery("SELECT name FROM product WHERE id = 7").close();
            statement.executeQuery("SELECT score FROM review").close();
        }
        Await.until("three shapes published", Duration.ofSeconds(30), () -> {
            try {
                Long shapes = version(report(), "shapes", "1").statementShapes;
                return shapes != null && shapes >= 3;
            } catch (SQLException | AssertionError notYet) {
                return false;
            }
        });
    }

    @Test
    void jsonValidatesAgainstTheDocumentedSchema() throws Exception {
        CliRun run = cli("--format", "json");
        assertEquals(0, run.exitCode, run.err);
        ObjectMapper mapper = new ObjectMapper();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(mapper.readTree(Files.readString(Path.of("..", "docs", "report.schema.json"))));
        JsonNode document = mapper.readTree(run.out);
        Set<ValidationMessage> errors = schema.validate(document);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(db().name(), document.get("database").asText());
    }

    @Test
    void csvHasOneRowPerTableColumnAndVersion() {
        CliRun run = cli("--format", "csv");
        assertEquals(0, run.exitCode, run.err);
        String[] lines = run.out.split("\r\n");
        assertEquals(CsvReport.HEADER, lines[0]);
        long ratingRows = Arrays.stream(lines).filter(line -> line.contains(",product,rating,")).count();
        assertEquals(2, ratingRows, run.out);
    }

    @Test
    void textFitsAnEightyColumnTerminal() {
        CliRun run = cli();
        assertEquals(0, run.exitCode, run.err);
        for (String line : run.out.split("\n")) {
            assertTrue(line.length() <= 80, "longer than 80: " + line);
        }
        assertTrue(run.out.contains("product.legacy_code - last shop 1.3.0"), run.out);
    }

    @Test
    void markdownListsIncidentsBeforeColumnUsage() {
        CliRun run = cli("--format", "markdown");
        assertEquals(0, run.exitCode, run.err);
        int incidents = run.out.indexOf("## Drift incidents");
        assertTrue(incidents >= 0 && incidents < run.out.indexOf("## Column usage"), run.out);
        assertTrue(run.out.contains("| `shop 1.4.0` | `product.discount` | missing at start | 2 |"), run.out);
    }

    @Test
    void markdownRenderedByCommonMarkKeepsEveryNameInsideItsCell() {
        CliRun run = cli("--format", "markdown");
        assertEquals(0, run.exitCode, run.err);
        List<org.commonmark.Extension> tables = List.of(org.commonmark.ext.gfm.tables.TablesExtension.create());
        String html = org.commonmark.renderer.html.HtmlRenderer.builder().extensions(tables).build()
                .render(org.commonmark.parser.Parser.builder().extensions(tables).build().parse(run.out));
        assertFalse(html.contains("<img"), "a name became an HTML element: " + html);
        assertFalse(html.contains("<script"), "a name became an HTML element: " + html);
        assertTrue(html.contains(".evil.x``&lt;img/src=x/onerror=alert(3)&gt;|y</code>"), html);
        java.util.regex.Matcher table = java.util.regex.Pattern.compile("(?s)<table>(.*?)</table>").matcher(html);
        while (table.find()) {
            int columns = table.group(1).split("<th[ >]", -1).length - 1;
            for (String row : table.group(1).split("<tr>")) {
                int cells = row.split("<td[ >]", -1).length - 1;
                assertTrue(cells == 0 || cells == columns, "a row with " + cells + " cells under " + columns
                        + " headers: " + row);
            }
        }
    }

    @Test
    void textShowsControlCharactersOfNamesAsReplacementCharacters() {
        CliRun run = cli();
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("term\uFFFD[2Jinal"), run.out);
        assertTrue(run.out.chars().noneMatch(c -> c != '\n' && Character.isISOControl(c)), "a control character");
    }

    @Test
    void csvDefusesEveryFormulaTrigger() {
        for (String trigger : new String[] {"=", "+", "-", "@", "\t", "\r"}) {
            assertEquals("\"'" + trigger + "1+1\"", CsvReport.field(trigger + "1+1"));
        }
    }

    @Test
    void htmlEscapesHostileIdentifiers() {
        CliRun run = cli("--format", "html");
        assertEquals(0, run.exitCode, run.err);
        assertFalse(run.out.contains(HOSTILE), "raw hostile column name in the HTML");
        assertFalse(run.out.contains(HOSTILE_APP), "raw hostile application name in the HTML");
        assertTrue(run.out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), run.out);
    }

    @Test
    void htmlMatrixRendersInHeadlessChromium() throws Exception {
        assumeTrue(Chromium.available(), "Debian package chromium is not installed (.ci/run installs it)");
        Path html = folder.resolve("report.html");
        CliRun run = cli("--format", "html", "--out", html.toString());
        assertEquals(0, run.exitCode, run.err);
        String dom = Chromium.renderedDom(html);
        assertTrue(dom.contains("id=\"matrix\" data-sortable=\"ready\""), "the matrix script did not run");
        Matcher body = Pattern.compile("id=\"matrix\".*?<tbody>(.*?)</tbody>", Pattern.DOTALL).matcher(dom);
        assertTrue(body.find(), "no matrix body in the rendered page");
        assertEquals(report().columns.size(), body.group(1).split("<tr").length - 1);
        assertEquals(1, dom.split("<script", -1).length - 1, "a script element other than the report's own");
        assertTrue(dom.contains(">&lt;script&gt;alert(1)&lt;/script&gt;<"), "hostile name not shown as text");
    }

    @Test
    void outWritesTheFileAndSaysWhere() throws Exception {
        Path markdown = folder.resolve("report.md");
        CliRun run = cli("--format", "markdown", "--out", markdown.toString());
        assertEquals(0, run.exitCode, run.err);
        assertEquals("", run.out);
        assertTrue(run.err.contains("written to " + markdown), run.err);
        assertTrue(Files.readString(markdown).startsWith("# driftguard report"));
    }

    @Test
    void outFileGetsThePermissionsOfAnyNewFileNotOwnerOnly() throws Exception {
        assumeTrue(folder.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path html = folder.resolve("shared.html");
        CliRun run = cli("--format", "html", "--out", html.toString());
        assertEquals(0, run.exitCode, run.err);
        Path ordinary = Files.writeString(folder.resolve("ordinary.txt"), "x");
        assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(html));
    }

    @Test
    void outThatCannotBeWrittenSaysWhy() {
        // /proc exists and is a folder, but nobody, not even root, may create a file in it
        CliRun run = cli("--out", "/proc/driftguard-report.txt");
        assertEquals(2, run.exitCode, run.err);
        assertTrue(run.err.matches("(?s).*cannot write /proc/driftguard-report\\.txt: [A-Za-z ]+ \\(.*"), run.err);
    }

    @Test
    void outIntoAMissingFolderIsAUsageErrorAndWritesNothing() {
        CliRun run = cli("--out", folder.resolve("no/such/folder/report.txt").toString());
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("does not exist"), run.err);
    }

    @Test
    void unknownFormatIsAUsageErrorListingTheFormats() {
        CliRun run = cli("--format", "pdf");
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("text, json, csv, markdown or html"), run.err);
    }

    @Test
    void registryThatDoesNotExistIsAUsageErrorSayingHowToCreateIt() {
        CliRun run = cli("--registry-url", "jdbc:h2:mem:no_registry_here");
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("driftguard install"), run.err);
    }

    @Test
    void progressLineGoesToStandardErrorOnceTheThresholdHasPassed() throws SQLException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ZERO);
        try (Connection connection = db().connect()) {
            Report.read(connection, connection, db().url(), progress);
        }
        progress.done();
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("driftguard report: reading the catalog of " + db().name()), printed);
        assertTrue(printed.contains("driftguard report: built in"), printed);
    }

    @Test
    void quickReportPrintsNoProgress() {
        CliRun run = cli();
        assertEquals("", run.err);
    }
}
