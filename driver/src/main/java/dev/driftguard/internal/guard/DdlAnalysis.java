package dev.driftguard.internal.guard;

import java.util.Collections;
import java.util.List;

/** What a DDL text would change: its hazards, and the statements that may be hazardous but cannot be analysed. */
final class DdlAnalysis {

    private final List<Hazard> hazards;
    private final List<String> unanalysable;

    DdlAnalysis(List<Hazard> hazards, List<String> unanalysable) {
        this.hazards = Collections.unmodifiableList(hazards);
        this.unanalysable = Collections.unmodifiableList(unanalysable);
    }

    /** The hazardous changes, in statement order. */
    public List<Hazard> hazards() {
        return hazards;
    }

    /** Why some statement that could drop, rename or retype could not be analysed; empty when all could. */
    public List<String> unanalysable() {
        return unanalysable;
    }
}
