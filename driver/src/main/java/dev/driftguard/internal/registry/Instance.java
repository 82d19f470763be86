package dev.driftguard.internal.registry;

/** One running process of one application version, as the registry knows it. Immutable. */
final class Instance {

    final String id;
    final String app;
    final String version;
    final String host;
    final long pid;
    final int ttlSeconds;
    /**
     * A secret of this process: the registry keeps only its hash and lets only its holder say the instance is
     * alive or stopped, so that nobody else with the application's rights can hide it. One per process, since
     * publications of one process to several databases share their instance row. Never logged.
     */
    private static final String PROCESS_TOKEN = newToken();

    final String token = PROCESS_TOKEN;

    Instance(String id, String app, String version, String host, long pid, int ttlSeconds) {
        this.id = id;
        this.app = app;
        this.version = version;
        this.host = host;
        this.pid = pid;
        this.ttlSeconds = ttlSeconds;
    }

    private static String newToken() {
        byte[] secret = new byte[16];
        new java.security.SecureRandom().nextBytes(secret);
        StringBuilder hex = new StringBuilder();
        for (byte b : secret) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
