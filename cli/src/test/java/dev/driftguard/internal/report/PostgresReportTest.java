package dev.driftguard.internal.report;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresReportTest extends ReportContract {

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

    @Override
    String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
