package dev.driftguard.internal.jdbc;

import dev.driftguard.internal.sql.Lexer;
import java.sql.Connection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.ttddyy.dsproxy.ConnectionIdManager;
import net.ttddyy.dsproxy.ConnectionInfo;
import net.ttddyy.dsproxy.proxy.ProxyConfig;
import net.ttddyy.dsproxy.proxy.ProxyJdbcObject;

/** Wraps vendor connections so that every statement reaches the hooks; one instance serves many connections. */
public final class ConnectionWrapper {

    private static final String DATA_SOURCE_NAME = "driftguard";

    private final ProxyConfig config;
    private final ConnectionIds ids = new ConnectionIds();

    /**
     * A wrapper that tells {@code listener} every statement and lets {@code interceptor} refuse DDL, reading the
     * statements with the database's {@code lexer}.
     */
    public ConnectionWrapper(Lexer lexer, StatementListener listener, DdlInterceptor interceptor) {
        this.config = ProxyConfig.Builder.create()
                .dataSourceName(DATA_SOURCE_NAME)
                .jdbcProxyFactory(new HookedProxies(new StatementHook(lexer, listener, interceptor)))
                .connectionIdManager(ids)
                .build();
    }

    /** {@code real} behind driftguard; a connection that already is a driftguard one is returned as it is. */
    public Connection wrap(Connection real) {
        if (isWrapped(real)) {
            return real;
        }
        ConnectionInfo info = new ConnectionInfo();
        info.setConnectionId(ids.getId(real));
        info.setDataSourceName(DATA_SOURCE_NAME);
        return config.getJdbcProxyFactory().createConnection(real, info, config);
    }

    /** The interface every driftguard connection implements, for {@code isWrapperFor} through other wrappers. */
    public static Class<?> proxyType() {
        return ProxyJdbcObject.class;
    }

    /** Whether {@code connection} is already wrapped by driftguard (an application's own datasource-proxy is not). */
    public static boolean isWrapped(Connection connection) {
        return connection instanceof ProxyJdbcObject
                && DATA_SOURCE_NAME.equals(((ProxyJdbcObject) connection).getProxyConfig().getDataSourceName());
    }

    /**
     * Ids without bookkeeping: datasource-proxy's default manager locks on every connect and keeps the id of every
     * connection that is never closed. driftguard needs no list of open connections.
     */
    private static final class ConnectionIds implements ConnectionIdManager {
        private final AtomicLong next = new AtomicLong();

        @Override
        public String getId(Connection connection) {
            return Long.toString(next.incrementAndGet());
        }

        @Override
        public void addClosedId(String closedId) {
            // nothing is tracked
        }

        @Override
        public Set<String> getOpenConnectionIds() {
            return Collections.emptySet();
        }
    }
}
