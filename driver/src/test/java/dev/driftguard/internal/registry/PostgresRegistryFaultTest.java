package dev.driftguard.internal.registry;

import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRegistryFaultTest extends RegistryFaultContract {

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
    void lockAgainstWrites(Statement locker, String table) throws SQLException {
        locker.getConnection().setAutoCommit(false);
        locker.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE"); // what the measured fault held: reads still pass
    }

    @Override
    void unlock(Statement locker) throws SQLException {
        locker.getConnection().rollback();
    }

    @Override
    String urlAt(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/registry";
    }

    @Override
    String sessionIdQuery() {
        return "SELECT pg_backend_pid()";
    }

    @Override
    String sessionsQuery() {
        return "SELECT pid FROM pg_stat_activity";
    }

    @Override
    String endSession(long id) {
        return "SELECT pg_terminate_backend(" + id + ")";
    }
}
