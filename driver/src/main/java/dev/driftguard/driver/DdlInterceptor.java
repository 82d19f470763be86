package dev.driftguard.driver;

import java.sql.SQLException;

/** Sees every DDL statement before it runs and may refuse it. */
public interface DdlInterceptor {

    /** Lets everything run. */
    DdlInterceptor NONE = sql -> { };

    /** Throws to refuse {@code sql}; the statement then does not run and the caller gets the exception. */
    void beforeDdl(String sql) throws SQLException;
}
