package dev.driftguard.internal.report;

import java.io.PrintStream;
import java.time.Duration;

/**
 * One progress line on standard error, shown only once building a report has taken longer than a threshold, so
 * that quick reports print nothing extra. Rewritten in place at each step.
 */
public final class Progress {

    /** No progress line at all. */
    public static final Progress NONE = new Progress(null, Duration.ZERO);

    private final PrintStream err;
    private final long thresholdNanos;
    private final long started = System.nanoTime();
    private boolean shown;

    /** Progress on {@code err}, once {@code threshold} has passed. */
    public Progress(PrintStream err, Duration threshold) {
        this.err = err;
        this.thresholdNanos = threshold.toNanos();
    }

    /** Building has reached {@code step}, e.g. "reading the catalog". */
    void step(String step) {
        if (err == null) {
            return;
        }
        long elapsed = System.nanoTime() - started;
        if (elapsed >= thresholdNanos) {
            err.print("\rdriftguard report: " + step + "… (" + elapsed / 1_000_000_000 + " s)\u001B[K");
            err.flush();
            shown = true;
        }
    }

    /** The report is built: ends the line if one was shown. */
    public void done() {
        if (shown) {
            err.println("\rdriftguard report: built in " + (System.nanoTime() - started) / 1_000_000 + " ms\u001B[K");
            shown = false;
        }
    }
}
