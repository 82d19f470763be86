package dev.driftguard.internal.usage;

import dev.driftguard.internal.sql.Lexer;
import dev.driftguard.internal.sql.StatementUsage;
import java.util.concurrent.atomic.LongAdder;

/** One statement shape: its normalised text, its usage once parsed, and how often it ran. */
final class Shape {

    final String text;
    /** How the session that ran it reads SQL. */
    final Lexer lexer;
    final LongAdder executions = new LongAdder();
    private volatile StatementUsage usage;
    /** Set once the cache let the shape go: its counts were handed over, and nothing may count on it since. */
    private volatile boolean released;

    Shape(String text, Lexer lexer) {
        this.text = text;
        this.lexer = lexer;
    }

    StatementUsage usage() {
        return usage;
    }

    void parsed(StatementUsage usage) {
        this.usage = usage;
    }

    boolean released() {
        return released;
    }

    void release() {
        released = true;
    }
}
