package dev.driftguard.internal.sql;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresCorpusTest extends CorpusContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    Dialect dialect() {
        return Dialect.POSTGRES;
    }

    @Override
    String schemaFile() {
        return "schema-postgres.sql";
    }

    /** The corpus files PostgreSQL reads. */
    static final String[] FILES = {"hibernate.sql", "spring.sql", "jooq.sql", "mybatis.sql", "django.sql", "rails.sql",
        "postgres.sql", "system.sql"};

    @Override
    String[] corpusFiles() {
        return FILES.clone();
    }

    @Override
    String defaultSchema() {
        return "public";
    }
}
