package dev.driftguard.internal.jdbc;

import dev.driftguard.internal.sql.Lexer;
import java.sql.SQLException;

/**
 * Told the SQL text of every statement an application runs through driftguard, on the application's thread:
 * implementations must return at once and never throw.
 */
public interface StatementListener {

    /** Does nothing. */
    StatementListener NONE = sql -> { };

    /** {@code sql} is about to run (or, for {@code nativeSQL}, to be translated). */
    void statement(String sql);

    /** {@code sql} is about to run on a session whose settings {@code lexer} reads SQL with. */
    default void statement(String sql, Lexer lexer) {
        statement(sql);
    }

    /** {@code sql} failed with {@code error}, which the application receives unchanged right after. */
    default void failed(String sql, SQLException error, Lexer lexer) {
    }
}
