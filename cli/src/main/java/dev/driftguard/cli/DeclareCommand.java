package dev.driftguard.cli;

import dev.driftguard.internal.base.JdbcUrls;
import dev.driftguard.internal.registry.DeclaredVersion;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.internal.sql.ColumnUse;
import dev.driftguard.internal.sql.Dialect;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** {@code declare}: publishes manifests as the declared usage of a version, which then counts like observed usage. */
final class DeclareCommand implements Command {

    @Override
    public String name() {
        return "declare";
    }

    @Override
    public String summary() {
        return "publish manifests as the declared usage of a version";
    }

    @Override
    public String help() {
        return "Usage: driftguard declare --url U [--app A] [--version V] [--database D] MANIFEST|FOLDER...\n\n"
                + "Publishes the manifests (files, or folders of *.json manifests, merged) as the declared usage of\n"
                + "version V of application A. While the version has live instances, its declared usage counts\n"
                + "exactly like the usage it was seen running: in the live_usage view (source 'declared' or 'both'),\n"
                + "the guard, precheck, status and the reports. Declaring a version again replaces its declaration.\n"
                + "Every manifest is checked first: one that is malformed or not a manifest changes nothing.\n\n"
                + "Options:\n" + Database.HELP
                + "  --app <name>         application (default: the manifests' own, when they agree)\n"
                + "  --version <version>  version (default: the manifests' own, when they agree), e.g. the release\n"
                + "                       version when the tests ran as a snapshot\n"
                + "  --database <name>    the application's database, when the registry at --url is in another one\n"
                + "                       (default: the --url database)\n";
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        if (arguments.positionals().isEmpty()) {
            throw new UsageException("no manifest given: name the files driftguard.manifest.out wrote, or their folder");
        }
        List<Manifest> manifests = Manifest.readAll(arguments.positionals());
        String app = agreed(arguments, "app", manifests);
        String version = agreed(arguments, "version", manifests);
        for (Manifest manifest : manifests) {
            if (!manifest.app.equals(app) || !manifest.version.equals(version)) {
                out.println("Note: " + manifest.file + " was written by " + manifest.versionName() + "; declared as "
                        + app + " " + version + ".");
            }
        }
        Database database = Database.of(arguments);
        Registry registry = InstallCommand.registry(database);
        Dialect dialect = Dialect.ofUrl(database.url());
        try (Connection connection = database.connect()) {
            InstallCommand.requireRegistry(registry, connection, database);
            if (registry.version(connection) < Registry.currentVersion()) {
                registry.install(connection); // declared usage needs schema 7; an upgrade keeps every row
            }
            String target = arguments.option("database", connection.getCatalog());
            if (target == null || target.isBlank()) {
                throw new UsageException("cannot tell the database's name from " + JdbcUrls.mask(database.url())
                        + "; give it with --database");
            }
            Set<ColumnUse> uses = new TreeSet<>();
            for (Manifest manifest : manifests) {
                uses.addAll(manifest.usesIn(dialect, target));
            }
            int replaced = registry.declare(connection, target, new DeclaredVersion(app, version, uses));
            out.println("Declared " + app + " " + version + " in database " + target + ": " + uses.size() + " use"
                    + (uses.size() == 1 ? "" : "s") + " from " + manifests.size() + " manifest"
                    + (manifests.size() == 1 ? "" : "s") + (replaced > 0 ? ", replacing the " + replaced
                    + " of its previous declaration" : "") + ". They count while " + app + " " + version
                    + " has live instances.");
            return OK;
        } catch (SQLException e) {
            throw new UsageException("cannot write the declaration to the registry in " + JdbcUrls.mask(database.url())
                    + ": " + e.getMessage() + "\nThe declaration was not changed. The user needs the right to write"
                    + " the registry's tables (the user that installed it has it).");
        }
    }

    /** The option, or else the one value every manifest has for it. */
    private static String agreed(Arguments arguments, String option, List<Manifest> manifests) throws UsageException {
        String given = arguments.option(option);
        if (given != null) {
            if (given.isBlank()) {
                throw new UsageException("--" + option + " is empty");
            }
            return given;
        }
        Set<String> found = new TreeSet<>();
        for (Manifest manifest : manifests) {
            found.add(option.equals("app") ? manifest.app : manifest.version);
        }
        if (found.size() > 1) {
            throw new UsageException("the manifests were written by different " + (option.equals("app")
                    ? "applications" : "versions") + " (" + String.join(", ", found) + "); say which one they declare"
                    + " with --" + option);
        }
        return found.iterator().next();
    }

    static Set<String> valuedOptions() {
        return Set.of("url", "user", "password", "app", "version", "database");
    }
}
