package dev.driftguard.cli;

import dev.driftguard.internal.base.Json;
import dev.driftguard.internal.sql.Access;
import dev.driftguard.internal.sql.ColumnUse;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/** {@code diff}: what a new version stops and starts using, from the manifests of two versions. */
final class DiffCommand implements Command {

    @Override
    public String name() {
        return "diff";
    }

    @Override
    public String summary() {
        return "what a new version stops and starts using, from two manifests";
    }

    @Override
    public String help() {
        return "Usage: driftguard diff [--format text|json] OLD NEW\n\n"
                + "Compares the manifests of two versions (each a manifest file or a folder of *.json manifests,\n"
                + "merged): the uses the new version stops and starts, and the drop candidates — columns, tables and\n"
                + "routines the old version uses and the new one does not use at all, which a migration may remove\n"
                + "once every instance of the old version is gone. Reads files only; exit code 0, or 2 when a file is\n"
                + "not a manifest.\n\n"
                + "Options:\n"
                + "  --format <f>         text (default) or json\n";
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        String format = arguments.option("format", "text");
        if (!format.equals("text") && !format.equals("json")) {
            throw new UsageException("unknown --format " + format + "; use text or json");
        }
        if (arguments.positionals().size() != 2) {
            throw new UsageException("give two manifests, the old version's and then the new one's (each a file or a "
                    + "folder of them); got " + arguments.positionals().size());
        }
        Side old = Side.of(arguments.positionals().get(0));
        Side next = Side.of(arguments.positionals().get(1));
        Set<ColumnUse> oldUses = old.usesIn(old.database);
        Set<ColumnUse> newUses = next.usesIn(old.database);
        Set<ColumnUse> stops = new TreeSet<>(oldUses);
        stops.removeAll(newUses);
        Set<ColumnUse> starts = new TreeSet<>(newUses);
        starts.removeAll(oldUses);
        Set<ColumnUse> candidates = dropCandidates(oldUses, newUses);
        int unchanged = oldUses.size() - stops.size();
        if (format.equals("json")) {
            out.println("{\"old\":" + old.json() + ",\"new\":" + next.json() + ",\"stops_using\":" + json(stops, true)
                    + ",\"starts_using\":" + json(starts, true) + ",\"drop_candidates\":" + json(candidates, false)
                    + ",\"unchanged\":" + unchanged + "}");
            return OK;
        }
        out.println("driftguard diff: " + old.name + " → " + next.name);
        section(out, "Stops using", stops, true);
        section(out, "Starts using", starts, true);
        section(out, "Drop candidates once " + old.name + " is gone", candidates, false);
        out.println();
        out.println("Unchanged: " + unchanged + " use" + (unchanged == 1 ? "" : "s") + ".");
        return OK;
    }

    /**
     * What the old version uses and the new one does not use in any way: a column (not read, written or reached
     * through {@code *}), a table (nothing in it), a routine (never called). One entry per object, its access
     * left as read.
     */
    private static Set<ColumnUse> dropCandidates(Set<ColumnUse> old, Set<ColumnUse> next) {
        Set<String> nextColumns = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Set<String> nextTables = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (ColumnUse use : next) {
            nextTables.add(objectKey(use));
            nextColumns.add(objectKey(use) + "." + use.column());
        }
        Set<ColumnUse> candidates = new TreeSet<>();
        for (ColumnUse use : old) {
            String object = objectKey(use);
            boolean whole = use.access() == Access.CALL || ColumnUse.ALL.equals(use.column()) || use.column().isEmpty();
            if (!nextTables.contains(object)) {
                candidates.add(ColumnUse.reached(use.schema(), use.table(), "", use.access() == Access.CALL
                        ? Access.CALL : Access.READ, null));
            } else if (!whole && !nextColumns.contains(object + "." + use.column())
                    && !nextColumns.contains(object + "." + ColumnUse.ALL)) {
                candidates.add(new ColumnUse(use.schema(), use.table(), use.column(), Access.READ));
            }
        }
        return candidates;
    }

    /** A table and a routine of one name are two objects. */
    private static String objectKey(ColumnUse use) {
        return (use.access() == Access.CALL ? "routine " : "table ") + use.schema() + "." + use.table();
    }

    private static void section(PrintStream out, String title, Set<ColumnUse> uses, boolean withAccess) {
        out.println();
        out.println(title + " (" + uses.size() + ")" + (uses.isEmpty() ? ": none" : ":"));
        for (ColumnUse use : uses) {
            out.println("  " + (withAccess ? String.format("%-6s ", use.access().label()) : "") + described(use)
                    + (use.via() == null ? "" : " via " + use.via()));
        }
    }

    /** {@code public.product.rating}, {@code public.product (every column)}, {@code table public.legacy}. */
    private static String described(ColumnUse use) {
        String object = use.schema().isEmpty() ? use.table() : use.schema() + "." + use.table();
        if (use.access() == Access.CALL) {
            return "routine " + object;
        }
        if (use.column().isEmpty()) {
            return "table " + object;
        }
        return ColumnUse.ALL.equals(use.column()) ? object + " (every column)" : object + "." + use.column();
    }

    private static String json(Set<ColumnUse> uses, boolean withAccess) {
        StringJoiner entries = new StringJoiner(",\n", "[", "]");
        for (ColumnUse use : uses) {
            entries.add("{\"schema\":" + Json.string(use.schema()) + ",\"table\":" + Json.string(use.table())
                    + ",\"column\":" + Json.string(use.column())
                    + (withAccess ? ",\"access\":" + Json.string(use.access().label()) : ",\"kind\":" + Json.string(
                    use.access() == Access.CALL ? "routine" : use.column().isEmpty() ? "table" : "column"))
                    + (use.via() == null ? "" : ",\"via\":" + Json.string(use.via())) + "}");
        }
        return entries.toString();
    }

    /**
     * One side of the comparison: its manifests merged. A MariaDB/MySQL test run names its own database as every
     * use's schema, so the sides are compared as if recorded in the old side's database; elsewhere a schema is no
     * database and nothing changes.
     */
    private static final class Side {
        final String name;
        final String database;
        private final List<Manifest> manifests;

        private Side(List<Manifest> manifests) {
            this.manifests = manifests;
            Set<String> names = new TreeSet<>();
            for (Manifest manifest : manifests) {
                names.add(manifest.versionName());
            }
            this.name = String.join(" + ", names);
            this.database = manifests.get(0).database;
        }

        static Side of(String name) throws UsageException {
            return new Side(Manifest.readAll(List.of(name)));
        }

        /** Its uses as if recorded in {@code database}. */
        Set<ColumnUse> usesIn(String database) {
            Set<ColumnUse> uses = new TreeSet<>();
            for (Manifest manifest : manifests) {
                uses.addAll(manifest.usesWithDatabaseAs(database));
            }
            return uses;
        }

        String json() {
            Manifest first = manifests.get(0);
            return "{\"app\":" + Json.string(first.app) + ",\"version\":" + Json.string(first.version) + "}";
        }
    }
}
