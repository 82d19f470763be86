package dev.driftguard;

import dev.driftguard.internal.base.JdbcUrls;
import dev.driftguard.internal.jdbc.RealDrivers;
import dev.driftguard.internal.config.Settings;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver for {@code jdbc:driftguard:<real url without jdbc:>} URLs, e.g.
 * {@code jdbc:driftguard:postgresql://127.0.0.1:5432/shop}. Registered with {@link DriverManager} on load.
 */
public final class DriftGuardDriver implements Driver {

    /** The registered instance: the one piece of process-wide state, holding what is shared per process. */
    private static final DriftGuardDriver REGISTERED = new DriftGuardDriver();

    static {
        try {
            DriverManager.registerDriver(REGISTERED);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final DriftGuardRuntime runtime;

    /** Instantiated by {@link java.util.ServiceLoader} and frameworks; all instances share the registered one's state. */
    public DriftGuardDriver() {
        this.runtime = REGISTERED == null ? new DriftGuardRuntime() : REGISTERED.runtime;
    }

    /** The process-wide state every connection shares. */
    static DriftGuardRuntime runtime() {
        return REGISTERED.runtime;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        String realUrl = realUrl(url);
        Settings settings = Settings.resolve(info, runtime.environment());
        Driver real = RealDrivers.find(realUrl, settings.driver());
        Properties realInfo = withoutSettings(info);
        Connection connection = real.connect(realUrl, realInfo);
        if (connection == null) {
            throw new SQLException(real.getClass().getName() + " accepted " + JdbcUrls.mask(realUrl)
                    + " but returned no connection. Check the URL after jdbc:driftguard:.", "08001");
        }
        Properties credentials = realInfo == null ? new Properties() : realInfo;
        return runtime.recording(realUrl, settings, () -> real.connect(realUrl, credentials), credentials)
                .wrapper.wrap(connection);
    }

    @Override
    public boolean acceptsURL(String url) {
        return JdbcUrls.isDriftGuard(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return new DriverPropertyInfo[0];
        }
        String realUrl = realUrl(url);
        Settings settings = Settings.resolve(info, runtime.environment());
        DriverPropertyInfo[] real = RealDrivers.find(realUrl, settings.driver()).getPropertyInfo(realUrl, withoutSettings(info));
        List<String> keys = Settings.keys();
        DriverPropertyInfo[] all = Arrays.copyOf(real, real.length + keys.size());
        for (int i = 0; i < keys.size(); i++) {
            DriverPropertyInfo property = new DriverPropertyInfo(keys.get(i), info == null ? null : info.getProperty(keys.get(i)));
            property.description = "driftguard setting; see docs/configuration.md";
            all[real.length + i] = property;
        }
        return all;
    }

    @Override
    public int getMajorVersion() {
        return 0;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    /** A wrapper is only as compliant as the driver it wraps, which it cannot know in advance. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("dev.driftguard");
    }

    private static String realUrl(String url) throws SQLException {
        String realUrl = JdbcUrls.realUrl(url);
        if (realUrl.length() <= "jdbc:".length() || realUrl.startsWith("jdbc:driftguard:")) {
            throw new SQLException("Not a usable driftguard URL: " + JdbcUrls.mask(url) + ". Write jdbc:driftguard: "
                    + "followed by the database's own URL without its jdbc: prefix, e.g. "
                    + "jdbc:driftguard:postgresql://127.0.0.1:5432/shop.", "08001");
        }
        return realUrl;
    }

    /** driftguard's own keys are not the real driver's business (H2, for one, rejects unknown settings). */
    static Properties withoutSettings(Properties info) {
        if (info == null || info.stringPropertyNames().stream().noneMatch(Settings::isSettingKey)) {
            return info;
        }
        Properties copy = new Properties();
        for (String name : info.stringPropertyNames()) {
            if (!Settings.isSettingKey(name)) {
                copy.setProperty(name, info.getProperty(name));
            }
        }
        info.forEach((key, value) -> {
            if (!(value instanceof String) && !Settings.isSettingKey(key)) {
                copy.put(key, value);
            }
        });
        return copy;
    }
}
