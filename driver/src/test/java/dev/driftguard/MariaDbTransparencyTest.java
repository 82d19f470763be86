package dev.driftguard;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbTransparencyTest extends TransparencyContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    Class<?> vendorConnectionType() {
        return org.mariadb.jdbc.Connection.class;
    }

    @Override
    String createTableWithGeneratedKey(String table) {
        return "CREATE TABLE " + table + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40))";
    }
}
