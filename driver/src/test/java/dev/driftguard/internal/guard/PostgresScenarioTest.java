package dev.driftguard.internal.guard;

import dev.driftguard.testsupport.TestDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresScenarioTest extends ScenarioContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    void createRatingFunctions() throws SQLException {
        DB.execute("CREATE FUNCTION avg_stars() RETURNS numeric LANGUAGE sql AS 'SELECT avg(rating) FROM product'",
                "CREATE FUNCTION shop_score() RETURNS numeric LANGUAGE sql AS $$SELECT avg_stars() * 2$$",
                "CREATE FUNCTION unused_score() RETURNS numeric LANGUAGE sql AS 'SELECT 1'");
    }

    @Override
    String dropCountingTrigger() {
        return "DROP TRIGGER product_counted ON product";
    }

    @Override
    void createCountingTrigger() throws SQLException {
        DB.execute("CREATE TABLE product_stats (id INT PRIMARY KEY, products INT)",
                "INSERT INTO product_stats VALUES (1, 0)",
                "CREATE OR REPLACE FUNCTION count_product() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " UPDATE product_stats SET products = products + 1 WHERE id = 1; RETURN NEW; END $$",
                "CREATE TRIGGER product_counted AFTER INSERT ON product FOR EACH ROW EXECUTE FUNCTION count_product()");
    }

    /** Quoted mixed-case names, as the tenant used: "Order"."Total". */
    @Override
    Tenant tenant(String name) throws SQLException {
        DB.execute("CREATE SCHEMA " + name, "CREATE TABLE " + name + ".\"Order\" (id INT PRIMARY KEY, \"Total\" INT)");
        return new Tenant(name, "SET search_path TO " + name, "SELECT \"Total\" FROM \"Order\"",
                "ALTER TABLE " + name + ".\"Order\" DROP COLUMN \"Total\"", "ALTER TABLE \"Order\" DROP COLUMN \"Total\"");
    }
}
