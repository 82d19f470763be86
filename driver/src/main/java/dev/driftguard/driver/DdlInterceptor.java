package dev.driftguard.driver;

import dev.driftguard.sql.Lexer;
import java.sql.SQLException;

/** Sees every DDL statement before it runs and may refuse it. */
public interface DdlInterceptor {

    /** Lets everything run. */
    DdlInterceptor NONE = (sql, session) -> { };

    /**
     * Throws to refuse {@code sql}; the statement then does not run and the caller gets the exception.
     * {@code session} reads SQL as the connection's session does.
     */
    void beforeDdl(String sql, Lexer session) throws SQLException;
}
