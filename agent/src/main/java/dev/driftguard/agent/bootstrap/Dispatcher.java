package dev.driftguard.agent.bootstrap;

import java.util.function.Function;

/**
 * The one class the agent defines in the bootstrap class loader, so that code injected into any JDBC driver or
 * pool, whatever loaded it, can reach driftguard. Defined directly, without touching the boot class path, so
 * class-data sharing stays on. Every method returns normally whatever happens: it runs inside the application.
 */
public final class Dispatcher {

    /**
     * Wraps a connection: {@code {connection, source, url, info}} in, the connection for the application out. Set
     * once by the agent; a static field because classes in other class loaders can reach nothing else of the agent.
     */
    public static volatile Function<Object[], Object> wrapper;

    /** The arguments of the {@code Driver.connect} call under way on this thread. */
    private static final ThreadLocal<Object[]> CONNECTING = new ThreadLocal<>();

    private Dispatcher() {
    }

    /** At the entry of {@code Driver.connect(url, info)}. */
    public static void enterConnect(Object url, Object info) {
        try {
            CONNECTING.set(new Object[] {url, info});
        } catch (Throwable ignored) {
            // only the url and properties are missed; the connection is still wrapped
        }
    }

    /** At each return of {@code Driver.connect}: the connection the application gets. */
    public static Object exitConnect(Object connection, Object driver) {
        Object[] arguments = CONNECTING.get();
        CONNECTING.remove();
        return wrap(connection, driver, arguments == null ? null : arguments[0], arguments == null ? null : arguments[1]);
    }

    /** At each return of {@code DataSource.getConnection}: the connection the application gets. */
    public static Object exitGetConnection(Object connection, Object dataSource) {
        return wrap(connection, dataSource, null, null);
    }

    private static Object wrap(Object connection, Object source, Object url, Object info) {
        Function<Object[], Object> current = wrapper;
        if (current == null || connection == null) {
            return connection;
        }
        try {
            return current.apply(new Object[] {connection, source, url, info});
        } catch (Throwable e) {
            return connection;
        }
    }
}
