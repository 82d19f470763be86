package dev.driftguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * precheck's lock warnings on PostgreSQL. Where PostgreSQL decides — does a change rewrite the table — the test
 * asks it: the statement runs in a transaction that is rolled back, and a new file node means a rewrite.
 */
class LockWarningsTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres().withSetUp(
            "CREATE TABLE owner_t (id int PRIMARY KEY)",
            "CREATE TABLE item (id int PRIMARY KEY, name varchar(40), price numeric(8,2), note text, owner int)",
            "INSERT INTO owner_t VALUES (1)",
            "INSERT INTO item VALUES (1, 'lamp', 9.50, 'n', 1)");

    private final LockWarnings locks = new LockWarnings(Dialect.POSTGRES, DB::connect);

    @TempDir
    Path dir;

    @BeforeAll
    static void registry() throws SQLException {
        new LiveVersions(DB);
    }

    @Test
    void aTypeChangeIsFlaggedExactlyWhenPostgresRewritesTheTable() throws SQLException {
        for (String change : List.of("name TYPE varchar(80)", "name TYPE text", "name TYPE varchar",
                "name TYPE varchar(20)", "price TYPE numeric(12,2)", "price TYPE numeric(12,4)", "id TYPE bigint",
                "note TYPE varchar", "owner TYPE text USING owner::text", "name SET DATA TYPE varchar(100)")) {
            assertAgreesWithPostgres("ALTER TABLE item ALTER COLUMN " + change);
        }
    }

    @Test
    void anAddedColumnIsFlaggedExactlyWhenItsDefaultMakesPostgresRewriteTheTable() throws SQLException {
        for (String column : List.of("a timestamptz DEFAULT clock_timestamp()", "b timestamptz DEFAULT now()",
                "c int DEFAULT 0", "d uuid DEFAULT gen_random_uuid()", "e serial", "f text",
                "g double precision DEFAULT random() * 10")) {
            assertAgreesWithPostgres("ALTER TABLE item ADD COLUMN " + column);
        }
    }

    private void assertAgreesWithPostgres(String statement) throws SQLException {
        boolean rewrites = rewritesTheTable(statement);
        List<String> warnings = locks.of(statement);
        assertEquals(rewrites, !warnings.isEmpty(), statement + (rewrites ? " rewrites item, yet " : " does not, yet ")
                + "the warnings are " + warnings);
    }

    /** PostgreSQL's own answer: the table's file node before and after, in a transaction rolled back. */
    private static boolean rewritesTheTable(String statement) throws SQLException {
        try (Connection connection = DB.connect(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                long before = fileNode(sql);
                sql.execute(statement);
                return fileNode(sql) != before;
            } finally {
                connection.rollback();
            }
        }
    }

    private static long fileNode(Statement sql) throws SQLException {
        try (ResultSet row = sql.executeQuery("SELECT pg_relation_filenode('item')")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void createIndexWithoutConcurrentlyOnAnExistingTableIsFlagged() throws SQLException {
        assertTrue(locks.of("CREATE INDEX item_name ON item (name)").get(0).startsWith(
                "CREATE INDEX without CONCURRENTLY blocks writes to item"));
        assertEquals(List.of(), locks.of("CREATE INDEX CONCURRENTLY item_name ON item (name)"));
        assertEquals(List.of(), locks.of("CREATE INDEX fresh_name ON fresh (name)"), "a table not there yet has no rows");
    }

    @Test
    void setNotNullIsFlaggedUnlessAValidatedCheckConstraintProvesIt() throws SQLException {
        String setNotNull = "ALTER TABLE item ALTER COLUMN note SET NOT NULL";
        assertEquals(1, locks.of(setNotNull).size());
        DB.execute("ALTER TABLE item ADD CONSTRAINT note_present CHECK (note IS NOT NULL) NOT VALID");
        assertEquals(1, locks.of(setNotNull).size(), "a check not validated yet proves nothing");
        DB.execute("ALTER TABLE item VALIDATE CONSTRAINT note_present");
        assertEquals(List.of(), locks.of(setNotNull));
        DB.execute("ALTER TABLE item DROP CONSTRAINT note_present");
    }

    @Test
    void aForeignKeyIsFlaggedUnlessAddedNotValid() throws SQLException {
        assertTrue(locks.of("ALTER TABLE item ADD CONSTRAINT item_owner FOREIGN KEY (owner) REFERENCES owner_t (id)")
                .get(0).contains("add it NOT VALID, then ALTER TABLE item VALIDATE CONSTRAINT"));
        assertEquals(List.of(), locks.of("ALTER TABLE item ADD CONSTRAINT item_owner FOREIGN KEY (owner)"
                + " REFERENCES owner_t (id) NOT VALID"));
    }

    @Test
    void theLockOkCommentSilencesOneStatement() throws SQLException {
        assertEquals(List.of(), locks.of("/* driftguard:lock-ok */ CREATE INDEX item_name ON item (name)"));
    }

    @Test
    void precheckPrintsLockWarningsAndStillExitsZero() throws Exception {
        Path file = dir.resolve("V5__index.sql");
        Files.writeString(file, "CREATE INDEX item_price ON item (price);\nALTER TABLE item ADD COLUMN seen boolean;\n");
        CliRun run = CliRun.of("precheck", "--url", DB.url(), "--user", DB.user(), file.toString());
        assertEquals(0, run.exitCode, run.out + run.err);
        assertTrue(run.out.contains("    LOCKS   CREATE INDEX without CONCURRENTLY blocks writes to item while it builds;"
                + " use CREATE INDEX CONCURRENTLY (outside a transaction)"), run.out);
        assertEquals(1, run.out.split("LOCKS").length - 1, run.out);
    }
}
