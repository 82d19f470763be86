package dev.driftguard.internal.guard;

import dev.driftguard.internal.registry.LiveUse;
import dev.driftguard.internal.sql.Access;
import dev.driftguard.internal.sql.ColumnUse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which live versions a hazard would break. */
final class Blockers {
    private Blockers() {
    }

    static List<Blocker> of(Hazard hazard, List<LiveUse> uses, String ownApp, String ownVersion) {
        Map<String, List<LiveUse>> byVersion = new LinkedHashMap<>();
        for (LiveUse use : uses) {
            byVersion.computeIfAbsent(use.app() + "\u0000" + use.version(), k -> new ArrayList<>()).add(use);
        }
        List<Blocker> blockers = new ArrayList<>();
        for (List<LiveUse> versionUses : byVersion.values()) {
            List<LiveUse> blocking = blocking(hazard, versionUses);
            if (!blocking.isEmpty()) {
                LiveUse first = blocking.get(0);
                blockers.add(new Blocker(first.app(), first.version(), first.liveInstances(), blocking,
                        first.app().equals(ownApp) && first.version().equals(ownVersion)));
            }
        }
        return blockers;
    }

    private static List<LiveUse> blocking(Hazard hazard, List<LiveUse> all) {
        if (hazard.kind() == Hazard.Kind.DROP_TRIGGER) {
            return all; // every use reached through the trigger: the registry was asked for exactly those
        }
        List<LiveUse> blocking = new ArrayList<>();
        List<LiveUse> uses = new ArrayList<>();
        for (LiveUse use : all) {
            // a routine and a table may share a name: each hazard is about one of them (a schema takes both)
            if ((use.access() == Access.CALL) == hazard.kind().aboutRoutine() || hazard.kind() == Hazard.Kind.DROP_SCHEMA) {
                uses.add(use);
            }
        }
        if (hazard.kind().wholeTable() || hazard.kind().aboutRoutine()) {
            return uses;
        }
        if (hazard.kind().aboutInserts()) {
            boolean writesTable = false;
            boolean suppliesColumn = false;
            for (LiveUse use : uses) {
                if (use.access() == Access.WRITE && !ColumnUse.TABLE.equals(use.column())) {
                    writesTable = true;
                    suppliesColumn |= use.isOf(hazard.column())
                            || (ColumnUse.ALL.equals(use.column()) && hazard.kind() != Hazard.Kind.ADD_NOT_NULL_COLUMN);
                    blocking.add(use);
                }
            }
            return writesTable && !suppliesColumn ? blocking : List.of();
        }
        for (LiveUse use : uses) {
            if (use.isOf(hazard.column()) || ColumnUse.ALL.equals(use.column())) {
                blocking.add(use);
            }
        }
        return blocking;
    }
}
