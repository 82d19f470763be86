package dev.driftguard.internal.guard;

import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.testsupport.TestDatabase;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.RegisterExtension;

/** H2 runs every statement of a script but answers only the first, so only the catalog is its oracle here. */
class H2ServerOracleTest extends ServerOracleContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    Dialect dialect() {
        return Dialect.H2;
    }

    @Override
    String multiStatementOption() {
        return "";
    }

    @Override
    String schema() {
        return "PUBLIC";
    }

    @Override
    String schemaPattern() {
        return "PUBLIC";
    }

    @Override
    String spelled(String table) {
        return table.toUpperCase(Locale.ROOT);
    }

    @Override
    boolean answersEveryStatement() {
        return false;
    }

    @Override
    List<String> reset() {
        return List.of("DROP TABLE IF EXISTS p", "DROP TABLE IF EXISTS victim", "DROP TABLE IF EXISTS t2",
                "CREATE TABLE p (id int PRIMARY KEY, rating int, \"p.q\" int)",
                "CREATE TABLE victim (id int, note varchar(20))", "CREATE TABLE t2 (a int, b varchar(40))");
    }

    @Override
    List<String> cases() {
        return List.of(
                // bypasses: H2 runs the DDL
                "/* a /* b */ c */ ALTER TABLE p DROP COLUMN rating",
                "SELECT 1 // c\n; ALTER TABLE p DROP COLUMN rating",
                "SELECT 'C:\\'; ALTER TABLE p DROP COLUMN rating; -- '",
                "SELECT $$ ' $$; ALTER TABLE p DROP COLUMN rating",
                "EXECUTE IMMEDIATE 'ALTER TABLE p DROP COLUMN rating'",
                "ALTER TABLE p DROP COLUMN \"p.q\"",
                "ALTER TABLE p DROP COLUMN U&\"RATIN\\0047\"",
                // false refusals: H2 runs no DDL
                "SELECT 1 /* a /* ; */ ALTER TABLE p DROP COLUMN rating */",
                "SELECT $$ ; ALTER TABLE p DROP COLUMN rating $$",
                "SELECT 'a; ALTER TABLE p DROP COLUMN rating'",
                "SELECT 1 // ; ALTER TABLE p DROP COLUMN rating");
    }

    @Override
    List<List<String>> sessionCases() {
        return List.of();
    }

    @Override
    Fragments fragments() {
        return new Fragments(
                List.of("", "/* x */ ", "-- c;\n", "// c;\n", "/* a /* ; */ b */ "),
                List.of("SELECT 1", "SELECT 'C:\\'", "SELECT $$;$$", "SELECT 'ALTER TABLE p DROP COLUMN rating'",
                        "INSERT INTO t2 (a, b) VALUES (1, ';')"),
                List.of("ALTER TABLE p DROP COLUMN rating", "ALTER TABLE p ALTER COLUMN rating RENAME TO stars",
                        "DROP TABLE victim", "EXECUTE IMMEDIATE 'ALTER TABLE p DROP COLUMN rating'"),
                List.of("ALTER TABLE p ADD COLUMN extra int", "CREATE INDEX p_rating ON p (rating)"),
                List.of("SELECT $$ %s $$", "SELECT 1 /* %s */", "SELECT 1 -- %s\n"));
    }
}
