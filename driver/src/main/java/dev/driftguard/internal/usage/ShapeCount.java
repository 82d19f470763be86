package dev.driftguard.internal.usage;

import dev.driftguard.internal.sql.StatementUsage;

/** What one statement shape uses and how often it ran since the last drain. Immutable. */
public final class ShapeCount {

    private final StatementUsage usage;
    private final long executions;

    ShapeCount(StatementUsage usage, long executions) {
        this.usage = usage;
        this.executions = executions;
    }

    /** The shape's usage. */
    public StatementUsage usage() {
        return usage;
    }

    /** Executions since the last drain. */
    public long executions() {
        return executions;
    }
}
