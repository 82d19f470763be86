package dev.driftguard.internal.usage;

import dev.driftguard.internal.base.Log;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one background thread per process that parses statement shapes, with a bounded queue: under overload new
 * work is turned away (the caller counts it), never queued without bound and never waited for. Its threads are daemons, so they
 * never keep an application's JVM alive.
 */
public final class ShapeParser {

    private static final Log LOG = Log.of(ShapeParser.class);

    /** The queue holds at most this much statement text (about 8 MB), however few shapes that is. */
    static final long MAX_QUEUED_CHARS = 4L << 20;

    private final ThreadPoolExecutor parser;
    private final ScheduledThreadPoolExecutor watchdog;
    private final long timeoutMillis;
    /** Characters of statement text waiting in the queue. */
    private final AtomicLong queuedChars = new AtomicLong();
    private final AtomicBoolean warnedDrop = new AtomicBoolean();

    /** A parser with room for {@code capacity} waiting shapes and {@code timeoutMillis} per parse. */
    public ShapeParser(int capacity, long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        this.parser = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
                daemon("driftguard-parser"), new ThreadPoolExecutor.AbortPolicy());
        this.watchdog = new ScheduledThreadPoolExecutor(1, daemon("driftguard-parse-watchdog"));
        this.watchdog.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs {@code work}, which parses {@code chars} characters of text, on the parser thread; false (and counted)
     * when the queue holds {@code capacity} shapes or {@link #MAX_QUEUED_CHARS} characters already.
     */
    boolean submit(Runnable work, int chars) {
        if (queuedChars.addAndGet(chars) > MAX_QUEUED_CHARS && chars > 0) {
            queuedChars.addAndGet(-chars);
            return turnedAway();
        }
        try {
            parser.execute(() -> {
                queuedChars.addAndGet(-chars);
                work.run();
            });
            return true;
        } catch (RejectedExecutionException e) {
            queuedChars.addAndGet(-chars);
            return turnedAway();
        }
    }

    private boolean turnedAway() {
        if (warnedDrop.compareAndSet(false, true)) {
            LOG.warn("driftguard: the statement parser is behind; new statement shapes are skipped for now and "
                    + "retried when they run again. Application statements are not affected.");
        }
        return false;
    }

    /** Whether no shape waits behind the one being parsed: the end of a burst. */
    boolean nothingQueued() {
        return parser.getQueue().isEmpty();
    }

    /** Shapes waiting for the parser. */
    public int queuedShapes() {
        return parser.getQueue().size();
    }

    /** Characters of statement text waiting for the parser. */
    public long queuedChars() {
        return queuedChars.get();
    }

    /** Stops parses that run longer than the timeout: the recorder's, and the guard's on the migration's thread. */
    public ScheduledExecutorService watchdog() {
        return watchdog;
    }

    /** Milliseconds a parse may take. */
    public long timeoutMillis() {
        return timeoutMillis;
    }

    /** Stops the threads; queued work is discarded. */
    public void shutdown() {
        parser.shutdownNow();
        watchdog.shutdownNow();
    }

    /** Deeply nested SQL needs a deep stack to parse; 16 MB covers what ORMs generate. */
    private static final long STACK_BYTES = 16L << 20;

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(null, runnable, name, STACK_BYTES);
            thread.setDaemon(true);
            return thread;
        };
    }
}
