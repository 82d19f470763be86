package dev.driftguard.internal.jdbc;

import dev.driftguard.internal.base.JdbcUrls;
import dev.driftguard.internal.config.Settings;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the vendor driver for a real URL: the class named by {@code driftguard.driver}, else any driver
 * {@link DriverManager} knows, else any driver the thread context class loader offers (application servers and
 * fat jars, where DriverManager cannot see the application's drivers). Never driftguard itself.
 */
public final class RealDrivers {

    private static final String SELF = "dev.driftguard.DriftGuardDriver";
    private static final int MAX_BROKEN_SERVICE_ENTRIES = 16;

    private RealDrivers() {
    }

    /** The driver that accepts {@code realUrl}; an {@link SQLException} that says what to do when none does. */
    public static Driver find(String realUrl, String driverClass) throws SQLException {
        if (driverClass != null) {
            return named(realUrl, driverClass);
        }
        Enumeration<Driver> registered = DriverManager.getDrivers();
        while (registered.hasMoreElements()) {
            Driver driver = registered.nextElement();
            if (accepts(driver, realUrl)) {
                return driver;
            }
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            Iterator<Driver> offered = ServiceLoader.load(Driver.class, context).iterator();
            for (int broken = 0; broken < MAX_BROKEN_SERVICE_ENTRIES; ) {
                try {
                    if (!offered.hasNext()) {
                        break;
                    }
                    Driver driver = offered.next();
                    if (accepts(driver, realUrl)) {
                        return driver;
                    }
                } catch (ServiceConfigurationError e) {
                    broken++; // a broken entry of some unrelated jar must not stop the search
                }
            }
        }
        throw new SQLException("driftguard found no JDBC driver for " + JdbcUrls.mask(realUrl) + ". Put the database's "
                + "JDBC driver on the class path next to driftguard (for example org.postgresql:postgresql or "
                + "org.mariadb.jdbc:mariadb-java-client), or name its class with the setting " + Settings.DRIVER + ".",
                "08001");
    }

    private static Driver named(String realUrl, String driverClass) throws SQLException {
        Class<?> type = load(driverClass);
        Driver driver;
        try {
            driver = (Driver) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new SQLException(Settings.DRIVER + "=" + driverClass + " is not a java.sql.Driver with a public "
                    + "no-argument constructor: " + e, "08001", e);
        }
        if (!driver.acceptsURL(realUrl)) {
            throw new SQLException(Settings.DRIVER + "=" + driverClass + " does not accept " + JdbcUrls.mask(realUrl)
                    + ". Check the URL after jdbc:driftguard:, or name the driver for this database.", "08001");
        }
        return driver;
    }

    private static Class<?> load(String driverClass) throws SQLException {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, RealDrivers.class.getClassLoader()}) {
            if (loader != null) {
                try {
                    return Class.forName(driverClass, true, loader);
                } catch (ClassNotFoundException e) {
                    // try the next loader
                }
            }
        }
        throw new SQLException(Settings.DRIVER + "=" + driverClass + " names a class that is not on the class path. "
                + "Add the JDBC driver's jar, or correct the class name.", "08001");
    }

    private static boolean accepts(Driver driver, String realUrl) {
        if (SELF.equals(driver.getClass().getName())) {
            return false;
        }
        try {
            return driver.acceptsURL(realUrl);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

}
