package dev.driftguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * driftguard.jar as an application meets it: on a class path with its own, other versions of JSqlParser and
 * Caffeine, H2 as the real driver, and no SLF4J at all.
 */
class ShadedJarIT {

    private static final Path JAR = Path.of(System.getProperty("driftguard.jar"));
    private static final Path LIBS = Path.of(System.getProperty("it.libs"));

    private URLClassLoader application;

    @BeforeEach
    void applicationClassPath() throws MalformedURLException {
        application = new URLClassLoader(new URL[] {url(JAR), url(LIBS.resolve("jsqlparser-4.9.jar")),
            url(LIBS.resolve("caffeine-2.9.3.jar")), url(LIBS.resolve(h2JarName()))}, ClassLoader.getPlatformClassLoader());
    }

    @AfterEach
    void close() throws IOException {
        application.close();
    }

    @Test
    void jarHoldsOnlyDriftGuardClasses() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> foreign = jar.stream().map(JarEntry::getName)
                    .filter(name -> name.endsWith(".class") && !name.startsWith("dev/driftguard/"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), foreign);
        }
    }

    /** The command line and the reports live in driftguard-cli.jar; an application never loads them. */
    @Test
    void jarHoldsNoCommandLineOrReportCode() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> tooling = jar.stream().map(JarEntry::getName)
                    .filter(name -> name.startsWith("dev/driftguard/cli/") || name.startsWith("dev/driftguard/internal/report/"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), tooling);
        }
    }

    @Test
    void driverWorksWithoutSlf4jOnTheClassPath() throws Exception {
        assertThrows(ClassNotFoundException.class, () -> application.loadClass("org.slf4j.LoggerFactory"));
        Class.forName("org.h2.Driver", true, application);
        Driver driver = (Driver) Class.forName("dev.driftguard.DriftGuardDriver", true, application)
                .getDeclaredConstructor().newInstance();
        Properties credentials = new Properties();
        credentials.setProperty("user", "sa");
        try (Connection connection = driver.connect("jdbc:driftguard:h2:mem:shaded", credentials);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT 6 * 7")) {
            assertTrue(rows.next());
            assertEquals(42, rows.getInt(1));
        }
    }

    @Test
    void applicationsOwnJsqlParserWorksBesideTheShadedOne() throws Exception {
        assertParses("net.sf.jsqlparser.parser.CCJSqlParserUtil", "jsqlparser-4.9.jar");
        assertParses("dev.driftguard.shaded.net.sf.jsqlparser.parser.CCJSqlParserUtil", "driftguard.jar");
    }

    @Test
    void applicationsOwnCaffeineWorksBesideTheShadedOne() throws Exception {
        assertBuildsCache("com.github.benmanes.caffeine.cache.Caffeine", "caffeine-2.9.3.jar");
        assertBuildsCache("dev.driftguard.shaded.com.github.benmanes.caffeine.cache.Caffeine", "driftguard.jar");
    }

    private void assertParses(String utilClass, String expectedJar) throws Exception {
        Class<?> util = Class.forName(utilClass, true, application);
        assertTrue(util.getProtectionDomain().getCodeSource().getLocation().getPath().endsWith(expectedJar));
        Object statement = util.getMethod("parse", String.class).invoke(null, "SELECT name FROM product");
        assertEquals("SELECT name FROM product", statement.toString());
    }

    private void assertBuildsCache(String builderClass, String expectedJar) throws Exception {
        Class<?> builder = Class.forName(builderClass, true, application);
        assertTrue(builder.getProtectionDomain().getCodeSource().getLocation().getPath().endsWith(expectedJar));
        Object cache = builder.getMethod("build").invoke(builder.getMethod("newBuilder").invoke(null));
        Class<?> cacheType = Class.forName(builderClass.replace("Caffeine", "Cache"), true, application);
        cacheType.getMethod("put", Object.class, Object.class).invoke(cache, "k", "v");
        assertEquals("v", cacheType.getMethod("getIfPresent", Object.class).invoke(cache, "k"));
    }

    private static String h2JarName() {
        String path = org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static URL url(Path path) throws MalformedURLException {
        return path.toUri().toURL();
    }
}
