package dev.driftguard.testsupport;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRoundTripTest extends RoundTripContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @Override
    TestDatabase db() {
        return DB;
    }
}
