package dev.driftguard.internal.guard;

import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.testsupport.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresServerOracleTest extends ServerOracleContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    /** 70 characters: PostgreSQL keeps the first 63. */
    private static final String LONG = "a_column_name_that_is_longer_than_postgres_keeps_in_its_catalog_xyzzy";

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    Dialect dialect() {
        return Dialect.POSTGRES;
    }

    @Override
    String multiStatementOption() {
        return "preferQueryMode=simple";
    }

    @Override
    String schema() {
        return "public";
    }

    @Override
    String schemaPattern() {
        return "public";
    }

    @Override
    List<String> reset() {
        return List.of("DROP TABLE IF EXISTS p, victim, t2, \"p.q\" CASCADE", "DROP DOMAIN IF EXISTS dg_positive",
                "DROP FUNCTION IF EXISTS dg_f()",
                "CREATE TABLE p (id int PRIMARY KEY, rating int, \"p.q\" int, \"x\"\"y\" int, \"new\nline\" int, " + LONG + " int)",
                "CREATE TABLE victim (id int, note text)", "CREATE TABLE t2 (a int, b text)");
    }

    @Override
    List<String> cases() {
        return List.of(
                // bypasses: the server runs the DDL
                "/* a /* b */ c */ ALTER TABLE p DROP COLUMN rating",
                "SELECT 'C:\\'; ALTER TABLE p DROP COLUMN rating; -- '",
                "SELECT 1 AS x$q$; ALTER TABLE p DROP COLUMN rating; SELECT 1 AS y$q$",
                "DO $$ BEGIN ALTER TABLE p DROP COLUMN rating; END $$",
                "DO 'BEGIN ALTER TABLE p DROP COLUMN rating; END'",
                "DO $$ BEGIN EXECUTE 'ALTER TABLE p DROP COLUMN rating'; END $$",
                "DO $do$ DECLARE n int := 1; BEGIN IF n = 1 THEN ALTER TABLE p DROP COLUMN rating; END IF; END $do$",
                "DO LANGUAGE plpgsql $$ BEGIN EXECUTE format('ALTER TABLE %I DROP COLUMN rating', 'p'); END $$",
                "SELECT E'it\\'s'; ALTER TABLE p DROP COLUMN rating",
                "SELECT $tag$ ; $q$ $tag$; ALTER TABLE p DROP COLUMN rating",
                "SELECT '/*'; ALTER TABLE p DROP COLUMN rating; SELECT '*/'",
                "SELECT \"a;b\" FROM (SELECT 1 AS \"a;b\") t; ALTER TABLE p DROP COLUMN rating",
                "ALTER TABLE p DROP COLUMN U&\"r\\0061ting\"",
                "ALTER TABLE p DROP COLUMN U&\"r!0061ting\" UESCAPE '!'",
                "ALTER TABLE p DROP COLUMN \"p.q\"",
                "ALTER TABLE p DROP COLUMN \"x\"\"y\"",
                "ALTER TABLE p DROP COLUMN \"new\nline\"",
                "ALTER TABLE p DROP COLUMN " + LONG + "_and_more",
                "ALTER TABLE p RENAME COLUMN rating TO stars",
                "ALTER TABLE p ALTER COLUMN rating SET DATA TYPE text",
                "/* driftguard:allow reason=\"not this one\" */ SELECT 1; ALTER TABLE p DROP COLUMN rating",
                "SELECT '/* driftguard:allow reason=\"inside a literal\" */'; ALTER TABLE p DROP COLUMN rating",
                "DROP TABLE victim",
                // false refusals: the server runs no DDL
                "SELECT '\\', '; DROP TABLE victim; --'",
                "INSERT INTO t2 (a, b) VALUES (1, 'C:\\'), (2, '; drop table victim')",
                "SELECT E'\\'; ALTER TABLE p DROP COLUMN rating; --'",
                "SELECT 1 /* /* */ ; ALTER TABLE p DROP COLUMN rating */",
                "SELECT $$ ; ALTER TABLE p DROP COLUMN rating $$",
                "SELECT 1 AS x$q$, 2 AS y$q$",
                "DO $$ BEGIN PERFORM 1; END $$",
                "DO $$ BEGIN INSERT INTO t2 VALUES (1, ';ALTER TABLE p DROP COLUMN rating'); END $$",
                "SELECT substring(b FROM 1 FOR 2), position('a' IN b), trim(both ' ' FROM b) FROM t2",
                // harmless DDL the parser cannot read
                "CREATE DOMAIN dg_positive AS int NOT NULL DEFAULT 1 CHECK (VALUE > 0)",
                "ALTER TABLE p ADD COLUMN c2 int NOT NULL DEFAULT 0 CHECK (c2 >= 0) NO INHERIT",
                "CREATE FUNCTION dg_f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END");
    }

    @Override
    List<List<String>> sessionCases() {
        return List.of(
                List.of("SET standard_conforming_strings = off", "SELECT 'C:\\'; ALTER TABLE p DROP COLUMN rating; -- '"),
                List.of("SET standard_conforming_strings = off", "SELECT 'it\\'s'; ALTER TABLE p DROP COLUMN rating"),
                List.of("SET SESSION standard_conforming_strings TO 'on'", "SELECT 'C:\\'; ALTER TABLE p DROP COLUMN rating; -- '"));
    }

    @Override
    Fragments fragments() {
        return new Fragments(
                List.of("", "/* x */ ", "-- c;\n", "/* a /* ; */ b */ ", "\n"),
                List.of("SELECT 1", "SELECT 'C:\\'", "SELECT E'\\''", "SELECT $$;$$", "SELECT $t$ ' $t$", "SELECT 1 AS x$y$",
                        "SELECT \"a;b\" FROM (SELECT 1 AS \"a;b\") s", "SELECT 'ALTER TABLE p DROP COLUMN rating'",
                        "INSERT INTO t2 (a, b) VALUES (1, ';')", "SELECT U&'\\0041;'"),
                List.of("ALTER TABLE p DROP COLUMN rating", "ALTER TABLE p RENAME COLUMN rating TO stars",
                        "DO $$ BEGIN ALTER TABLE p DROP COLUMN rating; END $$", "DROP TABLE victim",
                        "ALTER TABLE \"p\" DROP \"rating\""),
                List.of("ALTER TABLE p ADD COLUMN extra int", "CREATE INDEX ON p (rating)", "COMMENT ON TABLE p IS ';'"),
                List.of("SELECT $w$ %s $w$", "SELECT 1 /* %s */", "SELECT 1 -- %s\n"));
    }
}
