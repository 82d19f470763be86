package dev.driftguard.internal.jdbc;

import dev.driftguard.internal.sql.Lexer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Wrapper;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ConnectionInfo;
import net.ttddyy.dsproxy.proxy.JdbcProxyFactory;
import net.ttddyy.dsproxy.proxy.ProxyConfig;
import net.ttddyy.dsproxy.proxy.ProxyJdbcObject;

/**
 * driftguard's {@link JdbcProxyFactory}: JDK proxies that forward every call straight to the vendor object and
 * stop only at the calls that carry SQL ({@code execute*}, {@code addBatch}, {@code executeBatch},
 * {@code nativeSQL}) to hand it to the {@link StatementHook}. datasource-proxy's default factory builds a context
 * object, times and records every call (bind values included); driftguard needs none of that, and the benchmark
 * shows what it costs (docs/benchmarks.md). Result sets are not proxied. Each connection keeps the lexer its
 * session reads SQL with, which changes only when the session's own {@code SET} changes how literals are read.
 */
final class HookedProxies implements JdbcProxyFactory {

    private static final MethodHandle CONNECTION = constructor(Connection.class);
    private static final MethodHandle STATEMENT = constructor(Statement.class);
    private static final MethodHandle PREPARED_STATEMENT = constructor(PreparedStatement.class);
    private static final MethodHandle CALLABLE_STATEMENT = constructor(CallableStatement.class);

    private final StatementHook hook;

    HookedProxies(StatementHook hook) {
        this.hook = hook;
    }

    @Override
    public Connection createConnection(Connection connection, ConnectionInfo info, ProxyConfig config) {
        return proxy(Connection.class, CONNECTION, new ConnectionHandler(connection, config));
    }

    @Override
    public Statement createStatement(Statement statement, ConnectionInfo info, Connection proxyConnection,
                                     ProxyConfig config) {
        return proxy(Statement.class, STATEMENT,
                new StatementHandler(statement, null, proxyConnection, session(proxyConnection), config));
    }

    @Override
    public PreparedStatement createPreparedStatement(PreparedStatement statement, String sql, ConnectionInfo info,
                                                     Connection proxyConnection, ProxyConfig config, boolean keys) {
        return proxy(PreparedStatement.class, PREPARED_STATEMENT,
                new StatementHandler(statement, sql, proxyConnection, session(proxyConnection), config));
    }

    @Override
    public CallableStatement createCallableStatement(CallableStatement statement, String sql, ConnectionInfo info,
                                                     Connection proxyConnection, ProxyConfig config) {
        return proxy(CallableStatement.class, CALLABLE_STATEMENT,
                new StatementHandler(statement, sql, proxyConnection, session(proxyConnection), config));
    }

    /** driftguard wraps connections, never data sources: {@code DriftGuardDataSource} does that itself. */
    @Override
    public DataSource createDataSource(DataSource dataSource, ProxyConfig config) {
        return JdbcProxyFactory.DEFAULT.createDataSource(dataSource, config);
    }

    @Override
    public ResultSet createResultSet(ResultSet resultSet, ConnectionInfo info, ProxyConfig config) {
        return resultSet;
    }

    @Override
    public ResultSet createGeneratedKeys(ResultSet resultSet, ConnectionInfo info, ProxyConfig config) {
        return resultSet;
    }

    /** The session state of a driftguard connection proxy. */
    private ConnectionHandler session(Connection proxyConnection) {
        return (ConnectionHandler) Proxy.getInvocationHandler(proxyConnection);
    }

    private static <T> T proxy(Class<T> type, MethodHandle constructor, InvocationHandler handler) {
        try {
            return type.cast((Object) constructor.invokeExact(handler));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) { // a proxy's constructor declares no checked exception
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * The constructor of the proxy class for {@code type}, looked up once: {@code Proxy.newProxyInstance} looks the
     * class up again on every call, and that was an eighth of all the memory a transaction of prepared statements
     * allocated through driftguard (docs/benchmarks.md, the OLTP mix).
     */
    private static MethodHandle constructor(Class<?> type) {
        Class<?> proxyClass = Proxy.newProxyInstance(HookedProxies.class.getClassLoader(),
                new Class<?>[] {ProxyJdbcObject.class, type}, (proxy, method, args) -> null).getClass();
        try {
            return MethodHandles.publicLookup()
                    .findConstructor(proxyClass, MethodType.methodType(void.class, InvocationHandler.class))
                    .asType(MethodType.methodType(Object.class, InvocationHandler.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the JDK's proxy class for " + type.getName() + " has no public constructor", e);
        }
    }

    /** The calls every proxy answers itself: identity, unwrapping, and datasource-proxy's own interface. */
    private abstract static class Handler implements InvocationHandler {
        final Object target;
        final ProxyConfig config;

        Handler(Object target, ProxyConfig config) {
            this.target = target;
            this.config = config;
        }

        @Override
        public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "unwrap":
                    return ((Wrapper) target).unwrap((Class<?>) args[0]);
                case "isWrapperFor":
                    return ((Wrapper) target).isWrapperFor((Class<?>) args[0]);
                case "getTarget":
                    return target;
                case "getProxyConfig":
                    return config;
                case "toString":
                    return target.getClass().getSimpleName() + " [" + target + "]";
                case "hashCode":
                    return target.hashCode();
                case "equals":
                    return target.equals(args[0])
                            || (args[0] instanceof ProxyJdbcObject && target.equals(((ProxyJdbcObject) args[0]).getTarget()));
                default:
                    return handle(proxy, method, args);
            }
        }

        abstract Object handle(Object proxy, Method method, Object[] args) throws Throwable;

        final Object forward(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private final class ConnectionHandler extends Handler {
        /**
         * How this session reads SQL and where it resolves unqualified names; changed by the session's own SET and
         * USE statements and by setSchema/setCatalog, one thread at a time.
         */
        volatile Lexer lexer = hook.lexer();

        ConnectionHandler(Connection target, ProxyConfig config) {
            super(target, config);
        }

        @Override
        Object handle(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "createStatement":
                    return createStatement((Statement) forward(method, args), null, (Connection) proxy, config);
                case "prepareStatement":
                    return createPreparedStatement((PreparedStatement) forward(method, args), (String) args[0], null,
                            (Connection) proxy, config, false);
                case "prepareCall":
                    return createCallableStatement((CallableStatement) forward(method, args), (String) args[0], null,
                            (Connection) proxy, config);
                case "nativeSQL":
                    hook.nativeSql(lexer, (String) args[0]);
                    return forward(method, args);
                case "setSchema": {
                    Object result = forward(method, args);
                    lexer = lexer.afterSetSchema((String) args[0]);
                    return result;
                }
                case "setCatalog": {
                    Object result = forward(method, args);
                    lexer = lexer.afterSetCatalog((String) args[0]);
                    return result;
                }
                default:
                    return forward(method, args);
            }
        }
    }

    /** For Statement, PreparedStatement and CallableStatement; {@code sql} is null for a plain Statement. */
    private final class StatementHandler extends Handler {
        private final String sql;
        private final Connection proxyConnection;
        private final ConnectionHandler session;
        private List<String> batch;
        /** The hook's answers for {@link #sql}, in the session they were worked out for; replaced when it changes. */
        private StatementHook.PreparedText prepared;
        /** How the session read SQL when {@link #sql} last ran the ordinary way. */
        private Lexer ranIn;

        StatementHandler(Statement target, String sql, Connection proxyConnection, ConnectionHandler session,
                         ProxyConfig config) {
            super(target, config);
            this.sql = sql;
            this.proxyConnection = proxyConnection;
            this.session = session;
        }

        @Override
        Object handle(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "execute":
                case "executeQuery":
                case "executeUpdate":
                case "executeLargeUpdate":
                    if (args == null && sql != null && runsAgain()) {
                        return executePrepared(method);
                    }
                    String text = args != null && args[0] instanceof String ? (String) args[0] : sql;
                    Lexer lexer = session.lexer;
                    hook.before(lexer, text, (Connection) session.target);
                    Object result;
                    try {
                        result = forward(method, args);
                    } catch (SQLException error) {
                        hook.failed(lexer, text, error);
                        throw error;
                    }
                    Lexer after = text == null ? lexer : lexer.afterSessionChange(text);
                    if (after != lexer) { // a volatile write costs every statement; only SET and USE change it
                        session.lexer = after;
                    }
                    return result;
                case "addBatch":
                    if (args != null && args.length == 1 && args[0] instanceof String) {
                        if (batch == null) {
                            batch = new ArrayList<>();
                        }
                        batch.add((String) args[0]);
                    }
                    return forward(method, args);
                case "clearBatch":
                    batch = null;
                    return forward(method, args);
                case "executeBatch":
                case "executeLargeBatch":
                    List<String> queries = sql != null ? List.of(sql) : batch == null ? List.of() : batch;
                    batch = null;
                    hook.before(session.lexer, queries, (Connection) session.target);
                    return forward(method, args);
                case "getConnection":
                    return proxyConnection;
                case "setInt":
                case "setLong":
                case "setString":
                case "setObject":
                case "setNull":
                case "setTimestamp":
                case "setBigDecimal":
                    if (args.length == 2 && args[0] instanceof Integer) {
                        set(method.getName(), (Integer) args[0], args[1]);
                        return null;
                    }
                    return forward(method, args); // by parameter name, or with a length or calendar
                default:
                    return forward(method, args);
            }
        }

        /**
         * Whether this prepared statement's text runs again in a session that reads SQL the same way: its first
         * execution takes the ordinary way, so that a statement prepared, run once and closed — as most code
         * runs SQL — pays for nothing it does not use; from the second on, the hook's answers are kept.
         */
        private boolean runsAgain() {
            Lexer lexer = session.lexer;
            if (prepared != null && prepared.session == lexer) {
                return true;
            }
            if (ranIn == lexer) {
                prepared = hook.prepared(lexer, sql);
                return true;
            }
            ranIn = lexer;
            return false;
        }

        /**
         * A prepared statement runs its own text again: the hook's answers for it are kept for as long as the
         * session reads SQL the same way, and the call goes to the vendor directly.
         */
        private Object executePrepared(Method method) throws Throwable {
            StatementHook.PreparedText text = prepared;
            Lexer lexer = text.session;
            hook.before(text, (Connection) session.target);
            Object result;
            try {
                switch (method.getName()) {
                    case "executeQuery":
                        result = prepared().executeQuery();
                        break;
                    case "executeUpdate":
                        result = prepared().executeUpdate();
                        break;
                    case "execute":
                        result = prepared().execute();
                        break;
                    default:
                        result = forward(method, null);
                }
            } catch (SQLException error) {
                hook.failed(lexer, sql, error);
                throw error;
            }
            if (text.after != lexer) { // a volatile write costs every statement; only SET and USE change it
                session.lexer = text.after;
            }
            return result;
        }

        /** The setters a prepared statement is called with most, by parameter index, called directly. */
        private void set(String setter, int index, Object value) throws SQLException {
            PreparedStatement statement = prepared();
            switch (setter) {
                case "setInt":
                    statement.setInt(index, (Integer) value);
                    break;
                case "setLong":
                    statement.setLong(index, (Long) value);
                    break;
                case "setString":
                    statement.setString(index, (String) value);
                    break;
                case "setObject":
                    statement.setObject(index, value);
                    break;
                case "setNull":
                    statement.setNull(index, (Integer) value);
                    break;
                case "setTimestamp":
                    statement.setTimestamp(index, (Timestamp) value);
                    break;
                default:
                    statement.setBigDecimal(index, (BigDecimal) value);
            }
        }

        private PreparedStatement prepared() {
            return (PreparedStatement) target;
        }
    }
}
