package dev.driftguard.internal.guard;

import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.testsupport.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbServerOracleTest extends ServerOracleContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    String multiStatementOption() {
        return "allowMultiQueries=true";
    }

    @Override
    String schema() {
        return DB.name();
    }

    @Override
    String catalogName() {
        return DB.name();
    }

    @Override
    List<String> reset() {
        return List.of("DROP TABLE IF EXISTS p, victim, t2", "DROP PROCEDURE IF EXISTS dg_proc",
                "CREATE TABLE p (id int PRIMARY KEY, rating int, `p.q` int, `x``y` int)",
                "CREATE TABLE victim (id int, note text)", "CREATE TABLE t2 (a int, b text)");
    }

    @Override
    List<String> cases() {
        return List.of(
                // bypasses: the server runs the DDL
                "# comment\nALTER TABLE p DROP COLUMN rating",
                "/*! ALTER TABLE p DROP COLUMN rating */",
                "/*M!100000 ALTER TABLE p DROP COLUMN rating */",
                "/*!50000 ALTER TABLE p DROP COLUMN rating */",
                "SELECT 1 /*! ; ALTER TABLE p DROP COLUMN rating */",
                "EXECUTE IMMEDIATE 'ALTER TABLE p DROP COLUMN rating'",
                "PREPARE s FROM 'ALTER TABLE p DROP COLUMN rating'; EXECUTE s",
                "SET @q = 'ALTER TABLE p DROP COLUMN rating'; PREPARE s FROM @q; EXECUTE s",
                "EXECUTE IMMEDIATE CONCAT('ALTER TABLE p ', 'DROP COLUMN rating')",
                "SELECT 1--1; ALTER TABLE p DROP COLUMN rating",
                "SELECT \"a;b\"; ALTER TABLE p DROP COLUMN rating",
                "SELECT '\\\\'; ALTER TABLE p DROP COLUMN rating; -- '",
                "SELECT `a;b` FROM (SELECT 1 AS `a;b`) t; ALTER TABLE p DROP COLUMN rating",
                "BEGIN NOT ATOMIC ALTER TABLE p DROP COLUMN rating; END",
                "IF 1 = 1 THEN ALTER TABLE p DROP COLUMN rating; END IF",
                "ALTER TABLE p CHANGE rating stars INT",
                "SELECT 1; ALTER TABLE p MODIFY rating VARCHAR(10)",
                "ALTER TABLE p DROP COLUMN `p.q`",
                "ALTER TABLE p DROP COLUMN `x``y`",
                "/* driftguard:allow reason=\"not this one\" */ SELECT 1; ALTER TABLE p DROP COLUMN rating",
                "DROP TABLE victim",
                // false refusals: the server runs no DDL
                "SELECT 'it\\'s; ALTER TABLE p DROP COLUMN rating'",
                "SELECT '\\'; ALTER TABLE p DROP COLUMN rating; -- '",
                "SELECT 1 -- ; ALTER TABLE p DROP COLUMN rating",
                "SELECT 1 # ; ALTER TABLE p DROP COLUMN rating",
                "SELECT 1 /* ; ALTER TABLE p DROP COLUMN rating */",
                "SELECT 'a' /*! , 'b' */",
                "INSERT INTO t2 (a, b) VALUES (1, 'C:\\\\'), (2, '; drop table victim')",
                "PREPARE s FROM 'SELECT 1'; EXECUTE s",
                // a compound statement needs ; after each inner statement: without one the server runs nothing
                "IF 1 = 1 THEN ALTER TABLE p DROP COLUMN rating END IF",
                "BEGIN NOT ATOMIC ALTER TABLE p DROP COLUMN rating END",
                "CREATE PROCEDURE dg_proc() BEGIN ALTER TABLE p DROP COLUMN rating; END",
                "ALTER TABLE p ADD COLUMN extra INT # a comment the guard's parser must read\n");
    }

    @Override
    List<List<String>> sessionCases() {
        return List.of(
                List.of("SET sql_mode = 'ANSI_QUOTES'", "SELECT 1 AS \"a\\\"; ALTER TABLE p DROP COLUMN rating; -- \""),
                List.of("SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES'", "SELECT 'C:\\'; ALTER TABLE p DROP COLUMN rating; -- '"),
                List.of("SET @@sql_mode = 'NO_BACKSLASH_ESCAPES'", "SELECT '\\', '; DROP TABLE victim; --'"),
                List.of("SET sql_mode = DEFAULT", "SELECT 'it\\'s; ALTER TABLE p DROP COLUMN rating'"));
    }

    @Override
    Fragments fragments() {
        return new Fragments(
                List.of("", "/* x */ ", "-- c;\n", "# c;\n", "\n"),
                List.of("SELECT 1", "SELECT 'it\\'s'", "SELECT \"a;b\"", "SELECT `a;b` FROM (SELECT 1 AS `a;b`) s",
                        "SELECT 'ALTER TABLE p DROP COLUMN rating'", "INSERT INTO t2 (a, b) VALUES (1, ';')", "SELECT 1--1"),
                List.of("ALTER TABLE p DROP COLUMN rating", "ALTER TABLE p CHANGE rating stars INT",
                        "/*! ALTER TABLE p DROP COLUMN rating */", "EXECUTE IMMEDIATE 'ALTER TABLE p DROP COLUMN rating'",
                        "DROP TABLE victim"),
                List.of("ALTER TABLE p ADD COLUMN extra INT", "CREATE INDEX p_rating ON p (rating)"),
                List.of("SELECT 1 /* %s */", "SELECT 1 -- %s\n", "SELECT 1 # %s\n", "SELECT 1 AS ` %s `"));
    }
}
