package dev.driftguard.internal.guard;

import dev.driftguard.testsupport.TestDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbScenarioTest extends ScenarioContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    void createRatingFunctions() throws SQLException {
        DB.execute("CREATE FUNCTION avg_stars() RETURNS DECIMAL(10, 2) READS SQL DATA RETURN (SELECT AVG(rating) FROM product)",
                "CREATE FUNCTION shop_score() RETURNS DECIMAL(10, 2) READS SQL DATA RETURN avg_stars() * 2",
                "CREATE FUNCTION unused_score() RETURNS INT DETERMINISTIC RETURN 1");
    }

    @Override
    String dropCountingTrigger() {
        return "DROP TRIGGER product_counted";
    }

    @Override
    void createCountingTrigger() throws SQLException {
        DB.execute("CREATE TABLE product_stats (id INT PRIMARY KEY, products INT)",
                "INSERT INTO product_stats VALUES (1, 0)",
                "CREATE TRIGGER product_counted AFTER INSERT ON product FOR EACH ROW"
                        + " UPDATE product_stats SET products = products + 1 WHERE id = 1");
    }

    @Override
    Tenant tenant(String name) throws SQLException {
        String database = DB.name() + "_" + name;
        DB.execute("CREATE DATABASE " + database, "CREATE TABLE " + database + ".orders (id INT PRIMARY KEY, total INT)");
        tenants.add(database);
        return new Tenant(database, "USE " + database, "SELECT total FROM orders",
                "ALTER TABLE " + database + ".orders DROP COLUMN total", "ALTER TABLE orders DROP COLUMN total");
    }

    private final java.util.List<String> tenants = new java.util.ArrayList<>();

    @AfterEach
    void dropTenants() throws SQLException {
        for (String database : tenants) {
            DB.execute("DROP DATABASE IF EXISTS " + database);
        }
    }
}
