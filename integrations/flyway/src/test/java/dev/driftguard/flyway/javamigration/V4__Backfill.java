package dev.driftguard.flyway.javamigration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A Java migration, which the callback cannot read: what it changes is known only when it runs. */
public class V4__Backfill extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("UPDATE product SET name = 'backfilled'");
        }
    }
}
