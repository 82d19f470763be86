package dev.driftguard.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.driftguard.agent.bootstrap.Dispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionTransformerTest {

    /** A driver as a vendor writes one: its connect returns from two places. */
    public static final class TwoExitDriver implements Driver {
        @Override
        public Connection connect(String url, Properties info) {
            if (url.endsWith("none")) {
                return null;
            }
            url = url.trim(); // a parameter reassigned before the return
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> null);
        }

        @Override
        public boolean acceptsURL(String url) {
            return true;
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() {
            return null;
        }
    }

    private final List<Object[]> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void noWrapper() {
        Dispatcher.wrapper = null;
    }

    private static byte[] bytesOf(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** {@code type} rewritten, in a loader of its own that sees the dispatcher of the test class path. */
    private static Driver rewritten(Class<? extends Driver> type) throws Exception {
        String name = type.getName();
        byte[] bytes = ConnectionTransformer.rewrite(bytesOf(type));
        assertNotNull(bytes, "not rewritten");
        ClassLoader loader = new ClassLoader(ConnectionTransformerTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
                if (className.equals(name)) {
                    return defineClass(className, bytes, 0, bytes.length);
                }
                return super.loadClass(className, resolve);
            }
        };
        return (Driver) loader.loadClass(name).getDeclaredConstructor().newInstance();
    }

    @Test
    void rewrittenDriverHandsEachConnectionWithItsUrlAndPropertiesToTheDispatcher() throws Exception {
        Driver driver = rewritten(TwoExitDriver.class);
        Connection wrapped = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> null);
        Dispatcher.wrapper = call -> {
            calls.add(call);
            return wrapped;
        };
        Properties info = new Properties();
        assertSame(wrapped, driver.connect(" jdbc:test:a ", info));
        assertArrayEquals(new Object[] {driver, " jdbc:test:a ", info}, new Object[] {calls.get(0)[1], calls.get(0)[2],
                calls.get(0)[3]});
    }

    @Test
    void nullFromTheDriverStaysNull() throws Exception {
        Driver driver = rewritten(TwoExitDriver.class);
        Dispatcher.wrapper = call -> {
            calls.add(call);
            return call[0];
        };
        assertNull(driver.connect("jdbc:test:none", new Properties()));
    }

    @Test
    void failingWrapperLeavesTheApplicationItsConnection() throws Exception {
        Driver driver = rewritten(TwoExitDriver.class);
        Dispatcher.wrapper = call -> {
            throw new IllegalStateException("driftguard bug");
        };
        assertNotNull(driver.connect("jdbc:test:a", new Properties()));
    }

    @Test
    void classWithoutConnectionMethodsIsLeftAsItIs() throws IOException {
        assertNull(ConnectionTransformer.rewrite(bytesOf(ConnectionTransformerTest.class)));
    }
}
