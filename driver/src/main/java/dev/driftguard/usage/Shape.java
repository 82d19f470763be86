package dev.driftguard.usage;

import dev.driftguard.sql.StatementUsage;
import java.util.concurrent.atomic.LongAdder;

/** One statement shape: its normalised text, its usage once parsed, and how often it ran. */
final class Shape {

    final String text;
    final LongAdder executions = new LongAdder();
    private volatile StatementUsage usage;

    Shape(String text) {
        this.text = text;
    }

    StatementUsage usage() {
        return usage;
    }

    void parsed(StatementUsage usage) {
        this.usage = usage;
    }
}
