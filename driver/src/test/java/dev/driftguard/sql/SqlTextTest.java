package dev.driftguard.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SqlTextTest {

    @Test
    void schemaChangingStatementsAreDdl() {
        for (String sql : new String[] {"ALTER TABLE t DROP COLUMN c", "drop table t", "CREATE INDEX i ON t (c)",
            "RENAME TABLE a TO b", "TRUNCATE t", "COMMENT ON COLUMN t.c IS 'x'"}) {
            assertTrue(SqlText.containsDdl(sql), sql);
        }
    }

    @Test
    void leadingCommentsAndWhitespaceAreSkipped() {
        assertTrue(SqlText.containsDdl("  -- migration 3\n/* driftguard:allow reason=\"x\" */ ALTER TABLE t DROP c"));
    }

    @Test
    void queriesAndDmlAreNotDdl() {
        for (String sql : new String[] {"SELECT * FROM t", "INSERT INTO t VALUES (1)", "UPDATE t SET a = 1",
            "DELETE FROM t", "WITH x AS (SELECT 1) SELECT * FROM x", "dropped_at", "SELECT 'DROP TABLE t'"}) {
            assertFalse(SqlText.containsDdl(sql), sql);
        }
    }

    @Test
    void ddlAfterASemicolonIsFound() {
        assertTrue(SqlText.containsDdl("SELECT 1; DROP TABLE t"));
    }

    @Test
    void semicolonsInsideLiteralsCommentsAndDollarQuotesDoNotStartStatements() {
        assertFalse(SqlText.containsDdl("SELECT 'a; DROP TABLE t' FROM x"));
        assertFalse(SqlText.containsDdl("SELECT 1 /* ; DROP TABLE t */"));
        assertFalse(SqlText.containsDdl("SELECT $$ ; DROP TABLE t $$"));
        assertFalse(SqlText.containsDdl("SELECT \"a;\" FROM x; -- ; DROP TABLE t"));
    }

    @Test
    void positionalParametersAreNotDollarQuotes() {
        assertTrue(SqlText.containsDdl("SELECT $1; DROP TABLE t"));
    }
}
