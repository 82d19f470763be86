package dev.driftguard.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.config.Settings;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DriftGuardAgentTest {

    @AfterEach
    void clear() {
        System.clearProperty("driftguard.app");
        System.clearProperty("driftguard.version");
        System.clearProperty("driftguard.heartbeat.seconds");
    }

    /** The agent cannot load the driver's settings before it has isolated the driver, so it keeps the list itself. */
    @Test
    void theAgentAcceptsExactlyTheDriversSettingKeys() {
        Set<String> driver = Settings.keys().stream().map(key -> key.substring("driftguard.".length()))
                .collect(Collectors.toSet());
        assertEquals(driver, DriftGuardAgent.KEYS);
    }

    @Test
    void argumentsBecomeTheSettingsOfTheSameName() {
        DriftGuardAgent.applySettings("app=shop, version=1.4.0,driftguard.heartbeat.seconds=2");
        assertEquals("shop", System.getProperty("driftguard.app"));
        assertEquals("1.4.0", System.getProperty("driftguard.version"));
        assertEquals("2", System.getProperty("driftguard.heartbeat.seconds"));
    }

    @Test
    void argumentOverridesTheSameSystemProperty() {
        System.setProperty("driftguard.app", "from-dash-d");
        DriftGuardAgent.applySettings("app=from-agent");
        assertEquals("from-agent", System.getProperty("driftguard.app"));
    }

    @Test
    void argumentsWithAnUnknownKeySetNothing() {
        assertThrows(IllegalArgumentException.class, () -> DriftGuardAgent.applySettings("app=half,colour=blue"));
        assertEquals(null, System.getProperty("driftguard.app"));
    }

    @Test
    void unknownKeyIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DriftGuardAgent.applySettings("colour=blue"));
        assertTrue(e.getMessage().contains("app, driver, guard"), e.getMessage());
    }
}
