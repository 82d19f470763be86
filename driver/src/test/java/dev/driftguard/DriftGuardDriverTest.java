package dev.driftguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.jdbc.ConnectionWrapper;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DriftGuardDriverTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    private final Driver driver = new DriftGuardDriver();

    @Test
    void driverManagerFindsDriftGuardForThePrefix() throws SQLException {
        assertTrue(DriverManager.getDriver(DB.driftguardUrl()) instanceof DriftGuardDriver);
    }

    @Test
    void otherUrlsAreNotAccepted() throws SQLException {
        assertFalse(driver.acceptsURL(DB.url()));
        assertNull(driver.connect(DB.url(), DB.credentials()));
    }

    /** The measured fault: an app name over 200 characters made every later publication of the process fail. */
    @Test
    void namesTheRegistryCannotHoldAreRefusedAtConnectSayingWhichSettingToChange() {
        Properties longApp = DB.credentials();
        longApp.setProperty("driftguard.app", "a".repeat(201));
        SQLException tooLong = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> driver.connect(DB.driftguardUrl(), longApp));
        assertEquals("08001", tooLong.getSQLState());
        assertTrue(tooLong.getMessage().contains("driftguard.app is 201 characters long")
                && tooLong.getMessage().contains("at most 200"), tooLong.getMessage());

        Properties nul = DB.credentials();
        nul.setProperty("driftguard.app", "shop");
        nul.setProperty("driftguard.version", "1.0\u0000beta");
        SQLException withNul = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> driver.connect(DB.driftguardUrl(), nul));
        assertTrue(withNul.getMessage().contains("driftguard.version contains a NUL"), withNul.getMessage());

        longApp.setProperty("driftguard.record", "off"); // nothing is published: nothing to refuse
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> driver.connect(DB.driftguardUrl(), longApp).close());
    }

    @Test
    void connectionGoesThroughDriftGuardToTheRealDatabase() throws SQLException {
        try (Connection connection = driver.connect(DB.driftguardUrl(), DB.credentials())) {
            assertTrue(ConnectionWrapper.isWrapped(connection));
            assertEquals("H2", connection.getMetaData().getDatabaseProductName());
        }
    }

    @Test
    void driftGuardSettingsAreNotPassedToTheRealDriver() throws SQLException {
        Properties info = DB.credentials();
        info.setProperty("driftguard.app", "shop");
        info.setProperty("driftguard.version", "1.4.0");
        try (Connection connection = driver.connect(DB.driftguardUrl(), info)) {
            assertTrue(connection.isValid(2));
        }
    }

    @Test
    void namedRealDriverIsUsed() throws SQLException {
        Properties info = DB.credentials();
        info.setProperty("driftguard.driver", "org.h2.Driver");
        try (Connection connection = driver.connect(DB.driftguardUrl(), info)) {
            assertTrue(connection.isWrapperFor(org.h2.jdbc.JdbcConnection.class));
        }
    }

    @Test
    void namedDriverThatIsMissingSaysWhatToDo() {
        Properties info = DB.credentials();
        info.setProperty("driftguard.driver", "com.example.NoSuchDriver");
        SQLException error = assertThrows(SQLException.class, () -> driver.connect(DB.driftguardUrl(), info));
        assertTrue(error.getMessage().contains("com.example.NoSuchDriver"), error.getMessage());
        assertTrue(error.getMessage().contains("class path"), error.getMessage());
    }

    @Test
    void urlWithoutARealDriverNamesTheMaskedUrlAndWhatToAdd() {
        SQLException error = assertThrows(SQLException.class,
                () -> driver.connect("jdbc:driftguard:nosuchdb://db:1234/shop?password=s3cret", new Properties()));
        assertEquals("08001", error.getSQLState());
        assertTrue(error.getMessage().contains("jdbc:nosuchdb://db:1234/shop?password=***"), error.getMessage());
        assertFalse(error.getMessage().contains("s3cret"), error.getMessage());
        assertTrue(error.getMessage().contains("driftguard.driver"), error.getMessage());
    }

    @Test
    void prefixWithoutARealUrlSaysHowToWriteIt() {
        SQLException error = assertThrows(SQLException.class, () -> driver.connect("jdbc:driftguard:", new Properties()));
        assertTrue(error.getMessage().contains("jdbc:driftguard:postgresql://"), error.getMessage());
    }

    @Test
    void propertyInfoComesFromTheRealDriverPlusDriftGuardSettings() throws SQLException {
        DriverPropertyInfo[] properties = driver.getPropertyInfo(DB.driftguardUrl(), new Properties());
        assertTrue(Arrays.stream(properties).anyMatch(p -> p.name.equals("driftguard.app")));
        DriverPropertyInfo[] real = new org.h2.Driver().getPropertyInfo(DB.url(), new Properties());
        assertEquals(real.length + dev.driftguard.internal.config.Settings.keys().size(), properties.length);
    }
}
