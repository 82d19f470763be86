package dev.driftguard.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.JvmProcess;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Application instances as separate JVMs: what they publish, and how they leave the live view. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InstanceProcessContract {

    abstract TestDatabase db();

    /** The database's URL as another process reaches it. */
    abstract String sharedUrl();

    private static final AtomicInteger NEXT = new AtomicInteger();

    @BeforeAll
    void schema() throws SQLException {
        db().execute("CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(40), rating INT)");
    }

    private JvmProcess instance(String app, String version, int ttlSeconds, String sql) throws Exception {
        JvmProcess process = JvmProcess.start(InstanceMain.class, List.of(),
                "jdbc:driftguard:" + sharedUrl().substring("jdbc:".length()), db().user(), db().password(), app,
                version, "1", Integer.toString(ttlSeconds), sql);
        process.awaitLine("ready", Duration.ofSeconds(60));
        return process;
    }

    private List<String> live(String app) {
        List<String> rows = new ArrayList<>();
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT version, table_name, column_name, access FROM "
                     + Registry.forUrl(db().url()).name("live_usage") + " WHERE app = '" + app + "'"
                     + " AND column_name <> '' ORDER BY version, column_name")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2).toLowerCase() + "."
                        + result.getString(3).toLowerCase() + " " + result.getString(4));
            }
        } catch (SQLException e) {
            return List.of("registry not readable yet: " + e.getMessage());
        }
        return rows;
    }

    private static String app() {
        return "proc" + NEXT.incrementAndGet();
    }

    @Test
    void twoVersionsInSeparateJvmsBothShowInTheView() throws Exception {
        String app = app();
        try (JvmProcess one = instance(app, "1.0", 60, "SELECT rating FROM product");
             JvmProcess two = instance(app, "2.0", 60, "SELECT name FROM product")) {
            List<String> expected = List.of("1.0 product.rating read", "2.0 product.name read");
            Await.until("both versions in the live view", Duration.ofSeconds(30), () -> live(app).equals(expected));
        }
    }

    @Test
    void cleanShutdownLeavesTheViewAtOnce() throws Exception {
        String app = app();
        try (JvmProcess process = instance(app, "1.0", 60, "SELECT rating FROM product")) {
            Await.until("the version in the live view", Duration.ofSeconds(30), () -> !live(app).isEmpty());
            process.send("stop");
            assertEquals(0, process.awaitExit(Duration.ofSeconds(30)));
            assertEquals(List.of(), live(app));
        }
    }

    @Test
    void killedProcessLeavesTheViewOnlyAfterItsTtl() throws Exception {
        String app = app();
        int ttlSeconds = 4;
        try (JvmProcess process = instance(app, "1.0", ttlSeconds, "SELECT rating FROM product")) {
            Await.until("the version in the live view", Duration.ofSeconds(30), () -> !live(app).isEmpty());
            process.kill();
            assertEquals(List.of("1.0 product.rating read"), live(app));
            Await.until("the killed instance's TTL to run out", Duration.ofSeconds(ttlSeconds + 10),
                    () -> live(app).isEmpty());
        }
    }
}
