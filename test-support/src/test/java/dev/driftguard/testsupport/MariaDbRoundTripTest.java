package dev.driftguard.testsupport;

import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbRoundTripTest extends RoundTripContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @Override
    TestDatabase db() {
        return DB;
    }
}
