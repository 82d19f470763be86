package dev.driftguard.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void realUrlDropsThePrefixAndKeepsEverythingElse() {
        assertEquals("jdbc:postgresql://127.0.0.1:5432/test?ssl=false",
                JdbcUrls.realUrl("jdbc:driftguard:postgresql://127.0.0.1:5432/test?ssl=false"));
    }

    @Test
    void onlyPrefixedUrlsAreDriftGuardUrls() {
        assertTrue(JdbcUrls.isDriftGuard("jdbc:driftguard:h2:mem:x"));
        assertFalse(JdbcUrls.isDriftGuard("jdbc:h2:mem:x"));
        assertFalse(JdbcUrls.isDriftGuard(null));
    }

    @Test
    void passwordParametersAreMasked() {
        assertEquals("jdbc:postgresql://h/db?user=app&password=***&ssl=true",
                JdbcUrls.mask("jdbc:postgresql://h/db?user=app&password=s3cret&ssl=true"));
        assertEquals("jdbc:h2:mem:x;USER=sa;PASSWORD=***", JdbcUrls.mask("jdbc:h2:mem:x;USER=sa;PASSWORD=hunter2"));
    }

    @Test
    void userInfoPasswordIsMasked() {
        assertEquals("jdbc:mysql://app:***@db:3306/shop", JdbcUrls.mask("jdbc:mysql://app:s3cret@db:3306/shop"));
    }

    @Test
    void oracleThinPasswordIsMasked() {
        assertEquals("jdbc:oracle:thin:scott/***@db:1521/orcl", JdbcUrls.mask("jdbc:oracle:thin:scott/tiger@db:1521/orcl"));
    }
}
