package dev.driftguard.internal.registry;

import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbRegistryFaultTest extends RegistryFaultContract {

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
    void lockAgainstWrites(Statement locker, String table) throws SQLException {
        locker.execute("LOCK TABLES " + table + " READ"); // others may read it, nobody may write it
    }

    @Override
    void unlock(Statement locker) throws SQLException {
        locker.execute("UNLOCK TABLES");
    }

    @Override
    String urlAt(int port) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/registry";
    }

    @Override
    String sessionIdQuery() {
        return "SELECT CONNECTION_ID()";
    }

    @Override
    String sessionsQuery() {
        return "SELECT ID FROM information_schema.PROCESSLIST";
    }

    @Override
    String endSession(long id) {
        return "KILL " + id;
    }
}
