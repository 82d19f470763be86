package dev.driftguard.flyway;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresFlywayCallbackTest extends FlywayCallbackContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres().withSetUp(PRODUCT);

    @Override
    TestDatabase db() {
        return DB;
    }
}
