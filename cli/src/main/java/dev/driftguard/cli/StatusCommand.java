package dev.driftguard.cli;

import dev.driftguard.internal.base.JdbcUrls;
import dev.driftguard.internal.registry.InstanceStatus;
import dev.driftguard.internal.base.Json;
import dev.driftguard.internal.registry.Registry;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** {@code status}: which application versions are live, on which instances. */
final class StatusCommand implements Command {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "show the live applications, versions and instances";
    }

    @Override
    public String help() {
        return "Usage: driftguard status --url U [--user N] [--password P] [--all] [--format text|json]\n\n"
                + "Lists the live versions of every application with their instances (host, pid, started, last\n"
                + "heartbeat; times are the registry database's clock, UTC), then the ten most recent overrides of\n"
                + "the guard with their reasons; a version that declared its usage (declare) says how many uses.\n"
                + "--all also lists stopped and expired instances.\n\n"
                + "Options:\n" + Database.HELP
                + "  --all                include instances that are no longer live\n"
                + "  --format <f>         text (default) or json\n";
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        arguments.requireNoPositionals("status");
        String format = arguments.option("format", "text");
        if (!format.equals("text") && !format.equals("json")) {
            throw new UsageException("unknown --format " + format + "; use text or json");
        }
        Database database = Database.of(arguments);
        Registry registry = InstallCommand.registry(database);
        List<InstanceStatus> instances;
        List<String> overrides;
        Map<String, Integer> declared;
        try (Connection connection = database.connect()) {
            InstallCommand.requireRegistry(registry, connection, database);
            instances = registry.reader().instances(connection);
            declared = registry.reader().declaredCounts(connection, registry.version(connection));
            overrides = registry.reader().recentOverrides(connection, 10);
        } catch (SQLException e) {
            throw new UsageException("cannot read the registry in " + JdbcUrls.mask(database.url()) + ": " + e.getMessage());
        }
        boolean all = arguments.flag("all");
        instances.removeIf(instance -> !all && !instance.live());
        if (format.equals("json")) {
            printJson(instances, declared, out);
        } else {
            printText(instances, declared, all, out);
            if (!overrides.isEmpty()) {
                out.println();
                out.println("Recent overrides (statements run despite the guard):");
                overrides.forEach(override -> out.println("  " + override));
            }
        }
        return OK;
    }

    private static void printText(List<InstanceStatus> instances, Map<String, Integer> declared, boolean all,
                                  PrintStream out) {
        if (instances.isEmpty()) {
            out.println(all ? "No instance has ever registered." : "No live instance.");
            return;
        }
        Map<String, Integer> liveByVersion = new LinkedHashMap<>();
        for (InstanceStatus instance : instances) {
            if (instance.live()) {
                liveByVersion.merge(instance.app() + " " + instance.version(), 1, Integer::sum);
            }
        }
        out.println("Live versions:");
        if (liveByVersion.isEmpty()) {
            out.println("  none");
        }
        liveByVersion.forEach((version, count) -> out.printf("  %-40s %d instance%s%s%n", version, count,
                count == 1 ? "" : "s", declared.containsKey(version) ? ", " + declared.get(version) + " declared use"
                        + (declared.get(version) == 1 ? "" : "s") : ""));
        out.println();
        out.printf("%-16s %-12s %-32s %-8s %-19s %-19s %s%n", "APP", "VERSION", "INSTANCE", "PID", "STARTED",
                "LAST HEARTBEAT", "STATE");
        for (InstanceStatus instance : instances) {
            out.printf("%-16s %-12s %-32s %-8d %-19s %-19s %s%n", instance.app(), instance.version(),
                    instance.instanceId(), instance.pid(), instance.startedAt().format(TIME),
                    instance.lastHeartbeat().format(TIME), instance.live() ? "live" : "gone");
        }
    }

    private static void printJson(List<InstanceStatus> instances, Map<String, Integer> declared, PrintStream out) {
        StringJoiner array = new StringJoiner(",\n  ", "[\n  ", "\n]");
        for (InstanceStatus instance : instances) {
            array.add("{\"app\":" + Json.string(instance.app()) + ",\"version\":" + Json.string(instance.version())
                    + ",\"instance\":" + Json.string(instance.instanceId()) + ",\"host\":" + Json.string(instance.host())
                    + ",\"pid\":" + instance.pid() + ",\"started_at\":" + Json.string(instance.startedAt().toString())
                    + ",\"last_heartbeat\":" + Json.string(instance.lastHeartbeat().toString()) + ",\"live\":"
                    + instance.live() + ",\"declared_uses\":"
                    + declared.getOrDefault(instance.app() + " " + instance.version(), 0) + "}");
        }
        out.println(instances.isEmpty() ? "[]" : array.toString());
    }

    static Set<String> valuedOptions() {
        return Set.of("url", "user", "password", "format");
    }
}
