package dev.driftguard.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** What every database the harness hands out must do: hold a table and give back what was written. */
abstract class RoundTripContract {

    abstract TestDatabase db();

    @Test
    void tableCreatedInTheFreshDatabaseReturnsTheInsertedRow() throws Exception {
        try (Connection connection = db().connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(40))");
            assertEquals(1, statement.executeUpdate("INSERT INTO product (id, name) VALUES (7, 'kettle')"));
            try (ResultSet rows = statement.executeQuery("SELECT id, name FROM product")) {
                assertTrue(rows.next());
                assertEquals(7, rows.getInt("id"));
                assertEquals("kettle", rows.getString("name"));
                assertFalse(rows.next());
            }
        }
    }

    @Test
    void urlNamesTheClassOwnDatabase() {
        assertTrue(db().url().contains(db().name()), db().url());
        assertTrue(db().name().startsWith("dg_"), db().name());
    }
}
