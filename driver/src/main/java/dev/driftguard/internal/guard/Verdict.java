package dev.driftguard.internal.guard;

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

    /** The live versions one hazard would break; empty when none. */
    public List<Blocker> blockers(Hazard hazard) {
        List<Blocker> blockers = blocked.get(hazard);
        return blockers == null ? List.of() : blockers;
    }
}
