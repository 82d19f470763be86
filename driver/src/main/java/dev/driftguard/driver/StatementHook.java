package dev.driftguard.driver;

import dev.driftguard.sql.SqlText;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;

/**
 * Where datasource-proxy hands over every statement: DDL goes to the {@link DdlInterceptor} first (which may
 * refuse the whole call, batches included), then every statement to the {@link StatementListener}.
 */
final class StatementHook implements QueryExecutionListener, MethodExecutionListener {

    private static final Log LOG = Log.of(StatementHook.class);

    private final StatementListener listener;
    private final DdlInterceptor interceptor;
    private final AtomicBoolean warnedListenerFailure = new AtomicBoolean();

    StatementHook(StatementListener listener, DdlInterceptor interceptor) {
        this.listener = listener;
        this.interceptor = interceptor;
    }

    @Override
    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        for (int i = 0; i < queries.size(); i++) {
            String sql = queries.get(i).getQuery();
            if (sql != null && SqlText.containsDdl(sql)) {
                checkDdl(sql);
            }
        }
        for (int i = 0; i < queries.size(); i++) {
            tell(queries.get(i).getQuery());
        }
    }

    @Override
    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        // usage is recorded before the statement runs; nothing to do after
    }

    /** {@code nativeSQL} runs nothing, so datasource-proxy does not report it as a query. */
    @Override
    public void beforeMethod(MethodExecutionContext context) {
        if ("nativeSQL".equals(context.getMethod().getName())) {
            Object[] args = context.getMethodArgs();
            if (args != null && args.length == 1 && args[0] instanceof String) {
                tell((String) args[0]);
            }
        }
    }

    @Override
    public void afterMethod(MethodExecutionContext context) {
        // nothing to do after a method
    }

    private void checkDdl(String sql) {
        try {
            interceptor.beforeDdl(sql);
        } catch (SQLException refused) {
            throw Sneaky.<RuntimeException>rethrow(refused);
        }
    }

    private void tell(String sql) {
        if (sql == null) {
            return;
        }
        try {
            listener.statement(sql);
        } catch (RuntimeException | LinkageError e) {
            // never fail the application's statement for a fault in driftguard
            if (warnedListenerFailure.compareAndSet(false, true)) {
                LOG.warn("driftguard: usage recording failed and is skipped for this statement; the statement "
                        + "runs unaffected. Further failures are not logged.", e);
            }
        }
    }

    /**
     * datasource-proxy's listener methods cannot declare {@link SQLException}, but the JDBC methods that call them
     * do; rethrowing it unchecked lets the caller receive the refusal exactly as thrown.
     */
    private static final class Sneaky {
        @SuppressWarnings("unchecked")
        static <T extends Throwable> T rethrow(Throwable t) throws T {
            throw (T) t;
        }
    }
}
