package dev.driftguard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code /actuator/driftguard} and the meters, on a web application with Actuator. */
class ActuatorTest {

    @RegisterExtension
    static final TestDatabase DB = ShopApplication.database();

    @Test
    void theEndpointShowsThisInstanceItsRegistryAndWhatWasRecorded() throws Exception {
        try (ConfigurableApplicationContext shop = ShopApplication.startWeb(DB, "spring.application.name=shop-web",
                "driftguard.version=5.0.0", "driftguard.instance=web-1", "driftguard.heartbeat.seconds=1")) {
            shop.getBean(JdbcTemplate.class).queryForObject("SELECT name FROM product WHERE id = 1", String.class);
            String answer = awaitAnswer(shop, "/actuator/driftguard", "\"reachable\":true");

            assertTrue(answer.startsWith("200 "), answer);
            for (String field : List.of("\"app\":\"shop-web\"", "\"version\":\"5.0.0\"", "\"instance\":\"web-1\"",
                    "\"since\":\"", "\"lastHeartbeat\":\"", "\"unpublishedUses\":", "\"publicationLagSeconds\":",
                    "\"errors\":0", "\"unreadableShapes\":0", "\"droppedParses\":0", "\"parseQueue\":",
                    "\"refusals\":0", "\"recentRefusals\":[]")) {
                assertTrue(answer.contains(field), field + " in " + answer);
            }
            assertTrue(Pattern.compile("\"shapes\":[1-9]").matcher(answer).find(), answer);
        }
    }

    @Test
    void theMetersAreUnderDriftguardAndCountWhatWasRecorded() {
        try (ConfigurableApplicationContext shop = ShopApplication.start(DB, "spring.application.name=shop-meters",
                "driftguard.version=5.0.0", "driftguard.instance=meters-1")) {
            shop.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM product", Long.class);
            MeterRegistry meters = shop.getBean(MeterRegistry.class);
            for (String name : List.of("driftguard.shapes", "driftguard.parse.queue", "driftguard.parses.dropped",
                    "driftguard.parses.unreadable", "driftguard.publication.lag", "driftguard.registry.errors",
                    "driftguard.guard.refusals")) {
                assertNotNull(meters.find(name).meter(), name);
            }
            Await.until("a recorded shape counted by driftguard.shapes", Duration.ofSeconds(30),
                    () -> meters.get("driftguard.shapes").gauge().value() >= 1);
            assertEquals(0.0, meters.get("driftguard.parses.dropped").functionCounter().count());
        }
    }

    @Test
    void aRefusedStatementIsCountedAndShownInTheEndpoint() throws Exception {
        try (ConfigurableApplicationContext reader = ShopApplication.start(DB, "spring.application.name=shop-reader",
                "driftguard.version=1.0.0", "driftguard.instance=reader-1", "driftguard.heartbeat.seconds=1");
             ConfigurableApplicationContext shop = ShopApplication.startWeb(DB, "spring.application.name=shop-dropper",
                "driftguard.version=2.0.0", "driftguard.instance=dropper-1")) {
            reader.getBean(JdbcTemplate.class).queryForObject("SELECT rating FROM product WHERE id = 1", Integer.class);
            ShopApplication.awaitLiveUse(DB, "shop-reader", "1.0.0", "rating");

            assertThrows(DataAccessException.class,
                    () -> shop.getBean(JdbcTemplate.class).execute("ALTER TABLE product DROP COLUMN rating"));

            String answer = ShopApplication.get(shop, "/actuator/driftguard");
            assertTrue(answer.contains("\"refusals\":1,\"recentRefusals\":[\"ZDG01 driftguard refused"), answer);
            assertEquals(1.0, shop.getBean(MeterRegistry.class).get("driftguard.guard.refusals").functionCounter().count());
        }
    }

    static String awaitAnswer(ConfigurableApplicationContext application, String path, String expected) {
        String[] last = {""};
        Await.until(path + " answering with " + expected, Duration.ofSeconds(30), () -> {
            try {
                last[0] = ShopApplication.get(application, path);
            } catch (IOException | InterruptedException e) {
                last[0] = e.toString();
            }
            return last[0].contains(expected);
        });
        return last[0];
    }
}
