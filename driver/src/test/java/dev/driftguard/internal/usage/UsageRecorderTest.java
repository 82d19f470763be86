package dev.driftguard.internal.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.sql.Catalog;
import dev.driftguard.internal.sql.ColumnUse;
import dev.driftguard.internal.jdbc.StatementListener.Executions;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.Lexer;
import dev.driftguard.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UsageRecorderTest {

    private final ShapeParser parser = new ShapeParser(64, 2_000);
    private final UsageRecorder recorder = new UsageRecorder(Dialect.POSTGRES, Catalog.NONE, parser, 1_000);

    @AfterEach
    void stop() {
        parser.shutdown();
    }

    @Test
    void statementIsParsedInTheBackgroundAndItsColumnsReported() {
        recorder.statement("SELECT name FROM product WHERE rating > 3");
        List<ShapeCount> counts = awaitParsed(1);
        assertEquals("[read public.product.name, read public.product.rating]", counts.get(0).usage().columns().toString());
        assertEquals(1, counts.get(0).executions());
    }

    @Test
    void statementsDifferingOnlyInLiteralsAreOneShape() {
        for (int id = 0; id < 100; id++) {
            recorder.statement("SELECT name FROM product WHERE id = " + id);
        }
        List<ShapeCount> counts = awaitParsed(1);
        assertEquals(1, recorder.shapes());
        assertEquals(100, counts.get(0).executions());
    }

    @Test
    void drainResetsTheCounts() {
        recorder.statement("SELECT name FROM product");
        awaitParsed(1);
        recorder.statement("SELECT name FROM product");
        recorder.statement("SELECT name FROM product");
        assertEquals(2, recorder.drain().get(0).executions());
        assertEquals(0, recorder.drain().get(0).executions());
    }

    @Test
    void literalValuesAreNeverKept() {
        recorder.statement("SELECT name FROM customer WHERE email = 'alice@example.com' AND pin = 987654");
        awaitParsed(1);
        String everything = recorder.drain().stream().map(count -> count.usage().toString()).collect(Collectors.joining());
        assertFalse(everything.contains("alice"), everything);
        assertFalse(everything.contains("987654"), everything);
    }

    @Test
    void unparseableStatementIsCountedAndNeverThrown() {
        recorder.statement("SELEKT * FROMM nowhere ((");
        List<ShapeCount> counts = awaitParsed(1);
        assertTrue(counts.get(0).usage().error() != null);
        assertEquals(1, recorder.unparseable());
    }

    @Test
    void concurrentExecutionsAreCountedExactly() throws Exception {
        int threads = 8;
        int perThread = 25_000;
        String[] texts = {"SELECT name FROM product WHERE id = ?", "UPDATE product SET rating = ? WHERE id = ?",
            "SELECT * FROM review WHERE product_id = 7", "SELECT * FROM review WHERE product_id = 8"};
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    recorder.statement(texts[i % texts.length]);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> each : done) {
            each.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        Map<String, Long> byShape = awaitParsed(3).stream()
                .collect(Collectors.toMap(count -> count.usage().columns().toString(), ShapeCount::executions));
        assertEquals(3, byShape.size());
        assertEquals((long) threads * perThread, byShape.values().stream().mapToLong(Long::longValue).sum());
        assertEquals((long) threads * perThread / 2, byShape.get("[read public.review.*, read public.review.product_id]"));
    }

    @Test
    void fullParserQueueDropsNewShapesWithoutBlockingAndRetriesThemLater() throws Exception {
        ShapeParser blocked = new ShapeParser(1, 2_000);
        CountDownLatch release = new CountDownLatch(1);
        try {
            assertTrue(blocked.submit(() -> await(release), 0));
            assertTrue(blocked.submit(() -> { }, 0));
            UsageRecorder starved = new UsageRecorder(Dialect.POSTGRES, Catalog.NONE, blocked, 100);
            long started = System.nanoTime();
            starved.statement("SELECT a FROM t");
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1), "statement() must not wait");
            assertEquals(1, starved.droppedParses());
            assertEquals(0, starved.shapes());
            release.countDown();
            Await.until("the dropped shape parsed on a later run", Duration.ofSeconds(10), () -> {
                starved.statement("SELECT a FROM t"); // the application runs it again: now there is room
                return starved.drain().size() == 1;
            });
        } finally {
            release.countDown();
            blocked.shutdown();
        }
    }

    /** The measured fault: 4,000 distinct shapes of 37 KB each once kept 166 MB of heap. */
    @Test
    void theShapeCacheAndTheParserQueueAreBoundedByTextNotByCount() {
        ShapeParser blocked = new ShapeParser(1_024, 2_000);
        CountDownLatch release = new CountDownLatch(1);
        try {
            assertTrue(blocked.submit(() -> await(release), 0));
            UsageRecorder big = new UsageRecorder(Dialect.POSTGRES, Catalog.NONE, blocked, 10_000);
            for (int i = 0; i < 4_000; i++) {
                StringBuilder sql = new StringBuilder("SELECT ");
                while (sql.length() < 37_000) {
                    sql.append("column_").append(i).append('_').append(sql.length()).append(", ");
                }
                big.statement(sql.append("id FROM t").toString());
            }
            long textCeiling = 10_000L * UsageRecorder.SHAPE_WEIGHT_CHARS;
            assertTrue(big.retainedChars() <= textCeiling, big.retainedChars() + " chars kept");
            assertTrue(blocked.queuedChars() <= ShapeParser.MAX_QUEUED_CHARS, blocked.queuedChars() + " chars queued");
            assertTrue(big.droppedParses() > 0, "shapes beyond the queue's text bound are dropped, to be retried");
        } finally {
            release.countDown();
            blocked.shutdown();
        }
    }

    @Test
    void countsAreNotLostWhenTheShapeCacheOverflows() {
        UsageRecorder small = new UsageRecorder(Dialect.POSTGRES, Catalog.NONE, parser, 1);
        for (int i = 0; i < 5; i++) {
            small.statement("SELECT a FROM t");
        }
        Await.until("the first shape parsed", Duration.ofSeconds(10), () -> small.pending() == 0 && small.shapes() == 1);
        Map<String, Long> drained = new java.util.HashMap<>();
        Await.until("the first shape's 5 executions drained, whichever shape the cache evicted", Duration.ofSeconds(10), () -> {
            small.statement("SELECT b FROM t");
            for (ShapeCount count : small.drain()) {
                drained.merge(count.usage().columns().toString(), count.executions(), Long::sum);
            }
            return drained.getOrDefault("[read public.t.a]", 0L) == 5L;
        });
    }

    @Test
    void aTextWithLiteralsSentAgainCountsOnItsShapeEvenAfterTheCacheEvictedIt() {
        UsageRecorder small = new UsageRecorder(Dialect.POSTGRES, Catalog.NONE, parser, 1);
        String withLiteral = "SELECT a FROM t WHERE id = 1";
        String other = "SELECT b FROM t";
        int shapeChars = "SELECT a FROM t WHERE id = ?".length();
        long[] counted = new long[1];
        Runnable drain = () -> {
            for (ShapeCount count : small.drain()) {
                if (count.usage().columns().toString().equals("[read public.t.a, read public.t.id]")) {
                    counted[0] += count.executions();
                }
            }
        };
        for (int i = 0; i < 3; i++) {
            small.statement(withLiteral);
        }
        Await.until("the first shape parsed", Duration.ofSeconds(10), () -> small.pending() == 0 && small.shapes() == 1);
        // Steps that wait for the cache's own (asynchronous) eviction instead of racing it: an execution counted on
        // a shape that is evicted before its parse is lost by design, so only a shape that stays is counted on.
        Await.until("the shape of the text with a literal evicted by another", Duration.ofSeconds(10), () -> {
            small.statement(other);
            drain.run();
            return small.retainedChars() == other.length() && counted[0] == 3; // handed over once, by the listener
        });
        Await.until("the text with a literal known again, on a shape of its own", Duration.ofSeconds(10), () -> {
            small.statement(withLiteral);
            // parsed before the drain, so that the drain takes every execution counted so far (a shape parsed
            // only after it keeps its count for the next drain, which would count it among the five below)
            boolean known = small.retainedChars() == shapeChars && small.pending() == 0;
            drain.run();
            return known;
        });
        long before = counted[0];
        for (int i = 0; i < 5; i++) {
            small.statement(withLiteral);
        }
        Await.until("five more executions counted on the new shape", Duration.ofSeconds(10), () -> {
            drain.run();
            return counted[0] == before + 5;
        });
    }

    @Test
    void aPreparedTextsCounterCountsEveryExecutionOnTheShapeItsStatementWasCountedOn() {
        Lexer lexer = Dialect.POSTGRES.lexer();
        String prepared = "SELECT name FROM product WHERE id = ?";
        String withLiteral = "SELECT name FROM product WHERE id = 7";
        assertNull(recorder.executions(prepared, lexer), "a text never told has no counter yet");
        recorder.statement(prepared);
        recorder.statement(withLiteral);
        Executions executions = recorder.executions(prepared, lexer); // counts the execution it is found at
        Executions literalExecutions = recorder.executions(withLiteral, lexer);
        for (int i = 0; i < 198; i++) {
            assertTrue(executions.count());
        }
        for (int i = 0; i < 98; i++) {
            assertTrue(literalExecutions.count());
        }
        List<ShapeCount> counts = awaitParsed(1);
        assertEquals(300, counts.get(0).executions(), "one shape: the text with a literal is counted on its normalised text");
    }

    @Test
    void aCounterStopsOnceTheCacheLetItsShapeGoAndWhatItCountedBeforeIsHandedOver() {
        UsageRecorder small = new UsageRecorder(Dialect.POSTGRES, Catalog.NONE, parser, 1);
        String prepared = "SELECT a FROM t";
        String other = "SELECT b FROM t";
        long[] counted = new long[1];
        Runnable drain = () -> {
            for (ShapeCount count : small.drain()) {
                if (count.usage().columns().toString().equals("[read public.t.a]")) {
                    counted[0] += count.executions();
                }
            }
        };
        small.statement(prepared);
        Await.until("the shape parsed", Duration.ofSeconds(10), () -> small.pending() == 0 && small.shapes() == 1);
        Executions executions = small.executions(prepared, Dialect.POSTGRES.lexer());
        drain.run();
        assertEquals(2, counted[0], "the execution told and the one the counter was found at");
        assertTrue(executions.count());
        assertTrue(executions.count());
        Await.until("the shape let go for another", Duration.ofSeconds(10), () -> {
            small.statement(other);
            return small.retainedChars() == other.length();
        });
        // the shape is in the cache no more, so its two executions can only come from the cache's removal listener
        Await.until("the two executions counted since the last drain handed over", Duration.ofSeconds(10), () -> {
            drain.run();
            return counted[0] == 4;
        });
        assertFalse(executions.count(), "a counter of a shape the cache let go counts no more");
        assertFalse(executions.count());
        Await.until("the text known again, on a shape of its own", Duration.ofSeconds(10), () -> {
            small.statement(prepared); // what the statement does when its counter declines
            return small.retainedChars() == prepared.length() && small.pending() == 0;
        });
        drain.run();
        long before = counted[0];
        Executions again = small.executions(prepared, Dialect.POSTGRES.lexer());
        for (int i = 0; i < 4; i++) {
            assertTrue(again.count());
        }
        drain.run();
        assertEquals(before + 5, counted[0]);
    }

    @Test
    void aPreparedStatementThatRunsOftenKeepsItsShapeWhileTextsRunAFewTimesEachComeAndGo() {
        UsageRecorder small = new UsageRecorder(Dialect.POSTGRES, Catalog.NONE, parser, 20);
        String prepared = "SELECT a FROM t";
        small.statement(prepared);
        Executions executions = small.executions(prepared, Dialect.POSTGRES.lexer());
        for (int text = 0; text < 500; text++) {
            for (int i = 0; i < 2_000; i++) {
                assertTrue(executions.count(), "the running statement's shape was let go after " + text + " other texts");
            }
            for (int i = 0; i < 4; i++) { // more often each than the cache saw the prepared text itself
                small.statement("SELECT c" + text + " FROM t");
            }
        }
    }

    @Test
    void aCounterCountsNothingThatItsThreadRunsInsideAMigration() {
        MigrationScope migrations = new MigrationScope();
        UsageRecorder recording = new UsageRecorder(Dialect.POSTGRES, Catalog.NONE, parser, 1_000, migrations);
        recording.statement("SELECT name FROM product");
        Executions executions = recording.executions("SELECT name FROM product", Dialect.POSTGRES.lexer());
        migrations.begin();
        for (int i = 0; i < 3; i++) {
            assertTrue(executions.count(), "inside a migration the counter still answers, and counts nothing");
        }
        migrations.end();
        assertTrue(executions.count());
        Await.until("the shape parsed", Duration.ofSeconds(10), () -> recording.pending() == 0);
        assertEquals(3, recording.drain().get(0).executions(),
                "the execution told, the one the counter was found at, and the one after the migration");
    }

    @Test
    void whatAThreadRunsInsideAMigrationIsNotRecordedWhileOtherThreadsAreRecordedAsEver() throws Exception {
        MigrationScope migrations = new MigrationScope();
        UsageRecorder recording = new UsageRecorder(Dialect.POSTGRES, Catalog.NONE, parser, 1_000, migrations);
        migrations.begin();
        recording.statement("UPDATE member SET fullname = full_name");
        Thread application = new Thread(() -> recording.statement("SELECT name FROM product"));
        application.start();
        application.join();
        migrations.begin(); // a tool inside a tool: scopes nest
        migrations.end();
        recording.statement("SELECT legacy FROM product");
        migrations.end();
        recording.statement("SELECT id FROM product");
        Await.until("two shapes parsed", Duration.ofSeconds(10),
                () -> recording.shapes() == 2 && recording.pending() == 0);
        assertEquals(List.of("[read public.product.id]", "[read public.product.name]"), recording.drain().stream()
                .map(count -> count.usage().columns().toString()).sorted().collect(Collectors.toList()));
    }

    @Test
    void tableLevelUseIsReportedForCountStar() {
        recorder.statement("SELECT count(*) FROM orders");
        ColumnUse use = awaitParsed(1).get(0).usage().columns().iterator().next();
        assertEquals(ColumnUse.TABLE, use.column());
        assertEquals("orders", use.table());
    }

    private List<ShapeCount> awaitParsed(int shapes) {
        Await.until(shapes + " shapes parsed", Duration.ofSeconds(10),
                () -> recorder.shapes() == shapes && recorder.pending() == 0);
        return recorder.drain();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
