package dev.driftguard.internal.registry;

import dev.driftguard.internal.base.ConnectionSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The registry connection of one recording, kept open between uses: a new connection per heartbeat cost the
 * registry a backend start each time (50 a second for 500 instances at the default period, docs/benchmarks.md),
 * and a new one per guarded DDL statement one per statement of a migration. The heartbeats, the publications and
 * the guard's checks of a recording share it. At most one is kept. Whoever finds it taken (the publisher while a
 * heartbeat runs, a publication stuck behind a lock while heartbeats go on, a guard check against a stalled
 * registry) opens one of its own, so that no one waits for another; the first given back is the one kept. One
 * that failed is closed, not kept. From a source that is not {@link ConnectionSource#keepable()}, each use opens
 * a connection and closing gives it back.
 */
public final class KeptConnection implements AutoCloseable {

    private final ConnectionSource source;
    private final AtomicReference<Connection> idle = new AtomicReference<>();
    private volatile boolean closed;

    public KeptConnection(ConnectionSource source) {
        this.source = source;
    }

    /** A connection for one use: the kept one when it is free, otherwise a new one. */
    Lease lease() throws SQLException {
        Connection kept = idle.getAndSet(null);
        return kept != null ? new Lease(kept, true) : new Lease(source.open(), false);
    }

    /** Keeps {@code connection} for the next use, unless one is kept already, it failed, or this is closed. */
    void giveBack(Connection connection, boolean healthy) {
        if (healthy && !closed && source.keepable() && idle.compareAndSet(null, connection)) {
            if (closed && idle.compareAndSet(connection, null)) { // closed meanwhile: nobody else will close it
                closeQuietly(connection);
            }
            return;
        }
        closeQuietly(connection);
    }

    /** Closes the kept connection; connections given back from now on are closed. */
    @Override
    public void close() { // idempotent: the publication and the recording that share it may both close it
        closed = true;
        Connection kept = idle.getAndSet(null);
        if (kept != null) {
            closeQuietly(kept);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // let go either way
        }
    }

    /** A connection lent for one use, and whether it was kept from an earlier one (and may have died since). */
    static final class Lease {
        final Connection connection;
        final boolean reused;

        Lease(Connection connection, boolean reused) {
            this.connection = connection;
            this.reused = reused;
        }
    }
}
