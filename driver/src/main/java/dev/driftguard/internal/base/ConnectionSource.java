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
}
