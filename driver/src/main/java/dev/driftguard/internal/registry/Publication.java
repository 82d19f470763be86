package dev.driftguard.internal.registry;

import dev.driftguard.internal.base.ConnectionSource;
import dev.driftguard.internal.base.JdbcUrls;
import dev.driftguard.internal.base.Log;
import dev.driftguard.internal.sql.Access;
import dev.driftguard.internal.sql.Catalog;
import dev.driftguard.internal.sql.ColumnUse;
import dev.driftguard.internal.usage.DriftIncident;
import dev.driftguard.internal.usage.ShapeCount;
import dev.driftguard.internal.usage.UsageRecorder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What one application version in this process tells one registry, and what it has not been able to tell yet.
 * Two duties on two threads, so that neither can hold the other up: {@link #beat()} says the instance is alive
 * (one short statement), {@link #publish()} writes keys first seen since the last publication; counts and
 * last-seen times are flushed every {@link #COUNT_FLUSH_CYCLES} publications. Every registry statement runs
 * under a timeout; a publication that times out (a lock held on a registry table) is rolled back, kept and
 * retried, while heartbeats go on. While the registry is unreachable everything stays in memory and goes out
 * when it is back.
 */
public final class Publication {

    /** Counts ride along with new keys anyway; on their own they go out every this many publications. */
    static final int COUNT_FLUSH_CYCLES = 30;
    /** Beyond this many keys with unpublished counts, counts of already published keys are dropped first. */
    static final int MAX_PENDING = 100_000;
    /** Drift incidents waiting for the registry beyond this many wait in the recorder (itself bounded). */
    static final int MAX_INCIDENTS = 1_000;
    /** The longest one registry statement of a publication or heartbeat may take. */
    static final int MAX_STATEMENT_SECONDS = 5;

    private static final Log LOG = Log.of(Publication.class);

    private final Registry registry;
    private final String registryUrl;
    private final KeptConnection registryConnection;
    private final UsageRecorder recorder;
    private final Catalog jdbcCatalog;
    private final Instance instance;
    /** Where the usage recorded here is also written as a manifest; null when nowhere. */
    private final ManifestFile manifest;

    /** Held by whichever thread says the instance is alive: the heartbeat thread, or the one stopping it. */
    private final ReentrantLock beating = new ReentrantLock();
    private boolean registered;
    /** The registry's schema version, learned at registration (a registry this process could not upgrade may be old). */
    private volatile int schema;
    private boolean warnedHeld;
    private boolean installFailed;
    private boolean beatFailing;
    /** Set once the registry is known to be there: publications wait for it, so that the first one finds it created. */
    private volatile boolean everRegistered;

    /** What {@link #beat()} and {@link #publish()} last saw, for status pages and meters; written by those threads. */
    private volatile Boolean reachable;
    private volatile long lastBeatMillis;
    private volatile int unpublishedKeys;
    private volatile long caughtUpMillis = System.currentTimeMillis();
    private final LongAdder registryErrors = new LongAdder();

    /** Held by whichever thread publishes: the publishing thread, or the one stopping the instance. */
    private final ReentrantLock publishing = new ReentrantLock();
    private final Set<UsageKey> published = new HashSet<>();
    private final Map<UsageKey, Long> pending = new TreeMap<>();
    private final List<DriftIncident> pendingIncidents = new ArrayList<>();
    private Set<UsageKey> knownToVersion;
    private boolean warnedNoVia;
    private String catalog;
    private boolean publishFailing;
    private int cycle;
    private boolean warnedDroppedCounts;

    /**
     * @param registrySource connections to the registry database
     * @param catalogOf the application database's catalog: its name, and whether earlier usage still exists
     */
    public Publication(String registryUrl, ConnectionSource registrySource,
                       Catalog catalogOf, UsageRecorder recorder,
                       String instanceId, String app, String version, int ttlSeconds) {
        this(registryUrl, new KeptConnection(registrySource), catalogOf, recorder, instanceId, app, version, ttlSeconds,
                null);
    }

    /**
     * @param registryConnection the recording's registry connection, which its guard shares; closed at {@link #stop}
     * @param manifestOut the file the recorded usage is also written to as a manifest, at every publication; or null
     */
    public Publication(String registryUrl, KeptConnection registryConnection,
                       Catalog catalogOf, UsageRecorder recorder,
                       String instanceId, String app, String version, int ttlSeconds, String manifestOut) {
        this.manifest = manifestOut == null ? null : new ManifestFile(manifestOut);
        this.registry = Registry.forUrl(registryUrl).withTimeout(statementSeconds(ttlSeconds));
        this.registryUrl = registryUrl;
        this.registryConnection = registryConnection;
        this.recorder = recorder;
        this.jdbcCatalog = catalogOf;
        this.instance = new Instance(instanceId, app, version, host(instanceId), ProcessHandle.current().pid(), ttlSeconds);
    }

    /**
     * How long one registry statement of an instance with this TTL may take: a heartbeat must end well before the
     * TTL does, so that a retry can still keep the instance live.
     */
    public static int statementSeconds(int ttlSeconds) {
        return Math.max(1, Math.min(MAX_STATEMENT_SECONDS, ttlSeconds / 3));
    }

    /** One heartbeat and one publication, in that order: for callers that keep their own schedule. Never throws. */
    public void cycle() {
        beat();
        publish();
    }

    /** Registers the instance, or says it is still alive. Never throws. */
    public void beat() {
        beating.lock();
        try {
            onRegistry(this::beatOn);
            reachable = Boolean.TRUE;
            lastBeatMillis = System.currentTimeMillis();
            if (beatFailing) {
                LOG.info("driftguard: the registry at {} is reachable again; usage recorded meanwhile is published",
                        JdbcUrls.mask(registryUrl));
                beatFailing = false;
            }
        } catch (SQLException | RuntimeException e) {
            reachable = Boolean.FALSE;
            registryErrors.increment();
            if (!beatFailing) {
                LOG.warn("driftguard: cannot reach the registry at {} ({}); usage is kept in memory and published when "
                        + "it is back. Application statements are not affected.", JdbcUrls.mask(registryUrl), e.getMessage());
                beatFailing = true;
            }
        } finally {
            beating.unlock();
        }
    }

    private void beatOn(Connection connection) throws SQLException {
        if (!registered) {
            register(connection);
        } else {
            Registry.Beat beat = registry.heartbeat(connection, instance,
                    schema >= RegistryDialect.STATEMENT_SHAPES_SINCE ? recorder.shapes() : null, schema);
            if (beat == Registry.Beat.UNKNOWN) {
                registered = false; // the row is gone (registry recreated): register again
                register(connection);
            } else if (beat == Registry.Beat.REVIVED) {
                LOG.warn("driftguard: instance {} of {} {} was marked stopped while it runs (retire?); it is live "
                        + "again. Stop the process to take it out of the live view.", instance.id, instance.app,
                        instance.version);
            }
        }
    }

    /**
     * Runs {@code work} on the kept registry connection. One the registry dropped since its last use (restarted, or
     * idle sessions ended) fails its first statement: the work then runs once more, on a new connection, so that a
     * restarted registry costs no heartbeat. Only for work that may run twice (registering, a heartbeat).
     */
    private void onRegistry(Registry.Work work) throws SQLException {
        try (Registry.Session session = registry.open(registryConnection, false)) {
            try {
                work.on(session.connection());
                session.completed();
                return;
            } catch (SQLException | RuntimeException e) {
                if (!session.reused() || session.alive()) {
                    throw e;
                }
            }
        }
        try (Registry.Session session = registry.open(registryConnection, false)) {
            work.on(session.connection());
            session.completed();
        }
    }

    /** Publishes what is new since the last publication (and every count, every few). Never throws. */
    public void publish() {
        publishing.lock();
        try {
            publishNow();
            countUnpublished();
            writeManifest();
        } finally {
            publishing.unlock();
        }
    }

    private void publishNow() {
        collect();
        if (!everRegistered) {
            return; // the heartbeat creates the registry first; until then everything waits here
        }
        boolean flushCounts = ++cycle % COUNT_FLUSH_CYCLES == 0;
        List<Map.Entry<UsageKey, Long>> batch = new ArrayList<>();
        for (Map.Entry<UsageKey, Long> entry : pending.entrySet()) {
            if (flushCounts || !published.contains(entry.getKey())) {
                batch.add(new AbstractMap.SimpleImmutableEntry<>(entry));
            }
        }
        if (pendingIncidents.size() < MAX_INCIDENTS) {
            pendingIncidents.addAll(recorder.drainIncidents());
        }
        if (batch.isEmpty() && pendingIncidents.isEmpty() && (knownToVersion != null || catalog == null)) {
            return; // a quiet instance costs the registry its heartbeat and nothing else
        }
        try (Registry.Session session = registry.open(registryConnection, true)) {
            Connection connection = session.connection();
            if (knownToVersion == null && catalog != null) {
                knownToVersion = registry.keysOf(connection, instance.app, instance.version, schema);
                checkEarlierUsageStillExists();
            }
            if (!batch.isEmpty()) {
                if (!registry.publish(connection, instance.app, instance.version, batch, schema) && !warnedNoVia) {
                    warnedNoVia = true;
                    LOG.warn("driftguard: the registry at {} was upgraded, and this application's role may not yet "
                            + "call driftguard's newer routine: usage is published without the views and routines "
                            + "it is reached through. Run: java -jar driftguard-cli.jar install --url {} --app-role "
                            + "<this role>", JdbcUrls.mask(registryUrl), JdbcUrls.mask(registryUrl));
                }
                for (Map.Entry<UsageKey, Long> entry : batch) {
                    announce(entry.getKey());
                    published.add(entry.getKey());
                    // only what went out: counts of keys published before wait for the next flush
                    pending.remove(entry.getKey());
                }
            }
            if (!pendingIncidents.isEmpty()) {
                registry.recordIncidents(connection, instance, catalog(), pendingIncidents, schema);
                pendingIncidents.clear(); // kept, and retried, until written
            }
            session.completed();
            if (publishFailing) {
                LOG.info("driftguard: usage is published to the registry at {} again", JdbcUrls.mask(registryUrl));
                publishFailing = false;
            }
        } catch (SQLException | RuntimeException e) {
            registryErrors.increment();
            if (!publishFailing) {
                LOG.warn("driftguard: publishing usage to the registry at {} did not complete ({}); it is kept in memory "
                        + "and retried. Heartbeats go on; application statements are not affected.",
                        JdbcUrls.mask(registryUrl), e.getMessage());
                publishFailing = true;
            }
        }
    }

    /** Whether this publication also writes a manifest. */
    boolean writesManifest() {
        return manifest != null;
    }

    /** Whatever the registry did: a manifest is written with or without one. */
    private void writeManifest() {
        if (manifest == null || catalog == null) {
            return;
        }
        manifest.write(instance.app, instance.version, catalog, published.size() + unpublishedKeys, () -> {
            Set<UsageKey> keys = new HashSet<>(published);
            keys.addAll(pending.keySet());
            return keys;
        }, recorder.shapes());
    }

    private void countUnpublished() {
        int unpublished = 0;
        for (UsageKey key : pending.keySet()) {
            if (!published.contains(key)) {
                unpublished++;
            }
        }
        unpublishedKeys = unpublished;
        if (unpublished == 0) {
            caughtUpMillis = System.currentTimeMillis();
        }
    }

    /** Whether the last heartbeat reached the registry; null before the first one ended. */
    public Boolean registryReachable() {
        return reachable;
    }

    /** When the registry last answered a heartbeat (this host's clock, epoch milliseconds); 0 if never. */
    public long lastHeartbeatMillis() {
        return lastBeatMillis;
    }

    /** Statement uses seen but not yet in the registry. */
    public int unpublishedKeys() {
        return unpublishedKeys;
    }

    /** Milliseconds since the registry last held every use seen (checked at each publication); 0 while it does. */
    public long publicationLagMillis() {
        return unpublishedKeys == 0 ? 0 : Math.max(0, System.currentTimeMillis() - caughtUpMillis);
    }

    /** Heartbeats and publications the registry did not complete, since the start. */
    public long registryErrors() {
        return registryErrors.sum();
    }

    /**
     * A last publication with every count, then the instance marked stopped. Gives up without waiting once
     * {@code deadlineNanos} ({@link System#nanoTime()}) has passed: the caller abandons this thread then, and an
     * instance not marked stopped leaves the live view when its TTL runs out.
     */
    public void stop(long deadlineNanos) {
        try {
            stopWithin(deadlineNanos);
        } finally {
            registryConnection.close(); // what is still lent out is closed when given back
        }
    }

    private void stopWithin(long deadlineNanos) {
        awaitParser(deadlineNanos);
        try {
            if (publishing.tryLock(remaining(deadlineNanos), TimeUnit.NANOSECONDS)) {
                try {
                    collect(); // the manifest first: it needs no registry, which may take what time is left
                    countUnpublished();
                    writeManifest();
                    cycle = COUNT_FLUSH_CYCLES - 1; // the last publication flushes counts too
                    publishNow();
                } finally {
                    publishing.unlock();
                }
            }
            if (!beating.tryLock(remaining(deadlineNanos), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try (Registry.Session session = registry.open(registryConnection, true)) {
            if (registered) {
                registry.stop(session.connection(), instance, schema);
            }
            session.completed();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("driftguard: could not mark instance {} stopped ({}); it leaves the live view after {} s",
                    instance.id, e.getMessage(), instance.ttlSeconds);
        } finally {
            beating.unlock();
        }
        LOG.info("driftguard: {} {} stops: {} statement shapes recorded, {} not readable (docs/limitations.md), "
                + "{} parses turned away by a full parser queue", instance.app, instance.version, recorder.shapes(),
                recorder.unparseable(), recorder.droppedParses());
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    /**
     * A short-lived process (a batch job, a migration) may end before the parser has read its last statements;
     * they are given half of what is left, so that what the process did is published.
     */
    private void awaitParser(long deadlineNanos) {
        long until = System.nanoTime() + remaining(deadlineNanos) / 2;
        while (recorder.pending() > 0 && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }

    /** Moves what the recorder counted since the last cycle into the pending map. */
    private void collect() {
        if (catalog == null && (catalog = jdbcCatalog.databaseName()) == null) {
            return; // counts stay in the recorder until the database's name is known
        }
        for (ShapeCount count : recorder.drain()) {
            if (count.executions() == 0 && allPublished(count)) {
                continue;
            }
            // a column the statement uses both itself and through a view or routine is one key, counted once
            Set<UsageKey> keys = new java.util.LinkedHashSet<>();
            for (ColumnUse use : count.usage().columns()) {
                keys.add(UsageKey.of(catalog, use));
            }
            for (UsageKey key : keys) {
                if (pending.containsKey(key) || pending.size() < MAX_PENDING || !published.contains(key)) {
                    pending.merge(key, count.executions(), Long::sum);
                } else if (!warnedDroppedCounts) {
                    // a key never goes; a count may, when memory is short
                    warnedDroppedCounts = true;
                    LOG.warn("driftguard: more than {} columns wait for the registry; their use counts are dropped "
                            + "until it answers (the columns themselves are kept)", MAX_PENDING);
                }
            }
        }
    }

    private boolean allPublished(ShapeCount count) {
        for (ColumnUse use : count.usage().columns()) {
            if (!published.contains(UsageKey.of(catalog, use))) {
                return false;
            }
        }
        return true;
    }

    private void register(Connection connection) throws SQLException {
        if (!installFailed) {
            try {
                registry.install(connection);
            } catch (SQLException e) {
                installFailed = true;
                LOG.warn("driftguard: cannot create or upgrade the registry in {} ({}). Ask someone allowed to create "
                        + "tables there to run: java -jar driftguard-cli.jar install --url {}", JdbcUrls.mask(registryUrl),
                        e.getMessage(), JdbcUrls.mask(registryUrl));
            }
        }
        schema = registry.version(connection);
        if (schema == 0 && installFailed) {
            return; // said once, with what to do; registers as soon as someone has installed the registry
        }
        if (!registry.register(connection, instance, schema)) {
            if (!warnedHeld) {
                warnedHeld = true;
                LOG.warn("driftguard: another live process has registered as instance {} of {} {}; this one registers "
                        + "when that one has stopped or expired. Give each process its own {}.", instance.id,
                        instance.app, instance.version, dev.driftguard.internal.config.Settings.INSTANCE);
            }
            everRegistered = true; // the registry is there: usage belongs to the version and goes out all the same
            return;
        }
        registered = true;
        everRegistered = true;
    }

    /** At start: whatever earlier instances of this version used must still be there; what is not is drift. */
    private void checkEarlierUsageStillExists() {
        for (UsageKey key : knownToVersion) {
            if (!catalog().equals(key.catalog) || ColumnUse.ALL.equals(key.column)) {
                continue;
            }
            Map<String, String> columns = jdbcCatalog.columns(key.schema.isEmpty() ? null : key.schema, key.table);
            boolean tableGone = columns == null;
            if (key.access == Access.CALL) { // a routine: is it still there?
                tableGone = jdbcCatalog.routineBodies(key.schema.isEmpty() ? null : key.schema, key.table).isEmpty();
                columns = Map.of();
            }
            if (tableGone || (!ColumnUse.TABLE.equals(key.column)
                    && !columns.containsKey(key.column.toLowerCase(java.util.Locale.ROOT)))) {
                DriftIncident incident = new DriftIncident(DriftIncident.Kind.MISSING_AT_START, key.schema, key.table,
                        tableGone ? null : key.column);
                pendingIncidents.add(incident);
                LOG.warn("driftguard: {} {} used {} before, but {}: this version will fail where it uses it",
                        instance.app, instance.version, key.table + (ColumnUse.TABLE.equals(key.column) ? "" : "." + key.column),
                        incident);
            }
        }
    }

    private String catalog() {
        return catalog == null ? "" : catalog;
    }

    /** Once per process, the first time this version uses something no earlier instance of it used. */
    private void announce(UsageKey key) {
        if (knownToVersion != null && knownToVersion.add(key)) {
            LOG.info("driftguard: {} {} now {}", instance.app, instance.version, key.describe());
        }
    }

    private static String host(String instanceId) {
        int colon = instanceId.indexOf(':');
        return colon > 0 ? instanceId.substring(0, colon) : instanceId;
    }
}
