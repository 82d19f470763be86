package dev.driftguard.liquibase;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbLiquibaseTest extends LiquibaseContract {

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
    String retypeRating() {
        return "MODIFY rating text";
    }
}
