package dev.driftguard.internal.jdbc;

import dev.driftguard.internal.base.Log;
import dev.driftguard.internal.sql.Lexer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where every statement is handed over before it runs: a call that may run DDL — as the database's lexer reads it
 * — goes to the {@link DdlInterceptor} first (which may refuse the whole call, batches included), then every
 * statement to the {@link StatementListener}.
 */
final class StatementHook {

    private static final Log LOG = Log.of(StatementHook.class);

    private final Lexer lexer;
    private final StatementListener listener;
    private final DdlInterceptor interceptor;
    private final AtomicBoolean warnedListenerFailure = new AtomicBoolean();

    /** @param lexer how the database reads SQL on a new connection */
    StatementHook(Lexer lexer, StatementListener listener, DdlInterceptor interceptor) {
        this.lexer = lexer;
        this.listener = listener;
        this.interceptor = interceptor;
    }

    /** How a new connection's session reads SQL: the server's defaults. */
    Lexer lexer() {
        return lexer;
    }

    /** One statement is about to run on vendor {@code connection}, whose session is read by {@code session}. */
    void before(Lexer session, String sql, Connection connection) throws SQLException {
        if (sql == null) {
            return;
        }
        if (session.mayRunDdl(sql)) {
            interceptor.beforeDdl(sql, session, connection);
        }
        tell(session, sql);
    }

    /** A batch is about to run: every DDL in it is checked before any statement is told. */
    void before(Lexer session, List<String> batch, Connection connection) throws SQLException {
        for (String sql : batch) {
            if (sql != null && session.mayRunDdl(sql)) {
                interceptor.beforeDdl(sql, session, connection);
            }
        }
        for (String sql : batch) {
            tell(session, sql);
        }
    }

    /** A statement failed; the caller rethrows {@code error} unchanged. */
    void failed(Lexer session, String sql, SQLException error) {
        if (sql == null) {
            return;
        }
        try {
            listener.failed(sql, error, session);
        } catch (RuntimeException | LinkageError e) {
            if (warnedListenerFailure.compareAndSet(false, true)) {
                LOG.warn("driftguard: recording a failed statement failed; the application gets its own error "
                        + "unchanged. Further failures are not logged.", e);
            }
        }
    }

    /** {@code nativeSQL} runs nothing, but its text is the application's SQL all the same. */
    void nativeSql(Lexer session, String sql) {
        tell(session, sql);
    }

    private void tell(Lexer session, String sql) {
        if (sql == null) {
            return;
        }
        try {
            listener.statement(sql, session);
        } catch (RuntimeException | LinkageError e) {
            // never fail the application's statement for a fault in driftguard
            if (warnedListenerFailure.compareAndSet(false, true)) {
                LOG.warn("driftguard: usage recording failed and is skipped for this statement; the statement "
                        + "runs unaffected. Further failures are not logged.", e);
            }
        }
    }
}
