package dev.driftguard.spring;

import dev.driftguard.internal.config.Settings;
import java.util.Properties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.env.Environment;

/**
 * driftguard's settings as the application's Spring environment gives them: every {@code driftguard.*} key with
 * Spring's relaxed binding ({@code application.yml}, {@code DRIFTGUARD_REGISTRY_URL}, {@code -Ddriftguard.app}, in
 * Spring's order), and the application's name and version where driftguard's own keys are not set.
 */
final class ApplicationSettings {

    private ApplicationSettings() {
    }

    static Properties of(Environment environment, BuildProperties build) {
        Binder binder = Binder.get(environment);
        Properties settings = new Properties();
        for (String key : Settings.keys()) {
            binder.bind(key, String.class).ifBound(value -> settings.setProperty(key, value));
        }
        if (!settings.containsKey(Settings.APP)) {
            putFirst(settings, Settings.APP, environment.getProperty("spring.application.name"),
                    environment.getProperty("OTEL_SERVICE_NAME"));
        }
        if (!settings.containsKey(Settings.VERSION)) {
            putFirst(settings, Settings.VERSION, build == null ? null : build.getVersion(),
                    resourceAttribute(environment.getProperty("OTEL_RESOURCE_ATTRIBUTES"), "service.version"));
        }
        return settings; // what is still missing, the driver takes from the jar's manifest
    }

    /** {@code service.version} of OpenTelemetry's {@code key=value,key=value} resource attributes. */
    static String resourceAttribute(String attributes, String name) {
        if (attributes == null) {
            return null;
        }
        for (String pair : attributes.split(",")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
                return pair.substring(equals + 1).trim();
            }
        }
        return null;
    }

    private static void putFirst(Properties settings, String key, String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                settings.setProperty(key, candidate);
                return;
            }
        }
    }
}
