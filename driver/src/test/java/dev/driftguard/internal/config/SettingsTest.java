package dev.driftguard.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Settings are looked up in the documented order: connection, system property, environment, file, default. */
class SettingsTest {

    /** docs/configuration.md is the user's list of settings: it names every key the driver reads, and no other. */
    @Test
    void theConfigurationPageListsExactlyTheSettingKeys() throws java.io.IOException {
        String page = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "configuration.md"));
        java.util.Set<String> documented = new java.util.TreeSet<>();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| `(driftguard\\.[a-z.]+)` \\|").matcher(page);
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertEquals(new java.util.TreeSet<>(Settings.keys()), documented);
    }


    private final Map<String, String> systemProperties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private final Properties file = new Properties();
    private final Properties connection = new Properties();

    private Settings resolve(String manifestTitle, String manifestVersion) {
        Environment env = new Environment(systemProperties::get, environment::get, file, manifestTitle, manifestVersion,
                "host:1:abcd");
        return Settings.resolve(connection, env);
    }

    private Settings resolve() {
        return resolve(null, null);
    }

    @Test
    void connectionPropertyWinsOverEveryOtherSource() {
        connection.setProperty("driftguard.app", "from-connection");
        systemProperties.put("driftguard.app", "from-system");
        environment.put("DRIFTGUARD_APP", "from-env");
        file.setProperty("driftguard.app", "from-file");
        assertEquals("from-connection", resolve("from-manifest", "1").app());
    }

    @Test
    void systemPropertyWinsOverEnvironmentAndFile() {
        systemProperties.put("driftguard.app", "from-system");
        environment.put("DRIFTGUARD_APP", "from-env");
        file.setProperty("driftguard.app", "from-file");
        assertEquals("from-system", resolve().app());
    }

    @Test
    void environmentVariableIsTheKeyUpperCasedWithUnderscores() {
        environment.put("DRIFTGUARD_HEARTBEAT_SECONDS", "3");
        file.setProperty("driftguard.heartbeat.seconds", "7");
        assertEquals(3, resolve().heartbeatSeconds());
    }

    @Test
    void classPathFileWinsOverTheDefault() {
        file.setProperty("driftguard.ttl.seconds", "90");
        assertEquals(90, resolve().ttlSeconds());
    }

    @Test
    void appAndVersionDefaultToTheMainJarsManifest() {
        Settings settings = resolve("shop", "1.4.0");
        assertEquals("shop", settings.app());
        assertEquals("1.4.0", settings.version());
    }

    @Test
    void appAndVersionAreUnknownWithoutSettingOrManifest() {
        Settings settings = resolve();
        assertEquals("unknown", settings.app());
        assertEquals("unknown", settings.version());
    }

    @Test
    void defaultsAreThoseOfTheDesign() {
        Settings settings = resolve();
        assertEquals(10, settings.heartbeatSeconds());
        assertEquals(60, settings.ttlSeconds());
        assertEquals(Settings.GuardMode.ENFORCE, settings.guard());
        assertEquals(true, settings.record());
        assertEquals("host:1:abcd", settings.instance());
        assertNull(settings.registryUrl());
        assertNull(settings.driver());
    }

    @Test
    void guardAndRecordAcceptAnyCase() {
        connection.setProperty("driftguard.guard", "Warn");
        connection.setProperty("driftguard.record", "OFF");
        Settings settings = resolve();
        assertEquals(Settings.GuardMode.WARN, settings.guard());
        assertFalse(settings.record());
    }

    @Test
    void invalidGuardModeFallsBackToEnforce() {
        connection.setProperty("driftguard.guard", "sometimes");
        assertEquals(Settings.GuardMode.ENFORCE, resolve().guard());
    }

    @Test
    void invalidSecondsFallBackToTheDefault() {
        connection.setProperty("driftguard.heartbeat.seconds", "ten");
        connection.setProperty("driftguard.ttl.seconds", "-5");
        Settings settings = resolve();
        assertEquals(10, settings.heartbeatSeconds());
        assertEquals(60, settings.ttlSeconds());
    }

    @Test
    void descriptionMasksTheRegistryPassword() {
        connection.setProperty("driftguard.registry.url", "jdbc:postgresql://h/registry?password=s3cret");
        assertFalse(resolve().toString().contains("s3cret"));
    }
}
