package dev.driftguard.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import net.ttddyy.dsproxy.ConnectionInfo;
import net.ttddyy.dsproxy.proxy.JdbcProxyFactory;
import net.ttddyy.dsproxy.proxy.ProxyConfig;

/** The ways a benchmark reaches the database, from none at all to driftguard. */
enum Wrapping {
    RAW {
        @Override
        Connection connect(String url, Properties credentials) throws SQLException {
            return DriverManager.getConnection(url, credentials);
        }
    },
    /**
     * A bare JDK dynamic proxy that only forwards calls (statements wrapped too): the least any proxy-based
     * JdbcProxyFactory can cost, and so the floor for what a faster factory than datasource-proxy's would reach.
     */
    JDK_PROXY {
        @Override
        Connection connect(String url, Properties credentials) throws SQLException {
            return Forwarding.wrap(DriverManager.getConnection(url, credentials), Connection.class);
        }
    },
    /** datasource-proxy with nothing listening: the cost of the proxy layer driftguard is built on. */
    DATASOURCE_PROXY {
        @Override
        Connection connect(String url, Properties credentials) throws SQLException {
            ConnectionInfo info = new ConnectionInfo();
            info.setConnectionId("1");
            return JdbcProxyFactory.DEFAULT.createConnection(DriverManager.getConnection(url, credentials), info,
                    ProxyConfig.Builder.create().build());
        }
    },
    /** p6spy's own driver with its logging module left out. */
    P6SPY {
        @Override
        Connection connect(String url, Properties credentials) throws SQLException {
            System.setProperty("p6spy.config.modulelist", "com.p6spy.engine.spy.P6SpyFactory");
            System.setProperty("p6spy.config.autoflush", "false");
            return DriverManager.getConnection("jdbc:p6spy:" + url.substring("jdbc:".length()), credentials);
        }
    },
    DRIFTGUARD {
        @Override
        Connection connect(String url, Properties credentials) throws SQLException {
            Properties properties = new Properties();
            properties.putAll(credentials);
            properties.setProperty("driftguard.app", "bench");
            properties.setProperty("driftguard.version", "1");
            return DriverManager.getConnection("jdbc:driftguard:" + url.substring("jdbc:".length()), properties);
        }
    };

    abstract Connection connect(String url, Properties credentials) throws SQLException;
}
