package dev.driftguard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.driftguard.DriftGuardDataSource;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** A Spring Boot application with the starter on its class path and a plain {@code jdbc:postgresql:} URL. */
@ExtendWith(OutputCaptureExtension.class)
class StarterTest {

    @RegisterExtension
    static final TestDatabase DB = ShopApplication.database();

    @Test
    void withNoConfigurationQueriesAreRecordedUnderTheApplicationsNameAndBuildVersion() throws SQLException {
        HikariDataSource pool;
        try (ConfigurableApplicationContext shop = ShopApplication.start(DB, "spring.application.name=shop-boot",
                "spring.info.build.location=classpath:shop-build-info.properties", "driftguard.instance=boot-zero",
                "driftguard.heartbeat.seconds=1")) {
            DataSource dataSource = shop.getBean(DataSource.class);
            assertInstanceOf(DriftGuardDataSource.class, dataSource);
            assertTrue(dataSource.isWrapperFor(HikariDataSource.class), "the pool stays reachable through unwrap");
            pool = dataSource.unwrap(HikariDataSource.class);

            assertEquals("lamp", shop.getBean(JdbcTemplate.class)
                    .queryForObject("SELECT name FROM product WHERE id = ?", String.class, 1));
            ShopApplication.awaitLiveUse(DB, "shop-boot", "2.0.0", "name");
        }
        assertTrue(pool.isClosed(), "closing the application closes its pool, as without driftguard");
        assertEquals(1, ShopApplication.count(DB, "SELECT count(*) FROM driftguard.instance WHERE instance_id = ?"
                + " AND stopped_at IS NOT NULL", "boot-zero"), "the closed application left the live view at once");
    }

    @Test
    void aFlywayMigrationAtStartUpIsRefusedWhileALiveVersionReadsTheColumn(CapturedOutput output) throws SQLException {
        assertStartUpRefused(output, "spring.flyway.enabled=true", "spring.flyway.locations=classpath:db/drop-rating",
                "spring.flyway.baseline-on-migrate=true", "spring.flyway.baseline-version=1");
    }

    /** The backfill reads product.rating once, at deploy; the release itself only reads id. */
    @Test
    void whatAFlywayMigrationReadsAtStartUpIsNotRecordedAsTheReleasesUsage() {
        try (ConfigurableApplicationContext release = ShopApplication.start(DB, "spring.application.name=shop-backfill",
                "driftguard.version=4.0.0", "driftguard.heartbeat.seconds=1", "spring.flyway.enabled=true",
                "spring.flyway.locations=classpath:db/backfill", "spring.flyway.baseline-on-migrate=true",
                "spring.flyway.baseline-version=1", "spring.flyway.table=backfill_history")) {
            assertEquals(1L, ShopApplication.count(DB, "SELECT count(*) FROM backfill_history WHERE version = ?", "2"),
                    "the migration ran");
            release.getBean(JdbcTemplate.class).queryForObject("SELECT id FROM product WHERE id = 1", Integer.class);
            ShopApplication.awaitLiveUse(DB, "shop-backfill", "4.0.0", "id");
            assertEquals(0L, ShopApplication.count(DB, "SELECT count(*) FROM driftguard.live_usage WHERE app = ?"
                    + " AND table_name = 'product' AND column_name IN ('rating', 'name')", "shop-backfill"),
                    "the migration's statements were recorded as the release's usage");
        }
    }

    @Test
    void aLiquibaseChangesetAtStartUpIsRefusedWhileALiveVersionReadsTheColumn(CapturedOutput output) throws SQLException {
        assertStartUpRefused(output, "spring.liquibase.enabled=true",
                "spring.liquibase.change-log=classpath:db/drop-rating.xml");
    }

    /** Release 1 reads product.rating; release 3 starts with a migration that drops it. */
    private static void assertStartUpRefused(CapturedOutput output, String... migration) throws SQLException {
        try (ConfigurableApplicationContext release1 = ShopApplication.start(DB, "spring.application.name=shop-boot",
                "driftguard.version=1.0.0", "driftguard.instance=boot-release-1", "driftguard.heartbeat.seconds=1")) {
            release1.getBean(JdbcTemplate.class).queryForObject("SELECT rating FROM product WHERE id = 1", Integer.class);
            ShopApplication.awaitLiveUse(DB, "shop-boot", "1.0.0", "rating");

            List<String> release3 = new ArrayList<>(List.of("spring.application.name=shop-boot",
                    "driftguard.version=3.0.0", "driftguard.instance=boot-release-3"));
            release3.addAll(List.of(migration));
            Throwable failure = assertThrows(Throwable.class,
                    () -> ShopApplication.start(DB, release3.toArray(new String[0])).close());

            SQLException refusal = ShopApplication.refusalIn(failure);
            assertNotNull(refusal, "a ZDG01 refusal among the causes of the failed start-up");
            assertTrue(refusal.getMessage().contains("shop-boot 1.0.0"), refusal.getMessage());
            assertTrue(ShopApplication.columnExists(DB, "product", "rating"), "the column is still there");
            assertEquals(1, ShopApplication.count(DB, "SELECT count(*) FROM driftguard.instance WHERE instance_id = ?"
                    + " AND stopped_at IS NOT NULL", "boot-release-3"), "the failed start-up left the live view at once");
            String firstLine = refusal.getMessage().lines().findFirst().orElseThrow();
            assertTrue(output.getAll().contains("Description:" + System.lineSeparator() + System.lineSeparator()
                    + firstLine), "the failure analysis starts with driftguard's message:\n" + output.getAll());
        }
    }

    @Test
    void aDataSourceTheUserWrappedIsNotWrappedAgain() {
        try (ConfigurableApplicationContext shop = ShopApplication.start(DB,
                new Class<?>[] {ShopApplication.class, OwnWrapper.class})) {
            assertSame(shop.getBean(OwnWrapper.class).wrapped, shop.getBean(DataSource.class));
        }
    }

    @Test
    void disabledTheStarterLeavesTheDataSourceAsItIs() {
        try (ConfigurableApplicationContext shop = ShopApplication.start(DB, "driftguard.enabled=false")) {
            assertInstanceOf(HikariDataSource.class, shop.getBean(DataSource.class));
        }
    }

    /** A user who wrapped the pool by hand, as docs/getting-started.md shows. */
    @Configuration(proxyBeanMethods = false)
    static class OwnWrapper {
        DriftGuardDataSource wrapped;

        @Bean
        DataSource dataSource() {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(DB.url());
            pool.setUsername(DB.user());
            pool.setPassword(DB.password());
            wrapped = new DriftGuardDataSource(pool);
            return wrapped;
        }
    }


}
