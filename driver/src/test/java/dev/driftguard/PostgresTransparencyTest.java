package dev.driftguard;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

class PostgresTransparencyTest extends TransparencyContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    Class<?> vendorConnectionType() {
        return PGConnection.class;
    }

    @Override
    String createTableWithGeneratedKey(String table) {
        return "CREATE TABLE " + table + " (id BIGSERIAL PRIMARY KEY, name VARCHAR(40))";
    }
}
