package dev.driftguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.testsupport.TestDatabase;
import java.nio.file.Files;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresManifestCommandsTest extends ManifestCommandsContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @RegisterExtension
    static final TestDatabase TEST_RUN = TestDatabase.postgres();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    TestDatabase testRun() {
        return TEST_RUN;
    }

    @Override
    String schema() {
        return "public";
    }

    /** The event trigger reads the same view as the guard, so a declared use stops a DDL from any client. */
    @Test
    void theEventTriggerRefusesToDropAColumnOnlyDeclaredForALiveVersion() throws Exception {
        DB.execute("CREATE TABLE coupon (id INT PRIMARY KEY, code TEXT)");
        assertEquals(0, CliRun.of("install", "--trigger", "--url", DB.url(), "--user", DB.user()).exitCode);
        java.nio.file.Path manifest = Files.writeString(dir.resolve("coupon.json"), "{\"format\":1,\"app\":\"shop\","
                + "\"version\":\"7.0.0\",\"database\":\"x\",\"columns\":[{\"schema\":\"public\",\"table\":\"coupon\","
                + "\"column\":\"code\",\"access\":\"read\"}]}");
        assertEquals(0, CliRun.of("declare", "--url", DB.url(), "--user", DB.user(), manifest.toString()).exitCode);
        LiveVersions versions = new LiveVersions(DB);
        versions.live("shop", "7.0.0", "public");
        SQLException refused = assertThrows(SQLException.class, () -> DB.execute("ALTER TABLE coupon DROP COLUMN code"));
        assertEquals("ZDG01", refused.getSQLState(), refused.getMessage());
        assertTrue(refused.getMessage().contains("shop 7.0.0"), refused.getMessage());
        versions.stop("shop", "7.0.0");
        DB.execute("ALTER TABLE coupon DROP COLUMN code");
    }
}
