package dev.driftguard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.driftguard.DriftGuardDataSource;
import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/** Spring Boot 4.1's {@code spring.datasource.connection-fetch=lazy} (not in 3.5: boot3/ leaves this class out). */
class LazyConnectionFetchTest {

    @RegisterExtension
    static final TestDatabase DB = ShopApplication.database();

    @Test
    void theLazyProxyWrapsDriftguardWhichSitsOnThePoolAndTheClosedContextLeavesTheLiveView() {
        try (ConfigurableApplicationContext shop = ShopApplication.start(DB, "spring.application.name=shop-lazy",
                "driftguard.version=1.0.0", "driftguard.instance=lazy-1", "driftguard.heartbeat.seconds=1",
                "spring.datasource.connection-fetch=lazy")) {
            LazyConnectionDataSourceProxy lazy = assertInstanceOf(LazyConnectionDataSourceProxy.class,
                    shop.getBean(javax.sql.DataSource.class));
            assertInstanceOf(DriftGuardDataSource.class, lazy.getTargetDataSource(), "driftguard sits on the pool");

            shop.getBean(JdbcTemplate.class).queryForObject("SELECT rating FROM product WHERE id = 1", Integer.class);
            ShopApplication.awaitLiveUse(DB, "shop-lazy", "1.0.0", "rating");
        }
        assertEquals(1, ShopApplication.count(DB, "SELECT count(*) FROM driftguard.instance WHERE instance_id = ?"
                + " AND stopped_at IS NOT NULL", "lazy-1"), "the closed application left the live view at once");
    }
}
