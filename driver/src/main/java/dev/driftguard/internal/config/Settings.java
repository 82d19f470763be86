package dev.driftguard.internal.config;

import dev.driftguard.internal.base.JdbcUrls;
import dev.driftguard.internal.base.Log;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * driftguard's settings for one connection, each looked up in the documented order: connection properties,
 * system property, environment variable, {@code driftguard.properties} on the class path, default.
 */
public final class Settings {

    /** Application name. */
    public static final String APP = "driftguard.app";
    /** Application version. */
    public static final String VERSION = "driftguard.version";
    /** Id of this running process. */
    public static final String INSTANCE = "driftguard.instance";
    /** Class name of the real JDBC driver. */
    public static final String DRIVER = "driftguard.driver";
    /** JDBC URL of the registry database. */
    public static final String REGISTRY_URL = "driftguard.registry.url";
    /** Seconds between heartbeats. */
    public static final String HEARTBEAT_SECONDS = "driftguard.heartbeat.seconds";
    /** Seconds after which a silent instance is no longer live. */
    public static final String TTL_SECONDS = "driftguard.ttl.seconds";
    /** enforce, warn or off. */
    public static final String GUARD = "driftguard.guard";
    /** on or off. */
    public static final String RECORD = "driftguard.record";
    /** Longest the guard waits for the registry before it answers ZDG02. */
    public static final String GUARD_TIMEOUT_SECONDS = "driftguard.guard.timeout.seconds";
    /** File the process writes its recorded usage to, as a manifest. */
    public static final String MANIFEST_OUT = "driftguard.manifest.out";
    /** run or refuse: what the Flyway callback does with a pending migration that is not SQL. */
    public static final String GUARD_JAVA_MIGRATIONS = "driftguard.guard.java.migrations";

    private static final List<String> KEYS = List.of(APP, VERSION, INSTANCE, DRIVER, REGISTRY_URL, HEARTBEAT_SECONDS,
            TTL_SECONDS, GUARD, RECORD, GUARD_TIMEOUT_SECONDS, MANIFEST_OUT, GUARD_JAVA_MIGRATIONS);

    private static final Log LOG = Log.of(Settings.class);
    /** What the registry's {@code app}, {@code version} and {@code instance_id} columns hold. */
    private static final int MAX_NAME_CHARS = 200;

    /** What the guard does with hazardous DDL. */
    public enum GuardMode { ENFORCE, WARN, OFF }

    /** What the Flyway callback does with a pending migration it cannot read: Java (JDBC) and other non-SQL ones. */
    public enum JavaMigrations {
        /** Logged as not checked, and run. */
        RUN,
        /** In enforce mode, stops the run as {@code ZDG02} (cannot decide) before anything executes. */
        REFUSE
    }

    private final String app;
    private final String version;
    private final String instance;
    private final String driver;
    private final String registryUrl;
    private final int heartbeatSeconds;
    private final int ttlSeconds;
    private final GuardMode guard;
    private final boolean record;
    private final int guardTimeoutSeconds;
    private final String manifestOut;
    private final JavaMigrations javaMigrations;

    private Settings(Properties connection, Environment environment) {
        Lookup lookup = new Lookup(connection, environment);
        this.app = lookup.withManifestDefault(APP, environment.manifestTitle(), "Implementation-Title");
        this.version = lookup.withManifestDefault(VERSION, environment.manifestVersion(), "Implementation-Version");
        this.instance = lookup.orDefault(INSTANCE, environment.instanceId());
        this.driver = lookup.orDefault(DRIVER, null);
        this.registryUrl = lookup.orDefault(REGISTRY_URL, null);
        this.heartbeatSeconds = lookup.seconds(HEARTBEAT_SECONDS, 10);
        this.ttlSeconds = lookup.seconds(TTL_SECONDS, 60);
        this.guard = lookup.choice(GUARD, GuardMode.class, GuardMode.ENFORCE);
        this.record = lookup.choice(RECORD, OnOff.class, OnOff.ON) == OnOff.ON;
        this.guardTimeoutSeconds = lookup.seconds(GUARD_TIMEOUT_SECONDS, 5);
        String manifest = lookup.orDefault(MANIFEST_OUT, null);
        // several test JVMs (Surefire forks) given one setting must not write one file
        this.manifestOut = manifest == null ? null : manifest.replace("{pid}", Long.toString(ProcessHandle.current().pid()));
        this.javaMigrations = lookup.choice(GUARD_JAVA_MIGRATIONS, JavaMigrations.class, JavaMigrations.RUN);
    }

    /** Resolves every setting for a connection opened with {@code connection} properties (may be null). */
    public static Settings resolve(Properties connection, Environment environment) {
        return new Settings(connection == null ? new Properties() : connection, environment);
    }

    /** Every setting key, in the documented order. */
    public static List<String> keys() {
        return KEYS;
    }

    /** Whether {@code key} is one of driftguard's own settings (never passed on to the real driver). */
    public static boolean isSettingKey(Object key) {
        return key instanceof String && ((String) key).startsWith("driftguard.");
    }

    /** Application name, {@code unknown} if none could be found. */
    public String app() {
        return app;
    }

    /** Application version, {@code unknown} if none could be found. */
    public String version() {
        return version;
    }

    /** Id of this running process. */
    public String instance() {
        return instance;
    }

    /** Class name of the real driver, or null to find it by URL. */
    public String driver() {
        return driver;
    }

    /** Registry JDBC URL, or null for the connection's own database. */
    public String registryUrl() {
        return registryUrl;
    }

    /** Seconds between heartbeats. */
    public int heartbeatSeconds() {
        return heartbeatSeconds;
    }

    /** Seconds of silence after which an instance is not live. */
    public int ttlSeconds() {
        return ttlSeconds;
    }

    /** Seconds the guard waits for the registry (and the catalog) before it answers that it cannot decide. */
    public int guardTimeoutSeconds() {
        return guardTimeoutSeconds;
    }

    /** File the recorded usage is written to as a manifest ({@code {pid}} replaced), or null for none. */
    public String manifestOut() {
        return manifestOut;
    }

    /** What the Flyway callback does with a pending migration that is not SQL. */
    public JavaMigrations javaMigrations() {
        return javaMigrations;
    }

    /** Guard mode. */
    public GuardMode guard() {
        return guard;
    }

    /** Whether usage is recorded. */
    public boolean record() {
        return record;
    }

    /**
     * Why the registry cannot hold this process's names — one longer than its 200 characters, or with a NUL —
     * and what to do; null when it can. Refused at start rather than cut: a cut name would merge versions.
     */
    public String unstorable() {
        String[][] names = {{APP, app}, {VERSION, version}, {INSTANCE, instance}};
        for (String[] name : names) {
            String value = name[1];
            String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
            if (value.length() > MAX_NAME_CHARS) {
                return name[0] + " is " + value.length() + " characters long (" + shown.replace('\0', '\uFFFD')
                        + "); the registry holds at most " + MAX_NAME_CHARS + ". Set a shorter " + name[0] + ".";
            }
            if (value.indexOf('\0') >= 0) {
                return name[0] + " contains a NUL character, which no registry database can store. Set "
                        + name[0] + " without it.";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Settings[app=" + app + ", version=" + version + ", instance=" + instance + ", guard="
                + guard.name().toLowerCase(Locale.ROOT) + ", record=" + (record ? "on" : "off") + ", heartbeat="
                + heartbeatSeconds + "s, ttl=" + ttlSeconds + "s, registry="
                + (registryUrl == null ? "connection's database" : JdbcUrls.mask(registryUrl)) + "]";
    }

    private enum OnOff { ON, OFF }

    private static final class Lookup {
        private final Properties connection;
        private final Environment environment;

        Lookup(Properties connection, Environment environment) {
            this.connection = connection;
            this.environment = environment;
        }

        String raw(String key) {
            String value = connection.getProperty(key);
            if (value == null) {
                value = environment.lookup(key);
            }
            return value == null || value.isBlank() ? null : value.trim();
        }

        String orDefault(String key, String fallback) {
            String value = raw(key);
            return value == null ? fallback : value;
        }

        String withManifestDefault(String key, String manifestValue, String manifestAttribute) {
            String value = raw(key);
            if (value != null) {
                return value;
            }
            if (manifestValue != null && !manifestValue.isBlank()) {
                return manifestValue.trim();
            }
            environment.warnUnknown(key, manifestAttribute);
            return "unknown";
        }

        int seconds(String key, int fallback) {
            String value = raw(key);
            if (value == null) {
                return fallback;
            }
            try {
                int seconds = Integer.parseInt(value);
                if (seconds > 0) {
                    return seconds;
                }
            } catch (NumberFormatException ignored) {
                // reported below, like a non-positive number
            }
            LOG.warn("driftguard: {}={} is not a positive whole number of seconds; using {}", key, value, fallback);
            return fallback;
        }

        <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
            String value = raw(key);
            if (value == null) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                StringBuilder allowed = new StringBuilder();
                for (E each : type.getEnumConstants()) {
                    allowed.append(allowed.length() == 0 ? "" : ", ").append(each.name().toLowerCase(Locale.ROOT));
                }
                LOG.warn("driftguard: {}={} is not one of {}; using {}", key, value, allowed,
                        fallback.name().toLowerCase(Locale.ROOT));
                return fallback;
            }
        }
    }
}
