package dev.driftguard.internal.usage;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a schema migration runs: what a thread runs between {@link #begin} and {@link #end} is a migration's. The
 * guard checks its DDL as always; its statements are not recorded as the application's usage. A backfill that
 * reads an old column once, at deploy, is no use the running release depends on — and a test run, which migrates
 * a fresh database, would otherwise declare every column any migration of the application ever read. One per
 * process; scopes nest.
 */
public final class MigrationScope {

    /** Threads inside a migration now: while there are none, a statement pays one volatile read. */
    private final AtomicInteger threads = new AtomicInteger();
    private final ThreadLocal<int[]> depth = new ThreadLocal<>();

    /** This thread starts running a migration. */
    public void begin() {
        int[] mine = depth.get();
        if (mine == null) {
            mine = new int[1];
            depth.set(mine);
        }
        if (mine[0]++ == 0) {
            threads.incrementAndGet();
        }
    }

    /** This thread is done with the migration it began; an end without a begin is ignored. */
    public void end() {
        int[] mine = depth.get();
        if (mine != null && mine[0] > 0 && --mine[0] == 0) {
            depth.remove();
            threads.decrementAndGet();
        }
    }

    /** Whether this thread is running a migration. */
    public boolean here() {
        if (threads.get() == 0) {
            return false;
        }
        int[] mine = depth.get();
        return mine != null && mine[0] > 0;
    }
}
