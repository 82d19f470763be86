package dev.driftguard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresDriftIncidentTest extends DriftIncidentContract {

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

    /** The measured fault: names from {@code 'x'::regclass} and {@code nextval('x')} reached drift_incident. */
    @Test
    void aNameTheDatabaseReadFromALiteralIsNotKept() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.executeQuery("SELECT 'marker_regclass_9c1'::regclass"));
            assertThrows(SQLException.class, () -> statement.executeQuery("SELECT nextval('marker_sequence_9c1')"));
            assertThrows(SQLException.class, () -> statement.executeQuery("SELECT id FROM marker_table_9c1"));
        }
        Await.until("the three incidents in the registry", Duration.ofSeconds(30),
                () -> incidents().lines().count() == 3);
        assertFalse(incidents().contains("marker_regclass") || incidents().contains("marker_sequence"), incidents());
        org.junit.jupiter.api.Assertions.assertTrue(incidents().contains("marker_table_9c1.null undefined_table"),
                "a name the statement itself uses is kept: " + incidents());
    }
}
