package dev.driftguard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What driftguard has done in this process for one application version on one database, as of the moment it was
 * taken ({@link DriftGuard#status()}): for status pages, health checks and meters. Immutable; identifiers and
 * counts only, never statement values.
 */
public final class DriftGuardStatus {

    private final String app;
    private final String version;
    private final String instance;
    private final String database;
    private final Instant since;
    private final Boolean registryReachable;
    private final Instant lastHeartbeat;
    private final long unpublishedUses;
    private final Duration publicationLag;
    private final long registryErrors;
    private final long shapes;
    private final long unreadableShapes;
    private final long droppedParses;
    private final int parseQueue;
    private final long refusals;
    private final List<String> recentRefusals;

    DriftGuardStatus(String app, String version, String instance, String database, Instant since,
                     Boolean registryReachable, Instant lastHeartbeat, long unpublishedUses, Duration publicationLag,
                     long registryErrors, long shapes, long unreadableShapes, long droppedParses, int parseQueue,
                     long refusals, List<String> recentRefusals) {
        this.app = app;
        this.version = version;
        this.instance = instance;
        this.database = database;
        this.since = since;
        this.registryReachable = registryReachable;
        this.lastHeartbeat = lastHeartbeat;
        this.unpublishedUses = unpublishedUses;
        this.publicationLag = publicationLag;
        this.registryErrors = registryErrors;
        this.shapes = shapes;
        this.unreadableShapes = unreadableShapes;
        this.droppedParses = droppedParses;
        this.parseQueue = parseQueue;
        this.refusals = refusals;
        this.recentRefusals = List.copyOf(recentRefusals);
    }

    /** The application name usage is recorded under ({@code driftguard.app}). */
    public String app() {
        return app;
    }

    /** The application version ({@code driftguard.version}). */
    public String version() {
        return version;
    }

    /** This process's instance id ({@code driftguard.instance}). */
    public String instance() {
        return instance;
    }

    /** The database's JDBC URL, with any password in it masked. */
    public String database() {
        return database;
    }

    /** When this process first connected to the database as this version (this host's clock). */
    public Instant since() {
        return since;
    }

    /** Whether the last heartbeat reached the registry; null before the first one ended or where nothing is published. */
    public Boolean registryReachable() {
        return registryReachable;
    }

    /** When the registry last answered a heartbeat (this host's clock); null if it never did. */
    public Instant lastHeartbeat() {
        return lastHeartbeat;
    }

    /** Table and column uses seen but not yet in the registry. */
    public long unpublishedUses() {
        return unpublishedUses;
    }

    /** How long the registry has not held every use seen; zero while it does. */
    public Duration publicationLag() {
        return publicationLag;
    }

    /** Heartbeats and publications the registry did not complete. */
    public long registryErrors() {
        return registryErrors;
    }

    /** Distinct statement shapes recorded. */
    public long shapes() {
        return shapes;
    }

    /** Shapes driftguard could not read (docs/limitations.md). */
    public long unreadableShapes() {
        return unreadableShapes;
    }

    /** New shapes turned away because the parser's queue was full; they are parsed when they run again. */
    public long droppedParses() {
        return droppedParses;
    }

    /** Shapes waiting for the process's parser thread now. */
    public int parseQueue() {
        return parseQueue;
    }

    /** DDL statements the guard refused ({@code ZDG01}) or could not decide on ({@code ZDG02}). */
    public long refusals() {
        return refusals;
    }

    /** The last few refusals, each its SQLState and message, newest last. */
    public List<String> recentRefusals() {
        return recentRefusals;
    }
}
