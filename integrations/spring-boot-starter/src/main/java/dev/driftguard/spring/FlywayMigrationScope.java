package dev.driftguard.spring;

import dev.driftguard.DriftGuard;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.flywaydb.core.api.callback.Callback;

/**
 * Flyway's migrations, which Spring Boot runs on the application's DataSource at start-up, are a migration's: the
 * guard checks them as ever, and their statements are not recorded as the application's usage
 * ({@link DriftGuard#beginMigration()}). A Flyway callback bean, which Spring Boot hands to Flyway.
 *
 * <p>A proxy of Flyway's {@code Callback}, not a class implementing it: Flyway 11 (Spring Boot 3.5) declares its
 * methods on {@code Event}, Flyway 12 on inherits them from a generic {@code GenericCallback}, and a class compiled
 * against either cannot be loaded, or is never called, on the other.
 */
final class FlywayMigrationScope implements InvocationHandler {

    private static final String NAME = "driftguard migration scope";

    private FlywayMigrationScope() {
    }

    /** The callback, for the Flyway on the class path. */
    static Callback callback() {
        return (Callback) Proxy.newProxyInstance(Callback.class.getClassLoader(), new Class<?>[] {Callback.class},
                new FlywayMigrationScope());
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "supports":
                return starts(args[0]) || ends(args[0]);
            case "canHandleInTransaction":
                return true;
            case "handle":
                if (starts(args[0])) {
                    DriftGuard.beginMigration();
                } else if (ends(args[0])) {
                    DriftGuard.endMigration();
                }
                return null;
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default: // getCallbackName, toString
                return NAME;
        }
    }

    private static boolean starts(Object event) {
        return "BEFORE_MIGRATE".equals(name(event));
    }

    private static boolean ends(Object event) {
        return "AFTER_MIGRATE".equals(name(event)) || "AFTER_MIGRATE_ERROR".equals(name(event));
    }

    /** Flyway's events are the constants of its {@code Event} enum, in every version. */
    private static String name(Object event) {
        return event instanceof Enum ? ((Enum<?>) event).name() : "";
    }
}
