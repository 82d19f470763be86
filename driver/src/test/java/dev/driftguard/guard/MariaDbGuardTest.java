package dev.driftguard.guard;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbGuardTest extends GuardContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    String schema() {
        return DB.name();
    }

    @Override
    String widenRating() {
        return "ALTER TABLE product MODIFY rating BIGINT";
    }

    @Override
    String retypeRating() {
        return "ALTER TABLE product MODIFY rating VARCHAR(10)";
    }

    @Override
    String dropSchema() {
        return "DROP DATABASE " + DB.name();
    }

    @Override
    String setSkuNotNull() {
        return "ALTER TABLE product MODIFY sku VARCHAR(20) NOT NULL";
    }

    @Override
    String createMaterializedView() {
        return "CREATE VIEW";
    }
}
