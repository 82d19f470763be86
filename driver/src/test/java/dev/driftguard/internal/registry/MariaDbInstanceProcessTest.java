package dev.driftguard.internal.registry;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbInstanceProcessTest extends InstanceProcessContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    String sharedUrl() {
        return DB.url();
    }
}
