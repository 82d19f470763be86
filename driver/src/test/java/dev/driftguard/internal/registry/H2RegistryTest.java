package dev.driftguard.internal.registry;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2RegistryTest extends RegistryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    String[] dropRegistry() {
        return new String[] {"DROP SCHEMA IF EXISTS DRIFTGUARD CASCADE"};
    }
}
