package dev.driftguard.spring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The health component, on Spring Boot 4's health API and on Spring Boot 3.5's. */
class HealthTest {

    @RegisterExtension
    static final TestDatabase DB = ShopApplication.database();

    @Test
    void aRegistryOutageLeavesTheApplicationUpAndShowsInItsDriftguardComponent() {
        // nothing listens on port 1: every heartbeat fails
        try (ConfigurableApplicationContext shop = ShopApplication.startWeb(DB, "spring.application.name=shop-outage",
                "driftguard.version=1.0.0", "driftguard.instance=outage-1", "driftguard.heartbeat.seconds=1",
                "driftguard.registry.url=jdbc:postgresql://127.0.0.1:1/registry")) {
            shop.getBean(JdbcTemplate.class).queryForObject("SELECT name FROM product WHERE id = 1", String.class);
            String health = ActuatorTest.awaitAnswer(shop, "/actuator/health",
                    "{\"app\":\"shop-outage\",\"version\":\"1.0.0\",\"registry\":\"unreachable\"}");

            String application = health.replace(object(health, "components"), "");
            assertTrue(health.startsWith("200 ") && application.contains("\"status\":\"UP\""), "the application is UP: " + health);
            String component = object(health, "driftguard");
            assertTrue(component.contains("\"status\":\"UP\"") && component.contains("\"details\":{\"registry\":\"unreachable\""),
                    "the driftguard component is UP and shows the outage: " + health);
        }
    }

    /** The JSON object named {@code name} in {@code health} (the two lines order its fields differently). */
    private static String object(String health, String name) {
        int start = health.indexOf("\"" + name + "\":{");
        assertTrue(start >= 0, "no " + name + " in: " + health);
        int open = health.indexOf('{', start);
        int depth = 0;
        for (int at = open; at < health.length(); at++) {
            depth += health.charAt(at) == '{' ? 1 : health.charAt(at) == '}' ? -1 : 0;
            if (depth == 0) {
                return health.substring(open, at + 1);
            }
        }
        throw new AssertionError("unbalanced JSON: " + health);
    }
}
