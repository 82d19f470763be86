package dev.driftguard.internal.registry;

import dev.driftguard.internal.base.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The registry threads of a process: one says every instance is alive, one publishes usage, each
 * {@link Publication} on both at its own interval, so that a publication held up by the registry never delays a
 * heartbeat. A JVM shutdown hook (or {@link #shutdown()}) publishes a last time and marks the instances stopped,
 * and waits for that at most {@link #SHUTDOWN_MILLIS}; {@link #stop(Publication)} does the same for one.
 */
public final class RegistryAgent {

    private static final Log LOG = Log.of(RegistryAgent.class);
    /** The longest a JVM exit (or {@link #shutdown()}) waits for the registry. */
    static final long SHUTDOWN_MILLIS = 1_000;
    /**
     * The longest it waits when a publication writes a manifest: a test JVM often ends right after its last new
     * statement, whose first parse in a fresh JVM can take longer than a second, and a manifest that misses it is
     * wrong. Only test and build runs set a manifest, so only their exit can take longer.
     */
    static final long MANIFEST_SHUTDOWN_MILLIS = 5_000;

    private final ScheduledThreadPoolExecutor heartbeat = daemon("driftguard-heartbeat");
    private final ScheduledThreadPoolExecutor publisher = daemon("driftguard-publish");
    /** Each publication with its heartbeat and publishing tasks. */
    private final Map<Publication, List<Future<?>>> publications = new ConcurrentHashMap<>();
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
        // Registered at once, then at a random phase of the period: instances a rolling deploy starts together do
        // not beat together. At a fixed rate: liveness keeps its rhythm even when one heartbeat took long.
        long periodMillis = TimeUnit.SECONDS.toMillis(seconds);
        publications.put(publication, List.of(
                heartbeat.submit(publication::beat),
                heartbeat.scheduleAtFixedRate(publication::beat, phaseMillis(periodMillis), periodMillis,
                        TimeUnit.MILLISECONDS),
                publisher.submit(publication::publish),
                publisher.scheduleWithFixedDelay(publication::publish, phaseMillis(periodMillis), periodMillis,
                        TimeUnit.MILLISECONDS)));
    }

    /** When, after registering, the periodic work first runs: anywhere in the first period, never later. */
    static long phaseMillis(long periodMillis) {
        return 1 + ThreadLocalRandom.current().nextLong(periodMillis);
    }

    /**
     * Stops heartbeating and publishing {@code publication} before the process ends (its database is about to
     * close): a last publication, then its instance marked stopped, waiting at most {@link #SHUTDOWN_MILLIS}.
     */
    public void stop(Publication publication) {
        List<Future<?>> tasks = publications.remove(publication);
        if (tasks == null) {
            return; // stopped already, or by the shutdown hook
        }
        tasks.forEach(task -> task.cancel(false));
        stopWithin(List.of(publication));
    }

    /** Publishes a last time and marks every instance of this process stopped; later calls do nothing. */
    public void shutdown() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        heartbeat.shutdown();
        publisher.shutdown();
        List<Publication> all = new ArrayList<>();
        for (Publication publication : publications.keySet()) {
            if (publications.remove(publication) != null) { // not being stopped by stop(publication) meanwhile
                all.add(publication);
            }
        }
        stopWithin(all);
    }

    /**
     * On a thread of its own, abandoned after {@link #SHUTDOWN_MILLIS} (or {@link #MANIFEST_SHUTDOWN_MILLIS}): a hung
     * registry must not hold the caller.
     */
    private static void stopWithin(List<Publication> stopping) {
        long millis = stopping.stream().anyMatch(Publication::writesManifest) ? MANIFEST_SHUTDOWN_MILLIS : SHUTDOWN_MILLIS;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        Thread last = new Thread(() -> stopping.forEach(publication -> publication.stop(deadline)), "driftguard-stop");
        last.setDaemon(true);
        last.start();
        try {
            last.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (last.isAlive()) {
            LOG.warn("driftguard: the registry did not answer within {} ms as publishing stopped; instances not marked "
                    + "stopped leave the live view when their TTL runs out", millis);
        }
    }
}
