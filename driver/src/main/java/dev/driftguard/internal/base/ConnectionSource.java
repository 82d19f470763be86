package dev.driftguard.internal.base;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a plain vendor connection of driftguard's own, never one of the application's: the catalog, the registry
 * and the guard read and write through it.
 */
@FunctionalInterface
public interface ConnectionSource {

    /** A new connection; the caller closes it. */
    Connection open() throws SQLException;

    /**
     * Whether a connection from here may be kept open between uses. Not one lent by the application's pool: kept,
     * it would take a slot from the application; the pool keeps it open anyway. Not one to an in-process database:
     * kept, it would keep the database open after the application closed its last connection, and connecting
     * there costs nothing.
     */
    default boolean keepable() {
        return true;
    }

    /** {@code source}, marked as one whose connections are given back at once ({@link #keepable()} false). */
    static ConnectionSource notKept(ConnectionSource source) {
        return new ConnectionSource() {
            @Override
            public Connection open() throws SQLException {
                return source.open();
            }

            @Override
            public boolean keepable() {
                return false;
            }
        };
    }
}
