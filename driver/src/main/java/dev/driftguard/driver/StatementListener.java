package dev.driftguard.driver;

/**
 * Told the SQL text of every statement an application runs through driftguard, on the application's thread:
 * implementations must return at once and never throw.
 */
public interface StatementListener {

    /** Does nothing. */
    StatementListener NONE = sql -> { };

    /** {@code sql} is about to run (or, for {@code nativeSQL}, to be translated). */
    void statement(String sql);
}
