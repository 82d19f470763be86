package dev.driftguard.internal.registry;

import dev.driftguard.testsupport.TestDatabase;
import java.sql.SQLException;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** H2's in-memory database, shared with other JVMs through H2's own TCP server. */
class H2InstanceProcessTest extends InstanceProcessContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    private static Server server;

    @BeforeAll
    static void startTcpServer() throws SQLException {
        server = Server.createTcpServer("-tcpPort", "0", "-tcpAllowOthers").start();
    }

    @AfterAll
    static void stopTcpServer() {
        server.stop();
    }

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    String sharedUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:" + DB.name();
    }
}
