package dev.driftguard.bench;

import dev.driftguard.internal.jdbc.StatementListener;
import dev.driftguard.internal.sql.Catalog;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.Lexer;
import dev.driftguard.internal.usage.ShapeParser;
import dev.driftguard.internal.usage.UsageRecorder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the application's thread pays per statement, without any database: usage recording, and the lexer's
 * check whether a call may run DDL (and whether it changed the session's lexical settings).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmark {

    private static final String PREPARED = "select p1_0.id,p1_0.name,p1_0.price from product p1_0 where p1_0.id=?";
    private static final int VARIANTS = 4096;
    private static final Lexer LEXER = Dialect.POSTGRES.lexer();

    /** Fields, not constants: the JIT must not fold the lexer's work away. */
    private String prepared = PREPARED;
    private String withSemicolon = "SELECT id FROM product WHERE note = 'a; b' AND id = ?";
    private ShapeParser parser;
    private UsageRecorder recorder;
    private StatementListener.Executions preparedExecutions;
    private String[] literalVarying;
    private int next;

    @Setup
    public void warm() throws InterruptedException {
        parser = new ShapeParser(1024, 2_000);
        recorder = new UsageRecorder(Dialect.POSTGRES, Catalog.NONE, parser, 10_000);
        literalVarying = new String[VARIANTS];
        for (int i = 0; i < VARIANTS; i++) {
            literalVarying[i] = "SELECT id, name, price FROM product WHERE id = " + i + " AND sku = 'SKU-" + i + "'";
        }
        recorder.statement(PREPARED);
        recorder.statement(literalVarying[0]);
        while (recorder.pending() > 0) {
            Thread.sleep(10); // setup only: the parser thread finishes the two shapes
        }
        preparedExecutions = recorder.executions(PREPARED, LEXER);
    }

    @TearDown
    public void stop() {
        parser.shutdown();
    }

    /** The common case: a prepared statement's text, seen before. */
    @Benchmark
    public void cachedStatement() {
        recorder.statement(PREPARED);
    }

    /**
     * A prepared statement's third and later executions: counted on the shape its second execution found, no
     * lookup (the statement keeps the counter; {@code cachedStatement} is what the lookup costs).
     */
    @Benchmark
    public boolean preparedStatementExecution() {
        return preparedExecutions.count();
    }

    /** The guard's question for every statement: may this call run DDL? One statement, no {@code ;}. */
    @Benchmark
    public boolean mayRunDdlPrepared() {
        return LEXER.mayRunDdl(prepared);
    }

    /** A {@code ;} inside a literal: the whole text is lexed. */
    @Benchmark
    public boolean mayRunDdlSemicolonInLiteral() {
        return LEXER.mayRunDdl(withSemicolon);
    }

    /** After each statement: did it change how the session reads SQL? (Connections that never SET pay this.) */
    @Benchmark
    public Lexer sessionUnchanged() {
        return LEXER.afterSessionChange(prepared);
    }

    /** 4,096 texts differing in their literals, each sent again and again: found by the text as sent. */
    @Benchmark
    public void literalVaryingStatement() {
        recorder.statement(literalVarying[next++ & (VARIANTS - 1)]);
    }

    /** A text whose literals the recorder has not seen (or no longer remembers): normalised, then found. */
    @Benchmark
    public void neverSeenLiteralStatement(NeverSeen texts) {
        recorder.statement(texts.next());
    }

    /**
     * Far more texts than the recorder keeps, each coming back long after it was forgotten. A state of its own:
     * its 150 MB are built only for the benchmark that uses them, and weigh on no other benchmark's GC.
     */
    @State(Scope.Benchmark)
    public static class NeverSeen {
        private static final int VARIANTS = 1 << 20;
        private String[] texts;
        private int next;

        @Setup
        public void build() {
            texts = new String[VARIANTS];
            for (int i = 0; i < VARIANTS; i++) {
                texts[i] = "SELECT id, name, price FROM product WHERE id = " + i + " AND sku = 'SKU-" + i + "'";
            }
        }

        String next() {
            return texts[next++ & (VARIANTS - 1)];
        }
    }
}
