package dev.driftguard.cli;

import dev.driftguard.internal.base.JdbcUrls;
import dev.driftguard.internal.registry.Registry;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/** {@code retire}: marks every instance of a version stopped, for versions that are gone without saying so. */
final class RetireCommand implements Command {

    @Override
    public String name() {
        return "retire";
    }

    @Override
    public String summary() {
        return "mark every instance of an application version stopped now";
    }

    @Override
    public String help() {
        return "Usage: driftguard retire --url U --app A --version V [--user N] [--password P]\n\n"
                + "Marks every instance of version V of application A stopped now, so it no longer blocks migrations.\n"
                + "For a version that is really gone but whose instances have not expired yet. An instance that is in\n"
                + "fact still running stays retired until it restarts.\n\n"
                + "Options:\n" + Database.HELP
                + "  --app <name>         application name\n"
                + "  --version <version>  application version\n";
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        arguments.requireNoPositionals("retire");
        String app = required(arguments, "app");
        String version = required(arguments, "version");
        Database database = Database.of(arguments);
        Registry registry = InstallCommand.registry(database);
        try (Connection connection = database.connect()) {
            InstallCommand.requireRegistry(registry, connection, database);
            int retired = registry.retire(connection, app, version);
            if (retired == 0) {
                out.println("No running instance of " + app + " " + version + " in the registry; nothing to retire.");
            } else {
                out.println("Retired " + app + " " + version + ": " + retired + " instance" + (retired == 1 ? "" : "s")
                        + " marked stopped.");
            }
            return OK;
        } catch (SQLException e) {
            throw new UsageException("cannot update the registry in " + JdbcUrls.mask(database.url()) + ": "
                    + e.getMessage());
        }
    }

    private static String required(Arguments arguments, String name) throws UsageException {
        String value = arguments.option(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    static Set<String> valuedOptions() {
        return Set.of("url", "user", "password", "app", "version");
    }
}
