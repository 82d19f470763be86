package dev.driftguard.spring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.testsupport.TestDatabase;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Spring Boot 4's health API (docs/spring-boot.md: on Spring Boot 3, the endpoint shows the registry's state). */
class HealthTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @BeforeAll
    static void shop() throws SQLException {
        ShopApplication.createProducts(DB);
    }

    @Test
    void aRegistryOutageLeavesTheApplicationUpAndShowsInItsDriftguardComponent() {
        // nothing listens on port 1: every heartbeat fails
        try (ConfigurableApplicationContext shop = ShopApplication.startWeb(DB, "spring.application.name=shop-outage",
                "driftguard.version=1.0.0", "driftguard.instance=outage-1", "driftguard.heartbeat.seconds=1",
                "driftguard.registry.url=jdbc:postgresql://127.0.0.1:1/registry")) {
            shop.getBean(JdbcTemplate.class).queryForObject("SELECT name FROM product WHERE id = 1", String.class);
            String health = ActuatorTest.awaitAnswer(shop, "/actuator/health",
                    "{\"app\":\"shop-outage\",\"version\":\"1.0.0\",\"registry\":\"unreachable\"}");

            assertTrue(health.startsWith("200 ") && health.endsWith("\"status\":\"UP\"}"), "the application is UP: " + health);
            assertTrue(Pattern.compile("\"driftguard\":\\{\"details\":\\{\"registry\":\"unreachable\".*?\\]\\},\"status\":\"UP\"\\}")
                    .matcher(health).find(), "the driftguard component is UP and shows the outage: " + health);
        }
    }
}
