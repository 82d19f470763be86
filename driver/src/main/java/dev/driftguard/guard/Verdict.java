package dev.driftguard.guard;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** What checking one DDL text against live usage found. Immutable. */
public final class Verdict {

    private final List<Hazard> hazards;
    private final Map<Hazard, List<Blocker>> blocked;
    private final List<Hazard> widenings;
    private final List<String> unanalysable;

    Verdict(List<Hazard> hazards, Map<Hazard, List<Blocker>> blocked, List<Hazard> widenings, List<String> unanalysable) {
        this.hazards = Collections.unmodifiableList(hazards);
        this.blocked = Collections.unmodifiableMap(blocked);
        this.widenings = Collections.unmodifiableList(widenings);
        this.unanalysable = Collections.unmodifiableList(unanalysable);
    }

    /** Every hazardous change, blocked or not. */
    public List<Hazard> hazards() {
        return hazards;
    }

    /** The hazards some live version would be broken by, with those versions. */
    Map<Hazard, List<Blocker>> blocked() {
        return blocked;
    }

    /** Type changes that only widen: allowed, worth a warning. */
    public List<Hazard> widenings() {
        return widenings;
    }

    /** Statements that could be hazardous but could not be analysed. */
    public List<String> unanalysable() {
        return unanalysable;
    }

    /** Whether running it would break a live version. */
    public boolean refused() {
        return !blocked.isEmpty();
    }

    /** Whether it is safe as far as driftguard can tell: nothing blocked and nothing unanalysable. */
    public boolean safe() {
        return blocked.isEmpty() && unanalysable.isEmpty();
    }

    /** The blockers of one hazard, as the design's report lines. */
    public List<String> blockersOf(Hazard hazard) {
        List<Blocker> blockers = blocked.get(hazard);
        return blockers == null ? List.of() : blockers.stream().map(Blocker::describe).collect(java.util.stream.Collectors.toList());
    }

    /** The raw blockers of one hazard, for structured output. */
    public List<BlockingVersion> blockingVersions(Hazard hazard) {
        List<Blocker> blockers = blocked.get(hazard);
        return blockers == null ? List.of() : blockers.stream().map(BlockingVersion::new).collect(java.util.stream.Collectors.toList());
    }

    /** A live version blocking a hazard, for structured output. */
    public static final class BlockingVersion {
        private final Blocker blocker;

        BlockingVersion(Blocker blocker) {
            this.blocker = blocker;
        }

        /** Application. */
        public String app() {
            return blocker.app;
        }

        /** Version. */
        public String version() {
            return blocker.version;
        }

        /** Live instances. */
        public int liveInstances() {
            return blocker.liveInstances;
        }

        /** Whether it is the checking process's own version. */
        public boolean self() {
            return blocker.self;
        }

        /** The blocking uses, as {@code read rating}, {@code write *}. */
        public List<dev.driftguard.registry.LiveUse> uses() {
            return blocker.uses;
        }
    }
}
