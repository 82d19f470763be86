package dev.driftguard.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * {@code java -javaagent:driftguard-agent.jar=app=shop,version=1.4.0 -jar app.jar}: every connection the
 * application's JDBC drivers and data sources hand out goes through driftguard, as with a {@code jdbc:driftguard:}
 * URL, without a configuration change. Nothing here may stop the application from starting: on any failure the
 * agent says why on standard error and steps aside.
 */
public final class DriftGuardAgent {

    /** Agent argument keys; each sets the driftguard setting of the same name, over -D and the environment. */
    static final Set<String> KEYS = Set.of("app", "version", "instance", "driver", "registry.url", "heartbeat.seconds",
            "ttl.seconds", "guard", "record", "guard.timeout.seconds", "manifest.out",
            "guard.java.migrations");

    private static final String NESTED_DRIVER = "dev/driftguard/agent/driftguard.jar";
    private static final String DISPATCHER = "dev.driftguard.agent.bootstrap.Dispatcher";

    private DriftGuardAgent() {
    }

    /** Entry point of {@code -javaagent}. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        try {
            applySettings(arguments);
            Class<?> dispatcher = defineDispatcher(instrumentation);
            java.lang.reflect.Constructor<?> internal =
                    isolatedDriftGuard().loadClass("dev.driftguard.AgentHook").getDeclaredConstructor();
            internal.setAccessible(true); // package-private: the hook is not API
            Object hook = internal.newInstance();
            dispatcher.getField("wrapper").set(null, hook);
            instrumentation.addTransformer(new ConnectionTransformer());
        } catch (IllegalArgumentException e) {
            System.err.println("driftguard agent: " + e.getMessage() + "; the application runs without driftguard");
        } catch (Exception | LinkageError e) {
            System.err.println("driftguard agent: cannot start (" + e + "); the application runs without driftguard");
        }
    }

    /** {@code app=shop,version=1.4.0}: each as the system property {@code driftguard.app}, …; all or none. */
    static void applySettings(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return;
        }
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (String pair : arguments.split(",")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair.trim() : pair.substring(0, equals).trim();
            key = key.startsWith("driftguard.") ? key.substring("driftguard.".length()) : key;
            if (equals < 0 || !KEYS.contains(key.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("agent argument '" + pair + "' is not key=value with a key among "
                        + String.join(", ", new TreeSet<>(KEYS)) + " (e.g. app=shop,version=1.4.0)");
            }
            settings.put("driftguard." + key.toLowerCase(Locale.ROOT), pair.substring(equals + 1).trim());
        }
        settings.forEach(System::setProperty);
    }

    /**
     * Defined straight into the bootstrap loader: the boot class path is left alone, so CDS stays enabled. The
     * JDK's own {@code Unsafe.defineClass} is exported to the agent for this. Where a JVM refuses, a jar of this one
     * class is appended to the boot class path instead, which costs class-data sharing for application classes.
     */
    private static Class<?> defineDispatcher(Instrumentation instrumentation) throws IOException {
        byte[] bytes;
        try (InputStream in = DriftGuardAgent.class.getResourceAsStream("/" + DISPATCHER.replace('.', '/') + ".class")) {
            bytes = in.readAllBytes();
        }
        try {
            Module base = Object.class.getModule();
            instrumentation.redefineModule(base, Set.of(), Map.of("jdk.internal.misc",
                    Set.of(DriftGuardAgent.class.getModule())), Map.of(), Set.of(), Map.of());
            Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
            Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
            return (Class<?>) unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                    ClassLoader.class, java.security.ProtectionDomain.class)
                    .invoke(unsafe, DISPATCHER, bytes, 0, bytes.length, null, null);
        } catch (ReflectiveOperationException | RuntimeException notThisWay) {
            Path jar = Files.createTempFile("driftguard-agent-bootstrap", ".jar");
            jar.toFile().deleteOnExit();
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                out.putNextEntry(new JarEntry(DISPATCHER.replace('.', '/') + ".class"));
                out.write(bytes);
            }
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
            System.err.println("driftguard agent: this JVM refused a direct class definition (" + notThisWay
                    + "); the boot class path was extended instead, which turns off class-data sharing for classes"
                    + " outside the JDK");
            try {
                return Class.forName(DISPATCHER, true, null);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the bootstrap class could not be defined", e);
            }
        }
    }

    /**
     * driftguard and its libraries in a class loader of their own, whose parent is the platform loader: the
     * application's JSqlParser, Caffeine or driftguard of another version are never seen, nor see it.
     */
    private static ClassLoader isolatedDriftGuard() throws IOException, java.net.URISyntaxException {
        Path agentJar = Path.of(DriftGuardAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path copy;
        try (JarFile agent = new JarFile(agentJar.toFile())) {
            JarEntry nested = agent.getJarEntry(NESTED_DRIVER);
            if (nested == null) {
                throw new IllegalStateException(NESTED_DRIVER + " is missing from " + agentJar);
            }
            // one copy per agent build, shared by every JVM on the host, written whole before it is used
            copy = Path.of(System.getProperty("java.io.tmpdir"), "driftguard-agent-"
                    + DriftGuardAgent.class.getPackage().getImplementationVersion() + "-" + nested.getSize() + "-"
                    + Long.toHexString(nested.getCrc()) + ".jar");
            if (!Files.isRegularFile(copy) || Files.size(copy) != nested.getSize()) {
                Path partial = Files.createTempFile(copy.getParent(), "driftguard-agent", ".part");
                try (InputStream in = agent.getInputStream(nested)) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return new URLClassLoader(new URL[] {copy.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }
}
