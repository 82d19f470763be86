package dev.driftguard.liquibase;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresLiquibaseTest extends LiquibaseContract {

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
    String retypeRating() {
        return "ALTER COLUMN rating TYPE text";
    }
}
