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

    /**
     * {@code sql}, told once already, runs again, and is likely to run more: this execution is counted, and what
     * is returned counts the next ones without looking the text up again — what a prepared statement, which runs
     * its one text again and again, asks at its second execution. Null when the text is not known (nothing was
     * counted: tell it as a statement). This default tells every execution as a statement.
     */
    default Executions executions(String sql, Lexer lexer) {
        Executions each = () -> {
            statement(sql, lexer);
            return true;
        };
        each.count();
        return each;
    }

    /** Counts executions of one text in one kind of session, as {@link #statement} would. */
    interface Executions {

        /**
         * One more execution; false when this counter no longer counts (its shape was let go), and the execution
         * must be told as a statement instead.
         */
        boolean count();
    }
}
