package dev.driftguard.testsupport;

import org.junit.jupiter.api.extension.RegisterExtension;

class H2RoundTripTest extends RoundTripContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    TestDatabase db() {
        return DB;
    }
}
