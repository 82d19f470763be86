package dev.driftguard.spring;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.flyway.DriftGuardCallback;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.SQLException;
import org.flywaydb.core.api.callback.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Spring Boot without the starter's DataSource (driftguard.enabled=false), and driftguard-flyway's callback as a
 * bean: the plain-URL way of docs/migration-tools.md, on Spring Boot 4 (Flyway 12) and 3.5 (Flyway 11).
 */
class FlywayCallbackBeanTest {

    @RegisterExtension
    static final TestDatabase DB = ShopApplication.database();

    /** Spring Boot hands Flyway every callback bean: the plain-URL way, without the starter (docs/migration-tools.md). */
    @Test
    void withoutTheStarterTheFlywayCallbackAsABeanRefusesTheMigrationAtStartUp() throws SQLException {
        try (ConfigurableApplicationContext release1 = ShopApplication.start(DB, "spring.application.name=shop-plain",
                "driftguard.version=1.0.0", "driftguard.instance=plain-release-1", "driftguard.heartbeat.seconds=1")) {
            release1.getBean(JdbcTemplate.class).queryForObject("SELECT rating FROM product WHERE id = 1", Integer.class);
            ShopApplication.awaitLiveUse(DB, "shop-plain", "1.0.0", "rating");
            Throwable failure = assertThrows(Throwable.class, () -> ShopApplication.start(DB,
                    new Class<?>[] {ShopApplication.class, FlywayCallbackBean.class}, "driftguard.enabled=false",
                    "spring.flyway.enabled=true", "spring.flyway.locations=classpath:db/drop-rating",
                    "spring.flyway.baseline-on-migrate=true", "spring.flyway.baseline-version=1",
                    "spring.flyway.table=plain_history").close());
            SQLException refusal = ShopApplication.refusalIn(failure);
            assertNotNull(refusal, "a ZDG01 refusal among the causes of the failed start-up");
            assertTrue(refusal.getMessage().contains("shop-plain 1.0.0"), refusal.getMessage());
            assertTrue(ShopApplication.columnExists(DB, "product", "rating"), "the column is still there");
        }
    }

    /** The callback of driftguard-flyway as a bean. */
    @Configuration(proxyBeanMethods = false)
    static class FlywayCallbackBean {
        @Bean
        Callback driftGuardCallback() {
            return DriftGuardCallback.bean();
        }
    }

}
