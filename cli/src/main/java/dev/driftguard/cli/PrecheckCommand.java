package dev.driftguard.cli;

import dev.driftguard.internal.base.ConnectionSource;
import dev.driftguard.internal.base.JdbcUrls;
import dev.driftguard.internal.guard.Checker;
import dev.driftguard.internal.guard.Verdict;
import dev.driftguard.internal.registry.DeclaredVersion;
import dev.driftguard.internal.registry.KeptConnection;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.internal.sql.ColumnUse;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.JdbcCatalog;
import dev.driftguard.internal.sql.SqlParser;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;

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
        return "Usage: driftguard precheck --url U [--registry-url R] [--incoming M] [--format text|json|markdown]\n"
                + "                          FILE|FOLDER...\n\n"
                + "Reads migration SQL, finds every change that drops, renames or retypes something, or adds a NOT NULL\n"
                + "constraint, and prints which live application versions it would break. Executes nothing.\n"
                + "A folder is read as Flyway migrations (V<version>__<name>.sql, in version order, then R__*.sql);\n"
                + "when the database has a flyway_schema_history table, only versions newer than the last applied one\n"
                + "are checked. Exit code 0: safe; 3: refused or not analysable; 2: wrong usage or no connection.\n\n"
                + "Options:\n" + Database.HELP
                + "  --registry-url <url> the registry, when it is not in the --url database (same user and password)\n"
                + "  --incoming <m>       also check against the version about to be deployed: its manifests (files or\n"
                + "                       folders of *.json, several separated by commas); it must not use what the\n"
                + "                       migrations remove, rename or retype\n"
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
        List<Manifest> incoming = arguments.option("incoming") == null ? List.of()
                : Manifest.readAll(List.of(arguments.option("incoming").split(",")));
        Database database = Database.of(arguments);
        database.check();
        String registryUrl = arguments.option("registry-url", database.url());
        Registry registry = InstallCommand.registry(registryUrl.equals(database.url()) ? database : Database.at(registryUrl, arguments));
        Dialect dialect = Dialect.ofUrl(database.url());
        ConnectionSource registrySource = registryUrl.equals(database.url()) ? database::connectForCatalog
                : () -> DriverManager.getConnection(registryUrl, database.credentials());
        requireRegistry(registry, registrySource, registryUrl, database.url());
        ScheduledExecutorService watchdog = ParseLimit.watchdog();
        // one registry connection for every statement checked
        try (KeptConnection registryConnection = new KeptConnection(registrySource)) {
            return check(arguments, format, database, registryUrl, new Checker(dialect,
                    new JdbcCatalog(database::connectForCatalog, dialect), new SqlParser(dialect, watchdog,
                    ParseLimit.MILLIS, false), registry, registryConnection, null, null, incoming(incoming, dialect,
                    database)), dialect, out);
        } finally {
            watchdog.shutdownNow();
        }
    }

    private int check(Arguments arguments, String format, Database database, String registryUrl, Checker checker,
                      Dialect dialect, PrintStream out) throws UsageException {
        List<PrecheckReport.Checked> results = new ArrayList<>();
        LockWarnings locks = new LockWarnings(dialect, database::connectForCatalog);
        for (Path file : migrations(arguments.positionals(), database)) {
            for (String statement : dialect.lexer().split(SqlFiles.read(file.toString()))) {
                if (!dialect.lexer().mayRunDdl(statement)) {
                    continue;
                }
                Verdict verdict;
                try {
                    verdict = checker.check(statement);
                } catch (SQLException e) {
                    throw new UsageException("cannot read the registry at " + JdbcUrls.mask(registryUrl) + ": "
                            + e.getMessage());
                }
                try {
                    results.add(new PrecheckReport.Checked(file, statement, verdict, locks.of(statement)));
                } catch (SQLException e) {
                    throw new UsageException("cannot read the catalog of " + JdbcUrls.mask(database.url()) + ": "
                            + e.getMessage());
                }
            }
        }
        boolean refused = results.stream().anyMatch(result -> !result.verdict.safe());
        switch (format) {
            case "json":
                PrecheckReport.json(results, database.url(), refused, out);
                break;
            case "markdown":
                PrecheckReport.markdown(results, refused, out);
                break;
            default:
                PrecheckReport.text(results, database.url(), refused, out);
        }
        return refused ? REFUSED : OK;
    }

    /** The incoming manifests as one declared version per app and version, in the --url database's names. */
    private static List<DeclaredVersion> incoming(List<Manifest> manifests, Dialect dialect, Database database)
            throws UsageException {
        if (manifests.isEmpty()) {
            return List.of();
        }
        String target;
        try (Connection connection = database.connect()) {
            target = connection.getCatalog();
        } catch (SQLException e) {
            throw new UsageException("cannot talk to " + JdbcUrls.mask(database.url()) + ": " + e.getMessage());
        }
        Map<String, Set<ColumnUse>> byVersion = new TreeMap<>();
        Map<String, Manifest> named = new TreeMap<>();
        for (Manifest manifest : manifests) {
            String key = manifest.app + "\u0000" + manifest.version;
            named.putIfAbsent(key, manifest);
            byVersion.computeIfAbsent(key, k -> new TreeSet<>()).addAll(manifest.usesIn(dialect, target));
        }
        List<DeclaredVersion> versions = new ArrayList<>();
        byVersion.forEach((key, uses) -> versions.add(new DeclaredVersion(named.get(key).app, named.get(key).version, uses)));
        return versions;
    }

    /**
     * Fails closed: with no registry at the URL, nothing could block a migration, and "safe" would be a guess — most
     * often a forgotten {@code --registry-url}.
     */
    private static void requireRegistry(Registry registry, ConnectionSource registrySource, String registryUrl,
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
                files.addAll(FlywayFolder.pending(path, FlywayFolder.appliedVersion(database)));
            } else if (Files.exists(path)) {
                files.add(path); // a file, or what reads like one (/dev/stdin, a named pipe)
            } else {
                throw new UsageException("no such file or folder: " + name);
            }
        }
        return files;
    }


    static Set<String> valuedOptions() {
        return Set.of("url", "user", "password", "registry-url", "format", "incoming");
    }
}
