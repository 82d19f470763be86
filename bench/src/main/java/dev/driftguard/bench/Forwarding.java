package dev.driftguard.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.Statement;

/** A pass-through JDK proxy, the measuring stick for the cost of proxying itself. */
final class Forwarding implements InvocationHandler {

    private final Object target;

    private Forwarding(Object target) {
        this.target = target;
    }

    static <T> T wrap(T target, Class<T> type) {
        return type.cast(Proxy.newProxyInstance(Forwarding.class.getClassLoader(), new Class<?>[] {type},
                new Forwarding(target)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof CallableStatement) {
            return wrap((CallableStatement) result, CallableStatement.class);
        }
        if (result instanceof PreparedStatement) {
            return wrap((PreparedStatement) result, PreparedStatement.class);
        }
        if (result instanceof Statement) {
            return wrap((Statement) result, Statement.class);
        }
        return result;
    }
}
