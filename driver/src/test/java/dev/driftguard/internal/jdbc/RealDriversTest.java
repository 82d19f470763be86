package dev.driftguard.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Driver;
import net.ttddyy.dsproxy.proxy.ProxyConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Application servers and fat jars load the application's JDBC driver in a class loader that DriverManager does
 * not let driftguard see. Here driftguard and H2 each get a loader of their own, as they would there.
 */
class RealDriversTest {

    private URLClassLoader driftGuardLoader;
    private URLClassLoader applicationLoader;
    private ClassLoader previousContext;

    @BeforeEach
    void separateLoaders() throws URISyntaxException {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        driftGuardLoader = new URLClassLoader(new URL[] {location(RealDrivers.class), location(ProxyConfig.class)}, platform);
        applicationLoader = new URLClassLoader(new URL[] {location(org.h2.Driver.class)}, platform);
        previousContext = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(applicationLoader);
    }

    @AfterEach
    void restore() throws Exception {
        Thread.currentThread().setContextClassLoader(previousContext);
        driftGuardLoader.close();
        applicationLoader.close();
    }

    @Test
    void driverOnlyTheContextClassLoaderOffersIsFound() throws Exception {
        assertSame(applicationLoader, find("jdbc:h2:mem:tccl", null).getClass().getClassLoader());
    }

    @Test
    void namedDriverIsLoadedThroughTheContextClassLoader() throws Exception {
        assertSame(applicationLoader, find("jdbc:h2:mem:tccl", "org.h2.Driver").getClass().getClassLoader());
    }

    private Driver find(String url, String driverClass) throws Exception {
        Class<?> isolated = driftGuardLoader.loadClass(RealDrivers.class.getName());
        return (Driver) isolated.getMethod("find", String.class, String.class).invoke(null, url, driverClass);
    }

    private static URL location(Class<?> type) throws URISyntaxException {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
