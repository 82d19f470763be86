package dev.driftguard.internal.sql;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2CorpusTest extends CorpusContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    Dialect dialect() {
        return Dialect.H2;
    }

    @Override
    String schemaFile() {
        return "schema-h2.sql";
    }

    @Override
    String[] corpusFiles() {
        return new String[] {"h2.sql"};
    }

    @Override
    String defaultSchema() {
        return "PUBLIC";
    }
}
