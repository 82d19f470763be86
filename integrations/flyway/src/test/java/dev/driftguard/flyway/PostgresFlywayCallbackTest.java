package dev.driftguard.flyway;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresFlywayCallbackTest extends FlywayCallbackContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres()
            .withSetUp("CREATE TABLE product (id int PRIMARY KEY, name varchar(40), rating int)");

    @Override
    TestDatabase db() {
        return DB;
    }
}
