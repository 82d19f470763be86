package dev.driftguard;

import dev.driftguard.internal.base.ConnectionSource;
import dev.driftguard.internal.jdbc.ConnectionWrapper;
import dev.driftguard.internal.jdbc.DdlInterceptor;
import dev.driftguard.internal.config.Environment;
import dev.driftguard.internal.base.JdbcUrls;
import dev.driftguard.internal.base.Log;
import dev.driftguard.internal.jdbc.RealDrivers;
import dev.driftguard.internal.config.Settings;
import dev.driftguard.internal.jdbc.StatementListener;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.guard.Guard;
import dev.driftguard.internal.registry.KeptConnection;
import dev.driftguard.internal.registry.Publication;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.internal.registry.RegistryAgent;
import dev.driftguard.internal.sql.JdbcCatalog;
import dev.driftguard.internal.usage.MigrationScope;
import dev.driftguard.internal.usage.ShapeParser;
import dev.driftguard.internal.usage.UsageRecorder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * What one process shares across all its driftguard connections: the environment, the background parser, and one
 * recording per (database, application, version). Owned by the registered driver.
 */
final class DriftGuardRuntime {

    private static final Log LOG = Log.of(DriftGuardRuntime.class);
    private static final int PARSER_QUEUE = 1024;
    private static final long PARSE_TIMEOUT_MILLIS = 2_000;
    private static final int MAXIMUM_SHAPES = 10_000;

    private final Environment environment = Environment.ofThisProcess();
    private final ShapeParser parser = new ShapeParser(PARSER_QUEUE, PARSE_TIMEOUT_MILLIS);
    private final ConcurrentMap<Key, Recording> recordings = new ConcurrentHashMap<>();
    private final RegistryAgent agent = new RegistryAgent();
    private final MigrationScope migrations = new MigrationScope();

    Environment environment() {
        return environment;
    }

    /** The migrations running in this process now, whose statements are not recorded. */
    MigrationScope migrations() {
        return migrations;
    }

    /** One status per recording, in no particular order. */
    List<DriftGuardStatus> status() {
        List<DriftGuardStatus> all = new ArrayList<>();
        for (Recording recording : recordings.values()) {
            all.add(recording.status());
        }
        return all;
    }

    /**
     * Stops publishing: a last heartbeat, then every instance of this process marked stopped; then the registry
     * connections kept for the guards go.
     */
    void shutdown() {
        try {
            agent.shutdown();
        } finally {
            recordings.values().forEach(recording -> recording.registryConnection.close());
        }
    }

    /**
     * The recording for connections to {@code realUrl} with these settings, created on first use, for the life of
     * the process (the driver's and the agent's connections).
     *
     * @param databaseSource plain connections to the application's database, for its catalog and, by default, the registry
     * @param credentials user and password for a separate registry database
     */
    Recording recording(String realUrl, Settings settings, ConnectionSource databaseSource,
                        Properties credentials) throws SQLException {
        return attach(realUrl, settings, databaseSource, credentials, recording -> recording.heldForLife = true);
    }

    /** The recording for {@code owner}'s connections, held until {@link #closed} says it is closed. */
    Recording recording(DriftGuardDataSource owner, String realUrl, Settings settings, ConnectionSource databaseSource)
            throws SQLException {
        return attach(realUrl, settings, databaseSource, new Properties(), recording -> recording.owners.add(owner));
    }

    private Recording attach(String realUrl, Settings settings, ConnectionSource databaseSource, Properties credentials,
                             Consumer<Recording> holder) throws SQLException {
        String unstorable = settings.record() ? settings.unstorable() : null;
        if (unstorable != null) {
            // refused at start, like any invalid connection property: a deploy fails visibly, not a migration later
            throw new SQLException("driftguard: " + unstorable, "08001");
        }
        Key key = new Key(realUrl, settings.app(), settings.version(), settings.record(), settings.guard());
        // in the map's lock for the key: a data source closing at the same time cannot stop it under a new holder
        Recording recording = recordings.compute(key, (k, existing) -> {
            Recording held = existing == null ? new Recording(k, settings, databaseSource, credentials) : existing;
            holder.accept(held);
            return held;
        });
        recording.database.follow(databaseSource);
        return recording;
    }

    /**
     * {@code owner} is closing, its database still open: when it was the last holder of its recording, the
     * recording publishes a last time and its instance is marked stopped now, not at the JVM's exit, when the pool
     * it reaches the registry through is closed already. A later data source starts a new recording.
     */
    void closed(DriftGuardDataSource owner, Recording recording) {
        boolean[] last = {false};
        recordings.computeIfPresent(recording.key, (key, current) -> {
            if (current != recording || !current.owners.remove(owner) || !current.owners.isEmpty()
                    || current.heldForLife) {
                return current;
            }
            last[0] = true;
            return null;
        });
        if (last[0]) {
            recording.stop();
        }
    }

    /**
     * The database as the newest connection to it was opened: a pool a recording was first created for may have
     * been closed since (a Spring context closed and started again in the same JVM), while the recording lives on.
     */
    private static final class NewestSource implements ConnectionSource {
        private volatile ConnectionSource newest;

        void follow(ConnectionSource source) {
            newest = Objects.requireNonNull(source, "connection source");
        }

        @Override
        public Connection open() throws SQLException {
            return newest.open();
        }

        @Override
        public boolean keepable() {
            return newest.keepable();
        }
    }

    /** The wrapper and recorder of one (database, application, version). */
    final class Recording {
        final UsageRecorder recorder;
        final ConnectionWrapper wrapper;
        /** Plain connections to the application's database: its catalog and, by default, the registry. */
        private final NewestSource database = new NewestSource();
        private final Key key;
        /** The open data sources recorded here; a recording of the driver or the agent is held for life instead. */
        private final Set<DriftGuardDataSource> owners = ConcurrentHashMap.newKeySet();
        /** Read and written only in the recordings map's lock for its key. */
        private boolean heldForLife;
        private final String instanceId;
        private final Instant since = Instant.now();
        /** Null where DDL is not guarded ({@code driftguard.guard=off}, a registry driftguard cannot hold). */
        private final Guard guard;
        /** Null where usage is not published (not recorded, or a registry driftguard cannot hold). */
        private final Publication publication;
        /** Shared by the guard and the publication: one registry connection per recording, not one per use. */
        private final KeptConnection registryConnection;

        Recording(Key key, Settings settings, ConnectionSource first, Properties credentials) {
            this.key = key;
            this.instanceId = settings.instance();
            database.follow(first);
            Dialect dialect = Dialect.ofUrl(key.realUrl);
            JdbcCatalog catalog = new JdbcCatalog(database, dialect);
            String registryUrl = settings.registryUrl() == null ? key.realUrl : settings.registryUrl();
            ConnectionSource registry = settings.registryUrl() == null ? database
                    : separateRegistry(registryUrl, credentials, settings);
            ConnectionSource registrySource = JdbcUrls.inProcess(registryUrl) ? ConnectionSource.notKept(registry)
                    : registry;
            this.recorder = key.record ? new UsageRecorder(dialect, catalog, parser, MAXIMUM_SHAPES, migrations) : null;
            StatementListener listener = recorder == null ? StatementListener.NONE : recorder;
            this.registryConnection = new KeptConnection(registrySource);
            this.guard = guard(settings, dialect, catalog, registryUrl);
            this.wrapper = new ConnectionWrapper(dialect.lexer(), listener, guard == null ? DdlInterceptor.NONE : guard);
            this.publication = recorder == null ? null : publish(key, settings, registryUrl, catalog);
        }

        /** Publishes a last time and marks the instance stopped, then lets the registry connection go. */
        private void stop() {
            try {
                if (publication != null) {
                    agent.stop(publication);
                }
            } finally {
                registryConnection.close();
            }
        }

        /** What this recording has done so far, without waiting for any of its threads. */
        DriftGuardStatus status() {
            long lastBeat = publication == null ? 0 : publication.lastHeartbeatMillis();
            return new DriftGuardStatus(key.app, key.version, instanceId, JdbcUrls.mask(key.realUrl), since,
                    publication == null ? null : publication.registryReachable(),
                    lastBeat == 0 ? null : Instant.ofEpochMilli(lastBeat),
                    publication == null ? 0 : publication.unpublishedKeys(),
                    Duration.ofMillis(publication == null ? 0 : publication.publicationLagMillis()),
                    publication == null ? 0 : publication.registryErrors(),
                    recorder == null ? 0 : recorder.shapes(), recorder == null ? 0 : recorder.unparseable(),
                    recorder == null ? 0 : recorder.droppedParses(), parser.queuedShapes(),
                    guard == null ? 0 : guard.refusals(), guard == null ? List.of() : guard.recentRefusals());
        }

        /** A registry of its own is connected to with bounds: its host may hang while the application's does not. */
        private ConnectionSource separateRegistry(String registryUrl, Properties credentials, Settings settings) {
            Properties bounded;
            try {
                bounded = Registry.forUrl(registryUrl).withTimeout(Math.min(settings.guardTimeoutSeconds(),
                        Publication.statementSeconds(settings.ttlSeconds()))).boundedConnecting(credentials);
            } catch (IllegalArgumentException unsupported) {
                bounded = credentials; // reported where the registry is first used
            }
            Properties properties = bounded;
            return () -> RealDrivers.find(registryUrl, null).connect(registryUrl, properties);
        }

        private Guard guard(Settings settings, Dialect dialect, JdbcCatalog catalog, String registryUrl) {
            if (settings.guard() == Settings.GuardMode.OFF) {
                return null;
            }
            try {
                return new Guard(settings, dialect, catalog, registryUrl, registryConnection, parser.watchdog(),
                        PARSE_TIMEOUT_MILLIS);
            } catch (IllegalArgumentException unsupported) {
                LOG.warn("driftguard: DDL of {} {} is not guarded: {}. Set {} to such a database.", settings.app(),
                        settings.version(), unsupported.getMessage(), Settings.REGISTRY_URL);
                return null;
            }
        }

        private Publication publish(Key key, Settings settings, String registryUrl, JdbcCatalog catalog) {
            try {
                Publication started = new Publication(registryUrl, registryConnection, catalog, recorder,
                        settings.instance(), key.app, key.version, settings.ttlSeconds(),
                        settings.manifestOut());
                agent.start(started, settings.heartbeatSeconds());
                return started;
            } catch (IllegalArgumentException unsupported) {
                LOG.warn("driftguard: usage of {} {} is recorded but not published: {}. Set {} to such a database.",
                        key.app, key.version, unsupported.getMessage(), Settings.REGISTRY_URL);
                return null;
            }
        }
    }

    private static final class Key {
        final String realUrl;
        final String app;
        final String version;
        final boolean record;
        final Settings.GuardMode guard;

        Key(String realUrl, String app, String version, boolean record, Settings.GuardMode guard) {
            this.realUrl = realUrl;
            this.app = app;
            this.version = version;
            this.record = record;
            this.guard = guard;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Key)) {
                return false;
            }
            Key that = (Key) other;
            return realUrl.equals(that.realUrl) && app.equals(that.app) && version.equals(that.version)
                    && record == that.record && guard == that.guard;
        }

        @Override
        public int hashCode() {
            return Objects.hash(realUrl, app, version, record, guard);
        }
    }
}
