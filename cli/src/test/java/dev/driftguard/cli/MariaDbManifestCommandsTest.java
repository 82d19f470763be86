package dev.driftguard.cli;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbManifestCommandsTest extends ManifestCommandsContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @RegisterExtension
    static final TestDatabase TEST_RUN = TestDatabase.mariadb();

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
        return DB.name();
    }
}
