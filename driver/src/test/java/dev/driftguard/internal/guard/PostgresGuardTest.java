package dev.driftguard.internal.guard;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresGuardTest extends GuardContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    String schema() {
        return "public";
    }

    @Override
    String widenRating() {
        return "ALTER TABLE product ALTER COLUMN rating TYPE bigint";
    }

    @Override
    String retypeRating() {
        return "ALTER TABLE product ALTER COLUMN rating TYPE text";
    }

    @Override
    String dropSchema() {
        return "DROP SCHEMA public CASCADE";
    }

    @Override
    String setSkuNotNull() {
        return "ALTER TABLE product ALTER COLUMN sku SET NOT NULL";
    }

    @Override
    String createMaterializedView() {
        return "CREATE MATERIALIZED VIEW";
    }
}
