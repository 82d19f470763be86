package dev.driftguard.internal.sql;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbCorpusTest extends CorpusContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    String schemaFile() {
        return "schema-mysql.sql";
    }

    @Override
    String[] corpusFiles() {
        return new String[] {"mysql.sql"};
    }

    @Override
    String defaultSchema() {
        return DB.name();
    }
}
