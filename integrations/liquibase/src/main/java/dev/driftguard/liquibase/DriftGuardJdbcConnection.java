package dev.driftguard.liquibase;

import dev.driftguard.DriftGuardDriver;
import dev.driftguard.internal.base.ConnectionSource;
import dev.driftguard.internal.config.Settings;
import dev.driftguard.internal.sql.Dialect;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;

/**
 * The connection Liquibase opens from a URL (its command line, its Maven and Gradle plugins, {@code CommandScope}),
 * opened through driftguard: every statement Liquibase generates for a pending changeset — {@code dropColumn},
 * {@code renameColumn}, {@code modifyDataType}, {@code addNotNullConstraint}, {@code sql} — is checked against live
 * usage before it runs, and refused as the driver refuses it. Found by Liquibase on the class path (a
 * {@code DatabaseConnection} of higher priority than its own); the URL stays the vendor's. Nothing is recorded:
 * Liquibase's own statements are not an application's usage. Before an update executes anything,
 * {@link PendingChangeSetsCheck} checks all its pending changesets; this connection's check is the one that counts
 * for what that could not read in advance.
 */
public class DriftGuardJdbcConnection extends JdbcConnection {

    /**
     * Above Liquibase Pro's connection ({@code ProJdbcConnection}, priority 101), which its command line and Maven
     * plugin always carry, licensed or not: at Liquibase's own priority plus one this connection was never chosen
     * there. Pro's adds only the credentials its native executors ({@code runWith: psql}) reuse.
     */
    private static final int PRIORITY = 1_000;

    private String url;
    private Driver vendor;
    private Properties properties;

    /** For Liquibase, which creates connections it finds on the class path by their class. */
    public DriftGuardJdbcConnection() {
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    /** The databases driftguard guards; Liquibase's own connection serves the others, unchanged. */
    @Override
    public boolean supports(String url) {
        return url != null && Dialect.ofUrl(url) != Dialect.GENERIC;
    }

    @Override
    public void open(String url, Driver driverObject, Properties driverProperties) throws DatabaseException {
        this.url = url;
        this.vendor = driverObject;
        this.properties = new Properties();
        if (driverProperties != null) {
            properties.putAll(driverProperties);
        }
        super.open(url, new Guarded(driverObject), driverProperties);
    }

    /** Plain vendor connections to this connection's database, as Liquibase's user: for the catalog and registry. */
    ConnectionSource vendorConnections() {
        return () -> vendor.connect(url, properties);
    }

    /** The JDBC properties this connection was opened with: user, password, driftguard's settings. */
    Properties properties() {
        return properties;
    }

    /** The vendor's driver, reached through driftguard's: {@code jdbc:postgresql:…} becomes {@code jdbc:driftguard:postgresql:…}. */
    private static final class Guarded implements Driver {
        private final Driver vendor;
        private final DriftGuardDriver driftguard = new DriftGuardDriver();

        Guarded(Driver vendor) {
            this.vendor = vendor;
        }

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            Properties settings = new Properties();
            if (info != null) {
                settings.putAll(info);
            }
            settings.setProperty(Settings.RECORD, "off");
            settings.setProperty(Settings.DRIVER, vendor.getClass().getName());
            return driftguard.connect("jdbc:driftguard:" + url.substring("jdbc:".length()), settings);
        }

        @Override
        public boolean acceptsURL(String url) throws SQLException {
            return vendor.acceptsURL(url);
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
            return vendor.getPropertyInfo(url, info);
        }

        @Override
        public int getMajorVersion() {
            return vendor.getMajorVersion();
        }

        @Override
        public int getMinorVersion() {
            return vendor.getMinorVersion();
        }

        @Override
        public boolean jdbcCompliant() {
            return vendor.jdbcCompliant();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return vendor.getParentLogger();
        }
    }
}
