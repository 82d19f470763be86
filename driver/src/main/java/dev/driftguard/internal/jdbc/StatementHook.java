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

    /**
     * A prepared statement's own text in a session read by {@code session}: what {@link #before} works out for
     * every statement — whether it may run DDL, how it leaves the session — worked out once, since the answers
     * depend on nothing else. Holds {@code after} for the caller to apply once the statement ran.
     */
    PreparedText prepared(Lexer session, String sql) {
        return new PreparedText(session, sql, session.mayRunDdl(sql), session.afterSessionChange(sql));
    }

    /**
     * A prepared statement's own text is about to run again on vendor {@code connection}. DDL goes to the
     * interceptor as ever; anything else is counted on the listener's counter for the text, found once, so that
     * an execution costs no lexing and no lookup.
     */
    void before(PreparedText text, Connection connection) throws SQLException {
        if (text.mayRunDdl) {
            before(text.session, text.sql, connection);
            return;
        }
        try {
            StatementListener.Executions executions = text.executions;
            if (executions == null || !executions.count()) {
                executions = listener.executions(text.sql, text.session);
                if (executions == null) {
                    listener.statement(text.sql, text.session);
                }
                text.executions = executions;
            }
        } catch (RuntimeException | LinkageError e) {
            warnListenerFailure(e);
        }
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
            warnListenerFailure(e);
        }
    }

    /** Never fail the application's statement for a fault in driftguard. */
    private void warnListenerFailure(Throwable e) {
        if (warnedListenerFailure.compareAndSet(false, true)) {
            LOG.warn("driftguard: usage recording failed and is skipped for this statement; the statement "
                    + "runs unaffected. Further failures are not logged.", e);
        }
    }

    /**
     * What the hook knows of one prepared statement's text in one kind of session. Owned by one statement; the
     * counter is found once and kept (a race between two threads on one statement only looks it up twice).
     */
    static final class PreparedText {
        final Lexer session;
        final String sql;
        final boolean mayRunDdl;
        /** How the session reads SQL once the statement ran: {@code session} itself unless it is a SET or USE. */
        final Lexer after;
        StatementListener.Executions executions;

        private PreparedText(Lexer session, String sql, boolean mayRunDdl, Lexer after) {
            this.session = session;
            this.sql = sql;
            this.mayRunDdl = mayRunDdl;
            this.after = after;
        }
    }
}
