package dev.driftguard.internal.report;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbReportTest extends ReportContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    String schema() {
        return DB.name();
    }

    @Override
    String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
