package dev.driftguard.registry;

import dev.driftguard.driver.Log;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one heartbeat thread of a process. Each {@link Publication} runs on it at its own interval; a JVM shutdown
 * hook (or {@link #shutdown()}) publishes a last time and marks the instances stopped, within a bounded time.
 */
public final class RegistryAgent {

    private static final Log LOG = Log.of(RegistryAgent.class);
    private static final long SHUTDOWN_MILLIS = 5_000;

    private final ScheduledThreadPoolExecutor heartbeat;
    private final List<Publication> publications = new CopyOnWriteArrayList<>();
    private final AtomicBoolean hookInstalled = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();

    /** An agent whose thread starts with the first publication. */
    public RegistryAgent() {
        heartbeat = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "driftguard-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts heartbeating {@code publication} now and every {@code seconds} after. */
    public void start(Publication publication, int seconds) {
        if (stopped.get()) {
            return;
        }
        if (hookInstalled.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "driftguard-shutdown"));
        }
        publications.add(publication);
        heartbeat.scheduleWithFixedDelay(publication::cycle, 0, seconds, TimeUnit.SECONDS);
    }

    /** Publishes a last time and marks every instance of this process stopped; later calls do nothing. */
    public void shutdown() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        heartbeat.shutdown();
        try {
            heartbeat.awaitTermination(SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Thread last = new Thread(() -> publications.forEach(Publication::stop), "driftguard-stop");
        last.setDaemon(true);
        last.start();
        try {
            last.join(SHUTDOWN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (last.isAlive()) {
            LOG.warn("driftguard: the registry did not answer within {} ms at shutdown; this instance leaves the live "
                    + "view when its TTL runs out", SHUTDOWN_MILLIS);
        }
    }
}
