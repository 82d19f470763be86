package dev.driftguard;

import dev.driftguard.testsupport.TestDatabase;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2TransparencyTest extends TransparencyContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    Class<?> vendorConnectionType() {
        return JdbcConnection.class;
    }

    @Override
    String createTableWithGeneratedKey(String table) {
        return "CREATE TABLE " + table + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40))";
    }
}
