package dev.driftguard.registry;

/** One running process of one application version, as the registry knows it. Immutable. */
final class Instance {

    final String id;
    final String app;
    final String version;
    final String host;
    final long pid;
    final int ttlSeconds;

    Instance(String id, String app, String version, String host, long pid, int ttlSeconds) {
        this.id = id;
        this.app = app;
        this.version = version;
        this.host = host;
        this.pid = pid;
        this.ttlSeconds = ttlSeconds;
    }
}
