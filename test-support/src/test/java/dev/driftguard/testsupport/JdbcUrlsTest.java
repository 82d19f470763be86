package dev.driftguard.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void databaseIsReplacedAndParametersKept() {
        assertEquals("jdbc:postgresql://h:5432/other?ssl=false",
                JdbcUrls.withDatabase("jdbc:postgresql://h:5432/postgres?ssl=false", "other"));
    }

    @Test
    void databaseIsAddedToAUrlWithoutOne() {
        assertEquals("jdbc:mariadb://127.0.0.1:3306/other", JdbcUrls.withDatabase("jdbc:mariadb://127.0.0.1:3306/", "other"));
        assertEquals("jdbc:mariadb://127.0.0.1:3306/other", JdbcUrls.withDatabase("jdbc:mariadb://127.0.0.1:3306", "other"));
    }
}
