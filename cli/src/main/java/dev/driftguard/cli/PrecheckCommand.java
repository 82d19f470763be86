package dev.driftguard.cli;

import dev.driftguard.internal.base.JdbcUrls;
import dev.driftguard.internal.guard.Blocker;
import dev.driftguard.internal.guard.Checker;
import dev.driftguard.internal.guard.Hazard;
import dev.driftguard.internal.guard.Verdict;
import dev.driftguard.internal.registry.LiveUse;
import dev.driftguard.internal.base.Json;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.JdbcCatalog;
import dev.driftguard.internal.sql.SqlParser;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

/** {@code precheck}: would these migration files break a live version? Nothing is executed. */
final class PrecheckCommand implements Command {

    @Override
    public String name() {
        return "precheck";
    }

    @Override
    public String summary() {
        return "check migration files against live usage without running them";
    }

    @Override
    public String help() {
        return "Usage: driftguard precheck --url U [--registry-url R] [--format text|json|markdown] FILE|FOLDER...\n\n"
                + "Reads migration SQL, finds every change that drops, renames or retypes something, or adds a NOT NULL\n"
                + "constraint, and prints which live application versions it would break. Executes nothing.\n"
                + "A folder is read as Flyway migrations (V<version>__<name>.sql, in version order, then R__*.sql);\n"
                + "when the database has a flyway_schema_history table, only versions newer than the last applied one\n"
                + "are checked. Exit code 0: safe; 3: refused or not analysable; 2: wrong usage or no connection.\n\n"
                + "Options:\n" + Database.HELP
                + "  --registry-url <url> the registry, when it is not in the --url database (same user and password)\n"
                + "  --format <f>         text (default), json, or markdown (to paste into a pull request)\n";
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        String format = arguments.option("format", "text");
        if (!Set.of("text", "json", "markdown").contains(format)) {
            throw new UsageException("unknown --format " + format + "; use text, json or markdown");
        }
        if (arguments.positionals().isEmpty()) {
            throw new UsageException("no migration given: name .sql files or a folder of Flyway migrations");
        }
        Database database = Database.of(arguments);
        database.check();
        String registryUrl = arguments.option("registry-url", database.url());
        Registry registry = InstallCommand.registry(registryUrl.equals(database.url()) ? database : Database.at(registryUrl, arguments));
        Dialect dialect = Dialect.ofUrl(database.url());
        JdbcCatalog.ConnectionSource registrySource = registryUrl.equals(database.url()) ? database::connectForCatalog
                : () -> DriverManager.getConnection(registryUrl, database.credentials());
        requireRegistry(registry, registrySource, registryUrl, database.url());
        ScheduledExecutorService watchdog = ParseLimit.watchdog();
        try {
            return check(arguments, format, database, registryUrl, new Checker(dialect,
                    new JdbcCatalog(database::connectForCatalog, dialect), new SqlParser(dialect, watchdog,
                    ParseLimit.MILLIS, false), registry, registrySource, null, null), dialect, out);
        } finally {
            watchdog.shutdownNow();
        }
    }

    private int check(Arguments arguments, String format, Database database, String registryUrl, Checker checker,
                      Dialect dialect, PrintStream out) throws UsageException {
        List<Checked> results = new ArrayList<>();
        for (Path file : migrations(arguments.positionals(), database)) {
            for (String statement : dialect.lexer().split(SqlFiles.read(file.toString()))) {
                if (!dialect.lexer().mayRunDdl(statement)) {
                    continue;
                }
                try {
                    results.add(new Checked(file, statement, checker.check(statement)));
                } catch (SQLException e) {
                    throw new UsageException("cannot read the registry at " + JdbcUrls.mask(registryUrl) + ": "
                            + e.getMessage());
                }
            }
        }
        boolean refused = results.stream().anyMatch(result -> !result.verdict.safe());
        switch (format) {
            case "json":
                printJson(results, database, refused, out);
                break;
            case "markdown":
                printMarkdown(results, refused, out);
                break;
            default:
                printText(results, database, refused, out);
        }
        return refused ? REFUSED : OK;
    }

    /**
     * Fails closed: with no registry at the URL, nothing could block a migration, and "safe" would be a guess — most
     * often a forgotten {@code --registry-url}.
     */
    private static void requireRegistry(Registry registry, JdbcCatalog.ConnectionSource registrySource, String registryUrl,
                                        String databaseUrl) throws UsageException {
        try (Connection connection = registrySource.open()) {
            if (registry.version(connection) > 0) {
                return;
            }
        } catch (SQLException e) {
            throw new UsageException("cannot read the registry at " + JdbcUrls.mask(registryUrl) + ": " + e.getMessage());
        }
        throw new UsageException("there is no driftguard registry at " + JdbcUrls.mask(registryUrl)
                + ", so nothing can be checked against live usage. If the registry lives in another database, name it"
                + " with --registry-url" + (registryUrl.equals(databaseUrl) ? "" : " (this one was)") + "; if no"
                + " application has published yet, create it with: java -jar driftguard-cli.jar install --url "
                + JdbcUrls.mask(registryUrl));
    }

    /** Files as given; folders as Flyway migrations, newer than the database's history when it has one. */
    private static List<Path> migrations(List<String> names, Database database) throws UsageException {
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            Path path = Path.of(name);
            if (Files.isDirectory(path)) {
                files.addAll(FlywayFolder.pending(path, appliedVersion(database)));
            } else if (Files.exists(path)) {
                files.add(path); // a file, or what reads like one (/dev/stdin, a named pipe)
            } else {
                throw new UsageException("no such file or folder: " + name);
            }
        }
        return files;
    }

    /** The newest successfully applied Flyway version, or null when the database has no Flyway history. */
    private static String appliedVersion(Database database) throws UsageException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            List<String> versions = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT version FROM flyway_schema_history"
                    + " WHERE success AND version IS NOT NULL")) {
                while (rows.next()) {
                    versions.add(rows.getString(1));
                }
            } catch (SQLException noHistory) {
                return null;
            }
            return versions.stream().max(FlywayFolder::compareVersions).orElse(null);
        } catch (SQLException e) {
            throw new UsageException("cannot read " + JdbcUrls.mask(database.url()) + ": " + e.getMessage());
        }
    }

    private static void printText(List<Checked> results, Database database, boolean refused, PrintStream out) {
        out.println("driftguard precheck against " + JdbcUrls.mask(database.url()));
        Path current = null;
        int blocked = 0;
        int unclear = 0;
        for (Checked result : results) {
            if (!result.file.equals(current)) {
                current = result.file;
                out.println();
                out.println(current.getFileName());
            }
            out.println("  " + oneLine(result.statement));
            for (Hazard hazard : result.verdict.hazards()) {
                List<String> blockers = descriptions(result.verdict.blockers(hazard));
                boolean widening = result.verdict.widenings().contains(hazard);
                out.println("    " + (!blockers.isEmpty() ? "REFUSED " : widening ? "WIDENS  " : "safe    ") + hazard);
                blockers.forEach(blocker -> out.println("             blocked by " + blocker));
                blocked += blockers.isEmpty() ? 0 : 1;
            }
            for (String reason : result.verdict.unanalysable()) {
                out.println("    UNCLEAR " + reason);
                unclear++;
            }
        }
        out.println();
        out.println(results.isEmpty() ? "No schema change found." : blocked + " change" + (blocked == 1 ? "" : "s")
                + " blocked by live versions, " + unclear + " not analysable. "
                + (refused ? "Do not run this migration yet." : "Safe to run as far as driftguard can tell."));
    }

    private static void printMarkdown(List<Checked> results, boolean refused, PrintStream out) {
        long blocked = results.stream().mapToLong(r -> r.verdict.hazards().stream()
                .filter(h -> !r.verdict.blockers(h).isEmpty()).count()).sum();
        out.println("### driftguard precheck: " + (refused ? "⛔ " + blocked + " change" + (blocked == 1 ? "" : "s")
                + " would break live versions" : "✅ safe"));
        out.println();
        out.println("| file | change | verdict |");
        out.println("|---|---|---|");
        for (Checked result : results) {
            for (Hazard hazard : result.verdict.hazards()) {
                List<String> blockers = descriptions(result.verdict.blockers(hazard));
                String verdict = !blockers.isEmpty() ? "blocked by " + String.join("<br>", blockers)
                        : result.verdict.widenings().contains(hazard) ? "widens the type: safe" : "safe: no live version uses it";
                out.println("| `" + result.file.getFileName() + "` | " + markdown(hazard.toString()) + " | "
                        + markdown(verdict) + " |");
            }
            for (String reason : result.verdict.unanalysable()) {
                out.println("| `" + result.file.getFileName() + "` | " + markdown(reason) + " | cannot decide |");
            }
        }
    }

    private static void printJson(List<Checked> results, Database database, boolean refused, PrintStream out) {
        StringJoiner statements = new StringJoiner(",");
        for (Checked result : results) {
            StringJoiner hazards = new StringJoiner(",");
            for (Hazard hazard : result.verdict.hazards()) {
                StringJoiner blockers = new StringJoiner(",");
                for (Blocker blocker : result.verdict.blockers(hazard)) {
                    String uses = blocker.uses().stream().map(PrecheckCommand::useJson).collect(Collectors.joining(","));
                    blockers.add("{\"app\":" + Json.string(blocker.app()) + ",\"version\":" + Json.string(blocker.version())
                            + ",\"live_instances\":" + blocker.liveInstances() + ",\"own_version\":" + blocker.self()
                            + ",\"uses\":[" + uses + "]}");
                }
                hazards.add("{\"change\":" + Json.string(hazard.kind().words()) + ",\"schema\":" + Json.string(hazard.schema())
                        + ",\"table\":" + Json.string(hazard.table()) + ",\"column\":" + Json.string(hazard.column())
                        + ",\"to\":" + Json.string(hazard.detail()) + ",\"widening\":"
                        + result.verdict.widenings().contains(hazard) + ",\"blocked_by\":[" + blockers + "]}");
            }
            String unanalysable = result.verdict.unanalysable().stream().map(Json::string).collect(Collectors.joining(","));
            statements.add("{\"file\":" + Json.string(result.file.toString()) + ",\"sql\":" + Json.string(result.statement)
                    + ",\"hazards\":[" + hazards + "],\"unanalysable\":[" + unanalysable + "]}");
        }
        out.println("{\"url\":" + Json.string(JdbcUrls.mask(database.url())) + ",\"refused\":" + refused
                + ",\"statements\":[" + statements + "]}");
    }

    private static List<String> descriptions(List<Blocker> blockers) {
        return blockers.stream().map(Blocker::describe).collect(Collectors.toList());
    }

    private static String useJson(LiveUse use) {
        return "{\"column\":" + Json.string(use.column()) + ",\"access\":" + Json.string(use.access())
                + ",\"last_seen\":" + Json.string(use.lastSeen() == null ? null : use.lastSeen().toString()) + "}";
    }

    private static String oneLine(String sql) {
        String line = sql.replaceAll("\\s+", " ").trim();
        return line.length() > 100 ? line.substring(0, 100) + "…" : line;
    }

    private static String markdown(String text) {
        return text.replace("|", "\\|");
    }

    static Set<String> valuedOptions() {
        return Set.of("url", "user", "password", "registry-url", "format");
    }

    private static final class Checked {
        final Path file;
        final String statement;
        final Verdict verdict;

        Checked(Path file, String statement, Verdict verdict) {
            this.file = file;
            this.statement = statement;
            this.verdict = verdict;
        }
    }
}
