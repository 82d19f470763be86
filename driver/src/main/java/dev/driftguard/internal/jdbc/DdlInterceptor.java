package dev.driftguard.internal.jdbc;

import dev.driftguard.internal.sql.Lexer;
import java.sql.SQLException;

/** Sees every DDL statement before it runs and may refuse it. */
public interface DdlInterceptor {

    /** Lets everything run. */
    DdlInterceptor NONE = (sql, session, connection) -> { };

    /**
     * Throws to refuse {@code sql}; the statement then does not run and the caller gets the exception.
     * {@code session} reads SQL as the connection's session does, as far as its own statements tell;
     * {@code connection} is the vendor's, to ask the server where it resolves names now
     * ({@link Lexer#withPathOf}).
     */
    void beforeDdl(String sql, Lexer session, java.sql.Connection connection) throws SQLException;
}
