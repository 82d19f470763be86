package dev.driftguard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftguard.internal.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ApplicationSettingsTest {

    private static StandardEnvironment environment(Map<String, Object> variables, Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application.properties", properties));
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("variables", variables));
        return environment;
    }

    @Test
    void environmentVariablesAndApplicationPropertiesReachDriftguardInSpringsOrder() {
        Properties settings = ApplicationSettings.of(environment(
                Map.of("DRIFTGUARD_REGISTRY_URL", "jdbc:postgresql://registry/ops", "DRIFTGUARD_GUARD", "warn"),
                Map.of("driftguard.guard", "off", "driftguard.heartbeat.seconds", "3")), null);

        assertEquals("jdbc:postgresql://registry/ops", settings.getProperty(Settings.REGISTRY_URL));
        assertEquals("warn", settings.getProperty(Settings.GUARD), "an environment variable wins, as in Spring");
        assertEquals("3", settings.getProperty(Settings.HEARTBEAT_SECONDS));
    }

    @Test
    void theApplicationIsNamedAfterSpringThenOpenTelemetry() {
        Properties spring = ApplicationSettings.of(environment(Map.of("OTEL_SERVICE_NAME", "otel-shop"),
                Map.of("spring.application.name", "shop")), null);
        assertEquals("shop", spring.getProperty(Settings.APP));

        Properties otel = ApplicationSettings.of(environment(Map.of("OTEL_SERVICE_NAME", "otel-shop",
                "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod, service.version=4.2.0"), Map.of()), null);
        assertEquals("otel-shop", otel.getProperty(Settings.APP));
        assertEquals("4.2.0", otel.getProperty(Settings.VERSION));
    }

    @Test
    void driftguardsOwnNamesWinOverTheApplicationsNames() {
        Properties settings = ApplicationSettings.of(environment(Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.version=9"),
                Map.of("spring.application.name", "shop", "driftguard.app", "storefront", "driftguard.version", "1.4.0")),
                null);
        assertEquals("storefront", settings.getProperty(Settings.APP));
        assertEquals("1.4.0", settings.getProperty(Settings.VERSION));
    }

    @Test
    void withNoNameAnywhereNothingIsSetAndTheDriverReadsTheManifest() {
        Properties settings = ApplicationSettings.of(environment(Map.of(), Map.of()), null);
        assertEquals(Set.of(), settings.stringPropertyNames());
    }

    /** The IDE's completion lists what the driver reads, nothing more and nothing less. */
    @Test
    void theConfigurationMetadataListsEverySettingAndTheSwitch() throws IOException {
        String metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> named = new TreeSet<>();
        Matcher names = Pattern.compile("\"name\": \"(driftguard\\.[a-z.]+)\"").matcher(metadata);
        while (names.find()) {
            named.add(names.group(1));
        }
        Set<String> expected = new TreeSet<>(Settings.keys());
        expected.add("driftguard.enabled");
        assertEquals(expected, named);
    }
}
