package dev.driftguard.flyway;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbFlywayCallbackTest extends FlywayCallbackContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb().withSetUp(PRODUCT);

    @Override
    TestDatabase db() {
        return DB;
    }
}
