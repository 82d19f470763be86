package dev.driftguard.cli;

import dev.driftguard.testsupport.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbAppRoleTest extends AppRoleContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    void createRole() throws SQLException {
        DB.execute("CREATE USER '" + role + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON `" + DB.name() + "`.product TO '" + role + "'@'%'",
                // without SHOW VIEW, information_schema shows the role an empty view definition
                "GRANT SELECT, SHOW VIEW ON `" + DB.name() + "`.rated TO '" + role + "'@'%'");
    }

    @Override
    String revokeAddUse() {
        return "REVOKE EXECUTE ON PROCEDURE `" + DB.name() + "`.driftguard_add_use FROM '" + role + "'@'%'";
    }

    @Override
    void dropRole() throws SQLException {
        DB.execute("DROP USER '" + role + "'@'%'");
    }

    @Override
    List<String> hostileStatements(String id, String catalog) {
        String target = "'" + id + "', 'shop', '1.0'";
        return List.of(
                "UPDATE driftguard_instance SET stopped_at = NOW(3)",
                "UPDATE driftguard_instance SET expires_at = NOW(3)",
                "DELETE FROM driftguard_instance",
                "INSERT INTO driftguard_instance (instance_id, app, version, started_at, last_heartbeat, expires_at)"
                        + " VALUES ('forever', 'evil', '1', NOW(3), NOW(3), NOW(3) + INTERVAL 100 YEAR)",
                "UPDATE driftguard_column_usage SET column_name = 'other'",
                "DELETE FROM driftguard_column_usage",
                "TRUNCATE driftguard_column_usage",
                "UPDATE driftguard_registry_meta SET meta_value = '0'",
                "DELETE FROM driftguard_registry_meta",
                "DROP VIEW driftguard_live_usage_by_database",
                "CREATE OR REPLACE VIEW driftguard_live_usage_by_database AS SELECT 1",
                "RENAME TABLE driftguard_instance TO gone",
                "CREATE TABLE driftguard_shadow (id INT)",
                "CALL driftguard_stop_instance(" + target + ", 'guessed')",
                "CALL driftguard_beat(" + target + ", 'guessed', 1, NULL)",
                "CALL driftguard_register(" + target + ", 'guessed', 1, 'h', 1)",
                "CALL driftguard_register('forever', 'evil', '1', 'mine', 2000000000, 'h', 1)",
                "CALL driftguard_add_usage('shop', '1.0', '" + catalog + "', '', 'product', 'rating', 'read', -1000000)");
    }
}
