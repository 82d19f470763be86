package dev.driftguard.spring;

import dev.driftguard.DriftGuard;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Flyway's migrations, which Spring Boot runs on the application's DataSource at start-up, are a migration's: the
 * guard checks them as ever, and their statements are not recorded as the application's usage
 * ({@link DriftGuard#beginMigration()}). A Flyway callback bean, which Spring Boot hands to Flyway.
 */
final class FlywayMigrationScope implements Callback {

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE || event == Event.AFTER_MIGRATE || event == Event.AFTER_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (event == Event.BEFORE_MIGRATE) {
            DriftGuard.beginMigration();
        } else {
            DriftGuard.endMigration();
        }
    }

    @Override
    public String getCallbackName() {
        return "driftguard migration scope";
    }
}
