package dev.driftguard.internal.registry;

import dev.driftguard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbRegistryTest extends RegistryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    String[] dropRegistry() {
        return new String[] {"DROP VIEW IF EXISTS driftguard_live_usage, driftguard_live_usage_by_database", "DROP TABLE IF EXISTS driftguard_column_usage, driftguard_declared_usage, driftguard_drift_incident, driftguard_instance, driftguard_override_log, driftguard_registry_meta"};
    }
}
