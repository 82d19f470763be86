package dev.driftguard.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class ServerTest {

    @Test
    void droppedDatabaseIsGoneFromTheServer() throws Exception {
        Server server = Servers.postgres();
        String name = "dg_servertest_" + Long.toHexString(System.nanoTime());
        server.createDatabase(name);
        assertEquals(1, databasesNamed(server, name));
        server.dropDatabase(name);
        assertEquals(0, databasesNamed(server, name));
    }

    private static int databasesNamed(Server server, String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(server.urlFor("postgres"), server.user(), server.password());
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
