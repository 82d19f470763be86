package dev.driftguard.internal.guard;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMigrationToolsTest extends MigrationToolsContract {

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
}
