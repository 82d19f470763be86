package dev.driftguard.spring;

import dev.driftguard.internal.guard.Guard;
import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * A start-up that failed because driftguard refused a migration (Flyway or Liquibase at start-up, SQLState
 * {@code ZDG01}) or could not decide on it ({@code ZDG02}) is reported with driftguard's message first, not
 * under the migration tool's stack of wrappers.
 */
final class RefusalFailureAnalyzer implements FailureAnalyzer {

    /** The message itself says what to do in this case. */
    private static final String ACTION = "The refused statement did not run. Follow one of the steps in the description"
            + " above; docs/guard.md explains refusals and overrides.";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                String state = ((SQLException) cause).getSQLState();
                if (Guard.REFUSED.equals(state) || Guard.CANNOT_DECIDE.equals(state)) {
                    return new FailureAnalysis(cause.getMessage(), ACTION, cause);
                }
            }
        }
        return null;
    }
}
