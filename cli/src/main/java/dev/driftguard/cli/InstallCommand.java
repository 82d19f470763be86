package dev.driftguard.cli;

import dev.driftguard.internal.base.JdbcUrls;
import dev.driftguard.internal.registry.Registry;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/** {@code install}: creates the registry or upgrades it in place. */
final class InstallCommand implements Command {

    @Override
    public String name() {
        return "install";
    }

    @Override
    public String summary() {
        return "create the registry in a database, or upgrade it in place";
    }

    @Override
    public String help() {
        return "Usage: driftguard install --url U [--user N] [--password P] [--trigger] [--app-role R]\n\n"
                + "Creates driftguard's registry (PostgreSQL: schema driftguard; MariaDB/MySQL: tables driftguard_*;\n"
                + "H2: schema DRIFTGUARD) or upgrades an older one, keeping every row. Never drops anything. Needed only\n"
                + "where applications connect with a user that may not create tables.\n\n"
                + "Options:\n" + Database.HELP
                + "  --trigger            (PostgreSQL, superuser) also install the event trigger that refuses DDL\n"
                + "                       breaking a live version from any client, honouring the override comment\n"
                + "  --app-role R         (PostgreSQL, MariaDB) let role R, the applications' database user, read the\n"
                + "                       registry and call its routines, and nothing else: it cannot stop another\n"
                + "                       instance, erase usage or set its own expiry. MariaDB: R or user@host\n";
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        arguments.requireNoPositionals("install");
        Database database = Database.of(arguments);
        Registry registry = registry(database);
        try (Connection connection = database.connect()) {
            int found = registry.install(connection);
            int now = registry.version(connection);
            String where = JdbcUrls.mask(database.url());
            if (found == now) {
                out.println("driftguard registry in " + where + " is up to date (schema version " + now + ").");
            } else if (found == 0) {
                out.println("driftguard registry created in " + where + " (schema version " + now + ").");
            } else {
                out.println("driftguard registry in " + where + " upgraded from schema version " + found + " to " + now
                        + "; no row was lost.");
            }
            String role = arguments.option("app-role");
            if (role != null) {
                grantAppRole(registry, connection, role, where);
                out.println("role " + role + " may now read the registry and publish through its routines, and nothing"
                        + " else.");
            }
            if (arguments.flag("trigger")) {
                installTrigger(registry, connection, where);
                out.println("driftguard event trigger installed: DDL from every client is now checked.");
            }
            return OK;
        } catch (SQLException e) {
            throw new UsageException("cannot install the registry in " + JdbcUrls.mask(database.url()) + ": "
                    + e.getMessage() + "\nThe user needs the right to create a schema and tables there (PostgreSQL: "
                    + "CREATE on the database; MariaDB: CREATE, CREATE VIEW, INDEX on the database).");
        }
    }

    private static void installTrigger(Registry registry, Connection connection, String where) throws UsageException {
        try {
            registry.installTrigger(connection);
        } catch (SQLException e) {
            throw new UsageException("cannot install the event trigger in " + where + ": " + e.getMessage()
                    + "\nCreating an event trigger needs a PostgreSQL superuser. Without it the guard still works for "
                    + "migrations that run through jdbc:driftguard: and in the precheck command.");
        }
    }

    private static void grantAppRole(Registry registry, Connection connection, String role, String where)
            throws UsageException {
        try {
            registry.grantAppRole(connection, role);
        } catch (SQLException e) {
            throw new UsageException("cannot grant role " + role + " its rights in " + where + ": " + e.getMessage()
                    + "\nCheck that the role exists (PostgreSQL: CREATE ROLE " + role + " LOGIN; MariaDB: CREATE USER)"
                    + " and that you install as the registry's owner.");
        }
    }

    static Registry registry(Database database) throws UsageException {
        try {
            return Registry.forUrl(database.url());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + ". Give --url (or, for report and precheck, --registry-url) "
                    + "a PostgreSQL, MariaDB/MySQL or H2 database.");
        }
    }

    static Set<String> valuedOptions() {
        return Set.of("url", "user", "password", "app-role");
    }

    /** For commands that read or change a registry: none at the URL is a usage error that says how to get one. */
    static void requireRegistry(Registry registry, Connection connection, Database database)
            throws SQLException, UsageException {
        if (registry.version(connection) == 0) {
            throw new UsageException("no driftguard registry in " + JdbcUrls.mask(database.url())
                    + ". Applications create it on first use, or run: driftguard install --url …");
        }
    }
}
