package dev.driftguard.cli;

import dev.driftguard.testsupport.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresAppRoleTest extends AppRoleContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    void createRole() throws SQLException {
        DB.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON product TO " + role, "GRANT SELECT ON rated TO " + role);
    }

    @Override
    String revokeAddUse() {
        return "REVOKE EXECUTE ON PROCEDURE driftguard.add_use(VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR,"
                + " VARCHAR, VARCHAR, VARCHAR, BIGINT) FROM " + role;
    }

    @Override
    void dropRole() throws SQLException {
        DB.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
    }

    @Override
    List<String> hostileStatements(String id, String catalog) {
        String target = "'" + id + "', 'shop', '1.0'";
        return List.of(
                "UPDATE driftguard.instance SET stopped_at = now()",
                "UPDATE driftguard.instance SET expires_at = now()",
                "DELETE FROM driftguard.instance",
                "INSERT INTO driftguard.instance (instance_id, app, version, started_at, last_heartbeat, expires_at)"
                        + " VALUES ('forever', 'evil', '1', now(), now(), now() + INTERVAL '100 years')",
                "UPDATE driftguard.column_usage SET column_name = 'other'",
                "DELETE FROM driftguard.column_usage",
                "TRUNCATE driftguard.column_usage",
                "UPDATE driftguard.registry_meta SET meta_value = '0'",
                "DELETE FROM driftguard.registry_meta",
                "DROP VIEW driftguard.live_usage_by_database",
                "CREATE OR REPLACE VIEW driftguard.live_usage_by_database AS SELECT * FROM driftguard.live_usage_by_database WHERE false",
                "ALTER TABLE driftguard.instance RENAME TO gone",
                "CREATE TABLE driftguard.shadow (id INT)",
                "SELECT driftguard.stop_instance(" + target + ", 'guessed')",
                "SELECT driftguard.beat(" + target + ", 'guessed', 1, NULL)",
                "SELECT driftguard.register(" + target + ", 'guessed', 1, 'h', 1)",
                "SELECT driftguard.register('forever', 'evil', '1', 'mine', 2000000000, 'h', 1)",
                "CALL driftguard.add_usage('shop', '1.0', '" + catalog + "', 'public', 'product', 'rating', 'read', -1000000)");
    }
}
