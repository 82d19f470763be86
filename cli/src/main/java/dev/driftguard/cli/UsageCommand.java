package dev.driftguard.cli;

import dev.driftguard.internal.base.Json;
import dev.driftguard.internal.sql.Catalog;
import dev.driftguard.internal.sql.ColumnUse;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.JdbcCatalog;
import dev.driftguard.internal.sql.SqlAnalyzer;
import dev.driftguard.internal.sql.StatementUsage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ScheduledExecutorService;

/** {@code usage}: the tables and columns each statement reads and writes, one JSON object per statement. */
final class UsageCommand implements Command {

    @Override
    public String name() {
        return "usage";
    }

    @Override
    public String summary() {
        return "print the tables and columns each SQL statement reads and writes, as JSON lines";
    }

    @Override
    public String help() {
        return "Usage: driftguard usage [--dialect postgres|mysql|h2|generic] [--url U] (--file F | SQL...)\n\n"
                + "Prints one JSON object per statement:\n"
                + "  {\"sql\":…, \"kind\":\"select|insert|update|delete|merge|ddl|other\",\n"
                + "   \"columns\":[{\"schema\":…, \"table\":…, \"column\":…, \"access\":\"read|write\"[, \"via\":…]}…], \"error\":null|\"…\"}\n"
                + "\"column\" is \"*\" where the statement depends on every column, \"\" where it uses the table but no\n"
                + "particular column. With --url, unqualified names are resolved against that database's catalog.\n\n"
                + "Options:\n"
                + "  --dialect <name>     postgres, mysql, h2 or generic (default: from --url, else generic)\n"
                + "  --file <path>        read statements from a file (- for standard input), split at ;\n"
                + Database.HELP;
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        Dialect dialect = dialect(arguments);
        List<String> statements = statements(arguments, dialect);
        Catalog catalog = Catalog.NONE;
        if (arguments.option("url") != null) {
            Database database = Database.of(arguments);
            database.check();
            catalog = new JdbcCatalog(database::connectForCatalog, dialect);
        }
        ScheduledExecutorService watchdog = ParseLimit.watchdog();
        try {
            SqlAnalyzer analyzer = new SqlAnalyzer(dialect, catalog, watchdog, ParseLimit.MILLIS, true);
            for (String sql : statements) {
                out.println(json(sql, analyzer.analyze(sql)));
            }
        } finally {
            watchdog.shutdownNow();
        }
        return OK;
    }

    private static List<String> statements(Arguments arguments, Dialect dialect) throws UsageException {
        String file = arguments.option("file");
        List<String> statements = new ArrayList<>();
        if (file != null) {
            if (!arguments.positionals().isEmpty()) {
                throw new UsageException("give statements either with --file or as arguments, not both");
            }
            statements.addAll(dialect.lexer().split(SqlFiles.read(file)));
        } else {
            for (String text : arguments.positionals()) {
                statements.addAll(dialect.lexer().split(text));
            }
        }
        if (statements.isEmpty()) {
            throw new UsageException("no SQL given: pass statements as arguments or with --file <path>");
        }
        return statements;
    }

    private static Dialect dialect(Arguments arguments) throws UsageException {
        String name = arguments.option("dialect");
        if (name == null) {
            String url = arguments.option("url");
            return url == null ? Dialect.GENERIC : Dialect.ofUrl(url.replaceFirst("^jdbc:driftguard:", "jdbc:"));
        }
        try {
            return Dialect.ofName(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown --dialect " + name + "; use postgres, mysql, h2 or generic");
        }
    }

    static String json(String sql, StatementUsage usage) {
        StringJoiner columns = new StringJoiner(",", "[", "]");
        for (ColumnUse use : usage.columns()) {
            columns.add("{\"schema\":" + Json.string(use.schema()) + ",\"table\":" + Json.string(use.table())
                    + ",\"column\":" + Json.string(use.column()) + ",\"access\":" + Json.string(use.access().label())
                    + (use.via() == null ? "" : ",\"via\":" + Json.string(use.via())) + "}");
        }
        StringJoiner routines = new StringJoiner(",", "[", "]");
        for (String routine : usage.routines()) {
            routines.add(Json.string(routine));
        }
        return "{\"sql\":" + Json.string(sql) + ",\"kind\":" + Json.string(usage.kind().label()) + ",\"columns\":" + columns
                + ",\"routines\":" + routines + ",\"ambiguous\":" + usage.ambiguous() + ",\"error\":"
                + Json.string(usage.error()) + "}";
    }

    static Set<String> valuedOptions() {
        return Set.of("dialect", "file", "url", "user", "password");
    }
}
