package dev.driftguard.internal.base;

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
    void onlyEmbeddedAndInMemoryH2DatabasesRunInThisProcess() {
        assertTrue(JdbcUrls.inProcess("jdbc:h2:mem:shop"));
        assertTrue(JdbcUrls.inProcess("jdbc:H2:./data/shop;AUTO_SERVER=TRUE"));
        assertFalse(JdbcUrls.inProcess("jdbc:h2:tcp://db:9092/shop"));
        assertFalse(JdbcUrls.inProcess("jdbc:h2:ssl://db:9092/shop"));
        assertFalse(JdbcUrls.inProcess("jdbc:postgresql://127.0.0.1:5432/h2"));
    }

    @Test
    void passwordParametersAreMasked() {
        assertEquals("jdbc:postgresql://h/db?user=app&password=***&ssl=true",
                JdbcUrls.mask("jdbc:postgresql://h/db?user=app&password=s3cret&ssl=true"));
        assertEquals("jdbc:h2:mem:x;USER=sa;PASSWORD=***", JdbcUrls.mask("jdbc:h2:mem:x;USER=sa;PASSWORD=hunter2"));
    }

    @Test
    void passwordsAreMaskedWhateverCharactersTheyHold() {
        assertEquals("jdbc:postgresql://h/db?user=app&password=***&ssl=true",
                JdbcUrls.mask("jdbc:postgresql://h/db?user=app&password=p;w)d(x&ssl=true"));
        assertEquals("jdbc:postgresql://h/db?password=***", JdbcUrls.mask("jdbc:postgresql://h/db?password=a;b)c"));
        assertEquals("jdbc:h2:mem:x;PASSWORD=***;USER=sa", JdbcUrls.mask("jdbc:h2:mem:x;PASSWORD=a&b)c?d;USER=sa"));
        assertEquals("jdbc:mariadb://address=(host=db)(port=3306)(user=app)(password=***)/shop",
                JdbcUrls.mask("jdbc:mariadb://address=(host=db)(port=3306)(user=app)(password=a&b;c)/shop"));
        assertEquals("jdbc:sqlserver://db:1433;user=app;password=***;encrypt=true",
                JdbcUrls.mask("jdbc:sqlserver://db:1433;user=app;password=x&y?z;encrypt=true"));
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
