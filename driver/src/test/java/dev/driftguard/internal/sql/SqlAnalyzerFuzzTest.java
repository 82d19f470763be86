package dev.driftguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random, truncated and pathological SQL: nothing may escape as an exception, and no parse may outlive its
 * timeout by more than a little.
 */
class SqlAnalyzerFuzzTest {

    private static final long SEED = 20261122L;
    private static final String[] TOKENS = {"SELECT", "FROM", "WHERE", "JOIN", "ON", "(", ")", ",", "*", "a", "b.c",
        "'x'", "\"q\"", "`m`", "1", "?", "$1", "=", "AND", "OR", "IN", "EXISTS", "WITH", "AS", "INSERT", "INTO", "VALUES",
        "UPDATE", "SET", "DELETE", "GROUP BY", "ORDER BY", "UNION", "LATERAL", "ON CONFLICT", "DO", "::", "$$", ";", "--",
        "/*", "*/", "CASE", "WHEN", "THEN", "END", "OVER", "PARTITION BY", "MERGE", "USING", "t", "u", "{call", "}"};

    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    private final List<SqlAnalyzer> analyzers = new ArrayList<>();

    SqlAnalyzerFuzzTest() {
        for (Dialect dialect : Dialect.values()) {
            analyzers.add(new SqlAnalyzer(dialect, Catalog.NONE, watchdog, 200, false));
        }
    }

    @AfterEach
    void stop() {
        watchdog.shutdownNow();
    }

    @Test
    void randomTokenSoupNeverThrows() {
        Random random = new Random(SEED);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sql = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int t = 0; t < length; t++) {
                sql.append(TOKENS[random.nextInt(TOKENS.length)]).append(' ');
            }
            survives(sql.toString());
        }
    }

    @Test
    void everyPrefixOfARealStatementNeverThrows() {
        String sql = "WITH r AS (SELECT product_id, avg(score) AS s FROM review GROUP BY product_id) "
                + "SELECT p.name, r.s FROM product p LEFT JOIN r ON r.product_id = p.id WHERE p.sku IN ('a', 'b') "
                + "AND EXISTS (SELECT 1 FROM order_item i WHERE i.product_id = p.id) ORDER BY 2 DESC LIMIT 10";
        for (int end = 0; end <= sql.length(); end++) {
            survives(sql.substring(0, end));
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 500; i++) {
            char[] chars = new char[random.nextInt(200)];
            for (int c = 0; c < chars.length; c++) {
                chars[c] = (char) random.nextInt(0x3000);
            }
            survives(new String(chars));
        }
    }

    @Test
    void pathologicalNestingIsStoppedWithinTheTimeout() {
        survives("SELECT " + "(".repeat(5_000) + "1" + ")".repeat(5_000));
        survives("SELECT * FROM t WHERE a IN " + "(SELECT a FROM t WHERE a IN ".repeat(300) + "(1)" + ")".repeat(300));
        survives("SELECT " + "CASE WHEN a THEN ".repeat(500) + "1" + " END".repeat(500) + " FROM t");
        survives("SELECT * FROM t WHERE " + "a = 1 OR ".repeat(20_000) + "a = 2");
    }

    @Test
    void unterminatedQuotesAndCommentsNeverThrow() {
        for (String sql : new String[] {"SELECT 'abc", "SELECT \"abc", "SELECT `abc", "SELECT $$abc", "SELECT /* abc",
            "SELECT a FROM t WHERE b = E'\\", "{call", "{? = call }", "", " ", ";;;", "--"}) {
            survives(sql);
        }
    }

    private void survives(String sql) {
        for (SqlAnalyzer analyzer : analyzers) {
            StatementUsage usage = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> analyzer.analyze(sql),
                    () -> "analysis of a " + sql.length() + "-character text outlived its timeout");
            assertNotNull(usage);
        }
        for (Dialect dialect : Dialect.values()) {
            Lexer lexer = dialect.lexer();
            lexer.normalize(sql);
            lexer.mayRunDdl(sql);
            lexer.statements(sql);
            lexer.parseText(sql);
        }
    }
}
