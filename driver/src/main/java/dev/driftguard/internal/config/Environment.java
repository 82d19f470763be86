package dev.driftguard.internal.config;

import dev.driftguard.internal.base.Log;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URL;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What the process says about driftguard's settings apart from connection properties: system properties,
 * environment variables, {@code driftguard.properties} on the class path and the main jar's manifest. Read once
 * per process (it hangs off the driver registration) because the file and manifest lookups are not free.
 */
public final class Environment {

    private static final Log LOG = Log.of(Environment.class);

    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> environment;
    private final Properties file;
    private final String manifestTitle;
    private final String manifestVersion;
    private final String instanceId;
    private final AtomicBoolean warnedUnknownApp = new AtomicBoolean();
    private final AtomicBoolean warnedUnknownVersion = new AtomicBoolean();

    /** For tests: every source given explicitly; {@code null} manifest entries mean "not in the manifest". */
    public Environment(UnaryOperator<String> systemProperties, UnaryOperator<String> environment, Properties file,
                       String manifestTitle, String manifestVersion, String instanceId) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.file = file;
        this.manifestTitle = manifestTitle;
        this.manifestVersion = manifestVersion;
        this.instanceId = instanceId;
    }

    /** This process's environment. */
    public static Environment ofThisProcess() {
        Manifest manifest = mainManifest();
        Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
        return new Environment(System::getProperty, System::getenv, classPathFile(),
                main.getValue(Attributes.Name.IMPLEMENTATION_TITLE), main.getValue(Attributes.Name.IMPLEMENTATION_VERSION),
                defaultInstanceId());
    }

    /** The value of {@code key} from system property, environment variable, or file, in that order; else null. */
    String lookup(String key) {
        String value = systemProperties.apply(key);
        if (value == null) {
            value = environment.apply(key.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        if (value == null) {
            value = file.getProperty(key);
        }
        return value;
    }

    String manifestTitle() {
        return manifestTitle;
    }

    String manifestVersion() {
        return manifestVersion;
    }

    String instanceId() {
        return instanceId;
    }

    /** Warns once per process that {@code key} fell back to {@code unknown}. */
    void warnUnknown(String key, String manifestAttribute) {
        AtomicBoolean warned = Settings.APP.equals(key) ? warnedUnknownApp : warnedUnknownVersion;
        if (warned.compareAndSet(false, true)) {
            LOG.warn("driftguard: {} is not set and the main jar's manifest has no {}; recording usage as 'unknown'. "
                    + "Set it as a connection property, -D{}=…, environment variable {} or in driftguard.properties.",
                    key, manifestAttribute, key, key.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
    }

    private static Properties classPathFile() {
        Properties properties = new Properties();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        URL resource = context == null ? null : context.getResource("driftguard.properties");
        if (resource == null) {
            resource = Environment.class.getClassLoader().getResource("driftguard.properties");
        }
        if (resource != null) {
            try (InputStream in = resource.openStream()) {
                properties.load(in);
            } catch (IOException e) {
                LOG.warn("driftguard: cannot read {}: {}; ignoring it", resource, e.getMessage());
            }
        }
        return properties;
    }

    /** The manifest of the jar given to {@code java -jar}, or of the main class's jar. */
    private static Manifest mainManifest() {
        String command = System.getProperty("sun.java.command", "").trim();
        String main = command.isEmpty() ? "" : command.split("\\s+")[0];
        try {
            if (main.endsWith(".jar")) {
                try (JarFile jar = new JarFile(main)) {
                    return jar.getManifest();
                }
            }
            if (!main.isEmpty()) {
                ClassLoader loader = ClassLoader.getSystemClassLoader();
                URL classFile = loader.getResource(main.replace('.', '/') + ".class");
                if (classFile != null && "jar".equals(classFile.getProtocol())) {
                    String jarPath = classFile.getPath();
                    try (JarFile jar = new JarFile(new URL(jarPath.substring(0, jarPath.indexOf("!/"))).getPath())) {
                        return jar.getManifest();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("driftguard: no manifest for main {}: {}", main, e.toString());
        }
        return null;
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        // the registry holds 200 characters; a host name may have 253
        return (host.length() > 170 ? host.substring(0, 170) : host) + ":" + ProcessHandle.current().pid() + ":" + suffix;
    }
}
