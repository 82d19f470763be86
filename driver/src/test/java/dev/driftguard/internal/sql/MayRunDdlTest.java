package dev.driftguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MayRunDdlTest {

    private static boolean mayRunDdl(String sql) {
        return Dialect.POSTGRES.lexer().mayRunDdl(sql);
    }

    @Test
    void schemaChangingStatementsAreDdl() {
        for (String sql : new String[] {"ALTER TABLE t DROP COLUMN c", "drop table t", "CREATE INDEX i ON t (c)",
            "RENAME TABLE a TO b", "TRUNCATE t", "COMMENT ON COLUMN t.c IS 'x'"}) {
            assertTrue(mayRunDdl(sql), sql);
        }
    }

    @Test
    void leadingCommentsAndWhitespaceAreSkipped() {
        assertTrue(mayRunDdl("  -- migration 3\n/* driftguard:allow reason=\"x\" */ ALTER TABLE t DROP c"));
    }

    @Test
    void queriesAndDmlAreNotDdl() {
        for (String sql : new String[] {"SELECT * FROM t", "INSERT INTO t VALUES (1)", "UPDATE t SET a = 1",
            "DELETE FROM t", "WITH x AS (SELECT 1) SELECT * FROM x", "dropped_at", "SELECT 'DROP TABLE t'"}) {
            assertFalse(mayRunDdl(sql), sql);
        }
    }

    @Test
    void ddlAfterASemicolonIsFound() {
        assertTrue(mayRunDdl("SELECT 1; DROP TABLE t"));
    }

    @Test
    void semicolonsInsideLiteralsCommentsAndDollarQuotesDoNotStartStatements() {
        assertFalse(mayRunDdl("SELECT 'a; DROP TABLE t' FROM x"));
        assertFalse(mayRunDdl("SELECT 1 /* ; DROP TABLE t */"));
        assertFalse(mayRunDdl("SELECT $$ ; DROP TABLE t $$"));
        assertFalse(mayRunDdl("SELECT \"a;\" FROM x; -- ; DROP TABLE t"));
    }

    @Test
    void positionalParametersAreNotDollarQuotes() {
        assertTrue(mayRunDdl("SELECT $1; DROP TABLE t"));
    }

    @Test
    void aSessionBackOnTheDefaultSettingsReadsWithTheDialectsOwnLexer() {
        Lexer mysql = Dialect.MYSQL.lexer();
        assertSame(mysql, mysql.afterSessionChange("SET sql_mode = 'ANSI_QUOTES'").afterSessionChange("SET sql_mode = DEFAULT"));
        Lexer postgres = Dialect.POSTGRES.lexer();
        assertSame(postgres, postgres.afterSessionChange("SET standard_conforming_strings = off")
                .afterSessionChange("RESET standard_conforming_strings"));
    }
}
