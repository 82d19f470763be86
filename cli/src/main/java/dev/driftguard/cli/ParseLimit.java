package dev.driftguard.cli;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The command line's time limit on parsing one statement: a statement the parser cannot read in time (20,000
 * nested parentheses) is reported as such, and the command goes on with the next.
 */
final class ParseLimit {

    /** Milliseconds one statement may take to parse. */
    static final long MILLIS = 10_000;

    private ParseLimit() {
    }

    /** A watchdog thread for one command run; a daemon, so it never keeps the JVM alive. Shut it down after. */
    static ScheduledExecutorService watchdog() {
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "driftguard-cli-parse-limit");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.setRemoveOnCancelPolicy(true);
        return watchdog;
    }
}
