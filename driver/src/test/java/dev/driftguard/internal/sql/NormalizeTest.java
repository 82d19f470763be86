package dev.driftguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class NormalizeTest {

    private static String normalize(String sql) {
        return Dialect.POSTGRES.lexer().normalize(sql);
    }

    @Test
    void textWithoutLiteralsIsReturnedAsTheSameInstance() {
        String sql = "SELECT name FROM product WHERE id = ?";
        assertSame(sql, normalize(sql));
    }

    @Test
    void numbersAndStringsBecomePlaceholders() {
        assertEquals("SELECT name FROM product WHERE id = ? AND sku = ? AND price > ?",
                normalize("SELECT name FROM product WHERE id = 42 AND sku = 'A-1''s' AND price > 1.5e3"));
    }

    @Test
    void statementsDifferingOnlyInLiteralsShareAShape() {
        assertEquals(normalize("SELECT * FROM t WHERE id = 1"), normalize("SELECT * FROM t WHERE id = 2"));
    }

    @Test
    void digitsInsideNamesAndPositionalParametersAreKept() {
        assertEquals("SELECT p1_0.col2 FROM t1 p1_0 WHERE p1_0.id = $1",
                normalize("SELECT p1_0.col2 FROM t1 p1_0 WHERE p1_0.id = $1"));
    }

    @Test
    void listsOfPlaceholdersCollapseToOne() {
        assertEquals("SELECT * FROM t WHERE id IN (?)", normalize("SELECT * FROM t WHERE id IN (1, 2, 3)"));
        assertEquals("SELECT * FROM t WHERE id IN (?)", normalize("SELECT * FROM t WHERE id IN (?, ?, ?)"));
    }

    @Test
    void commentsAreRemovedWithTheLiteralsInThem() {
        assertEquals("SELECT   a FROM t  ", normalize("SELECT /* user 'bob' */ a FROM t -- id 7"));
    }

    @Test
    void quotedIdentifiersAreNotLiterals() {
        assertEquals("SELECT \"Order 1\" FROM t WHERE x = ?", normalize("SELECT \"Order 1\" FROM t WHERE x = 3"));
        assertEquals("SELECT `Order 1` FROM `t 2` WHERE x = ?",
                Dialect.MYSQL.lexer().normalize("SELECT `Order 1` FROM `t 2` WHERE x = 3"));
    }

    @Test
    void prefixedAndDollarQuotedStringsBecomePlaceholders() {
        assertEquals("SELECT ? AS x, ? AS y", normalize("SELECT E'a\\nb' AS x, $tag$ secret ; $tag$ AS y"));
    }

    @Test
    void backslashEscapesAreHonouredForMysql() {
        assertEquals("SELECT ? FROM t WHERE a = ?", Dialect.MYSQL.lexer().normalize("SELECT 'it\\'s' FROM t WHERE a = 1"));
    }
}
