package dev.driftguard.internal.registry;

import dev.driftguard.internal.base.Log;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The registry threads of a process: one says every instance is alive, one publishes usage, each
 * {@link Publication} on both at its own interval, so that a publication held up by the registry never delays a
 * heartbeat. A JVM shutdown hook (or {@link #shutdown()}) publishes a last time and marks the instances stopped,
 * and waits for that at most {@link #SHUTDOWN_MILLIS}.
 */
public final class RegistryAgent {

    private static final Log LOG = Log.of(RegistryAgent.class);
    /** The longest a JVM exit (or {@link #shutdown()}) waits for the registry. */
    static final long SHUTDOWN_MILLIS = 1_000;

    private final ScheduledThreadPoolExecutor heartbeat = daemon("driftguard-heartbeat");
    private final ScheduledThreadPoolExecutor publisher = daemon("driftguard-publish");
    private final List<Publication> publications = new CopyOnWriteArrayList<>();
    private final AtomicBoolean hookInstalled = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();

    /** An agent whose threads start with the first publication. */
    public RegistryAgent() {
    }

    private static ScheduledThreadPoolExecutor daemon(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** Starts heartbeating and publishing {@code publication} now and every {@code seconds} after. */
    public void start(Publication publication, int seconds) {
        if (stopped.get()) {
            return;
        }
        if (hookInstalled.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "driftguard-shutdown"));
        }
        publications.add(publication);
        // at a fixed rate: liveness keeps its rhythm even when one heartbeat took long
        heartbeat.scheduleAtFixedRate(publication::beat, 0, seconds, TimeUnit.SECONDS);
        publisher.scheduleWithFixedDelay(publication::publish, 0, seconds, TimeUnit.SECONDS);
    }

    /** Publishes a last time and marks every instance of this process stopped; later calls do nothing. */
    public void shutdown() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_MILLIS);
        heartbeat.shutdown();
        publisher.shutdown();
        Thread last = new Thread(() -> publications.forEach(publication -> publication.stop(deadline)),
                "driftguard-stop");
        last.setDaemon(true);
        last.start();
        try {
            last.join(SHUTDOWN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (last.isAlive()) {
            LOG.warn("driftguard: the registry did not answer within {} ms at shutdown; instances not marked stopped "
                    + "leave the live view when their TTL runs out", SHUTDOWN_MILLIS);
        }
    }
}
