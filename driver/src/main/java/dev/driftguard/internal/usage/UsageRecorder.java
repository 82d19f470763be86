package dev.driftguard.internal.usage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.driftguard.internal.base.Log;
import dev.driftguard.internal.jdbc.StatementListener;
import dev.driftguard.internal.sql.Catalog;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.SqlAnalyzer;
import dev.driftguard.internal.sql.Lexer;
import dev.driftguard.internal.sql.StatementKind;
import dev.driftguard.internal.sql.StatementUsage;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records which statement shapes an application runs, on the application's thread, in well under a microsecond
 * for a shape seen before: one cache lookup and one counter increment. A new text is normalised (literals become
 * placeholders) and looked up again; a new shape is handed to the {@link ShapeParser} and the call returns at once.
 * Only normalised texts are kept, so no literal value is ever stored.
 */
public final class UsageRecorder implements StatementListener {

    private static final Log LOG = Log.of(UsageRecorder.class);
    private static final int MAX_INCIDENTS = 1_000;
    /** How many drains (heartbeats) an incident waits for its statement's parse before it goes out unnamed. */
    private static final int INCIDENT_PARSE_DRAINS = 3;
    /** A shape weighs one unit per this many characters of text (and at least one). */
    static final int SHAPE_WEIGHT_CHARS = 1_024;
    /**
     * A prepared statement's executions are counted on its shape without a cache lookup; one in this many reads the
     * shape through the cache all the same, so that the cache's eviction policy sees how often it runs. Rare, since
     * it is a lookup on the application's thread again (docs/benchmarks.md); once per heartbeat, from the
     * heartbeat's thread, was too little for the cache to keep a busy statement's shape against texts run a few
     * times each.
     */
    private static final int READ_THROUGH_EVERY = 1_024;

    private final Cache<String, Shape> shapes;
    /**
     * Texts with literals, as sent, to their normalised text (the shape's key); never to the shape itself, so that
     * a shape the cache evicted is never counted on after its counts were handed over.
     */
    private final NormalizedTexts normalizedTexts = new NormalizedTexts();
    private final ShapeParser parser;
    private final SqlAnalyzer analyzer;
    private final Catalog catalog;
    private final Lexer lexer;
    private final MigrationScope migrations;
    private final LongAdder unparseable = new LongAdder();
    private final LongAdder droppedParses = new LongAdder();
    /** Drift seen since the last drain; bounded, the application's errors are never waited on. */
    private final Queue<FailedStatement> incidents = new ConcurrentLinkedQueue<>();
    private final AtomicInteger incidentsWaiting = new AtomicInteger();
    /** Counts of shapes evicted before they were drained, handed out by the next drain. */
    private final Queue<ShapeCount> evicted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger evictedWaiting = new AtomicInteger();

    /**
     * A recorder for one database (its dialect and catalog), parsing on {@code parser}, keeping at most
     * {@code maximumShapes} shapes of up to 1 KiB of text each, fewer of longer ones: the cache holds at most about
     * {@code maximumShapes} KiB of statement text.
     */
    public UsageRecorder(Dialect dialect, Catalog catalog, ShapeParser parser, int maximumShapes) {
        this(dialect, catalog, parser, maximumShapes, new MigrationScope());
    }

    /** The same, leaving out what threads run inside a migration {@code migrations} knows of. */
    public UsageRecorder(Dialect dialect, Catalog catalog, ShapeParser parser, int maximumShapes,
                         MigrationScope migrations) {
        this.parser = parser;
        this.migrations = migrations;
        this.catalog = catalog;
        this.analyzer = new SqlAnalyzer(dialect, catalog, parser.watchdog(), parser.timeoutMillis(), false);
        this.lexer = dialect.lexer();
        this.shapes = Caffeine.newBuilder()
                // bounded by text, not by count: an ordinary shape weighs 1, a 37 KB one 37
                .maximumWeight(maximumShapes)
                .<String, Shape>weigher((text, shape) -> 1 + text.length() / SHAPE_WEIGHT_CHARS)
                .<String, Shape>removalListener((text, shape, cause) -> {
                    if (shape != null) {
                        shape.release(); // first, so that what prepared statements count from now on is not lost
                    }
                    StatementUsage usage = shape == null ? null : shape.usage();
                    long executions = shape == null ? 0 : shape.executions.sum();
                    if (cause.wasEvicted() && usage != null && executions > 0) {
                        if (evictedWaiting.incrementAndGet() <= maximumShapes) {
                            evicted.add(new ShapeCount(usage, executions));
                        } else {
                            evictedWaiting.decrementAndGet();
                        }
                    }
                })
                .build();
    }

    @Override
    public void statement(String sql) {
        statement(sql, lexer);
    }

    /**
     * A session with other lexical settings than the server's defaults (rare: {@code SET sql_mode='ANSI_QUOTES'})
     * keeps shapes of its own, since the same text may mean other names there.
     */
    @Override
    public void statement(String sql, Lexer session) {
        if (migrations.here()) {
            return;
        }
        Shape shape = known(sql, session);
        count(shape == null ? shapeOf(sql, session) : shape);
    }

    /**
     * Counts this execution of {@code sql} and returns a counter of its shape for the next ones, which needs no
     * lookup: null, and nothing counted, until the text is known (told once through {@link #statement}). The
     * counter stops counting once the cache lets the shape go.
     */
    @Override
    public Executions executions(String sql, Lexer session) {
        Shape shape = known(sql, session);
        if (shape == null) {
            return null;
        }
        Executions counter = new ShapeExecutions(shape);
        return counter.count() ? counter : null;
    }

    private void count(Shape shape) {
        StatementUsage usage = shape.usage();
        if (usage != null && usage.kind() == StatementKind.DDL) {
            catalog.invalidate();
        }
        shape.executions.increment();
    }

    /** One prepared statement's counter; used by one statement, so its read-through count needs no atomics. */
    private final class ShapeExecutions implements Executions {
        private final Shape shape;
        private int untilReadThrough = READ_THROUGH_EVERY;

        ShapeExecutions(Shape shape) {
            this.shape = shape;
        }

        @Override
        public boolean count() {
            if (migrations.here()) {
                return true;
            }
            if (shape.released()) {
                return false;
            }
            if (--untilReadThrough == 0) {
                untilReadThrough = READ_THROUGH_EVERY;
                shapes.getIfPresent(shape.text); // keyed by its text: known shapes are of default sessions
            }
            UsageRecorder.this.count(shape);
            return true;
        }
    }

    /**
     * A failed statement: kept when the database said a column or table does not exist. The statement is parsed
     * like any other (off this thread); the incident is named once its parse is known.
     */
    @Override
    public void failed(String sql, SQLException error, Lexer session) {
        DriftIncident.Kind kind = DriftIncident.kindOf(error);
        if (kind == null || migrations.here()) {
            return;
        }
        Shape shape = known(sql, session);
        if (shape == null) {
            shape = shapeOf(sql, session);
        }
        if (incidentsWaiting.incrementAndGet() <= MAX_INCIDENTS) {
            incidents.add(new FailedStatement(kind, error.getMessage(), shape));
        } else {
            incidentsWaiting.decrementAndGet();
        }
    }

    /**
     * Drift incidents seen since the last call whose statements are parsed; those still waiting for the parser
     * stay for the next call, unless their parse was given up (then they are unnamed).
     */
    public List<DriftIncident> drainIncidents() {
        List<DriftIncident> drained = new ArrayList<>();
        List<FailedStatement> waiting = new ArrayList<>();
        for (FailedStatement failed; (failed = incidents.poll()) != null; ) {
            StatementUsage usage = failed.shape.usage();
            if (usage == null && failed.drains++ < INCIDENT_PARSE_DRAINS) {
                waiting.add(failed);
                continue;
            }
            incidentsWaiting.decrementAndGet();
            drained.add(DriftIncident.of(failed.kind, failed.message, usage));
        }
        incidents.addAll(waiting);
        return drained;
    }

    /**
     * A statement the database refused for a missing object, until its parse names the object. The vendor's
     * message is held only here, in memory, and never leaves: only identifiers the parse confirms do.
     */
    private static final class FailedStatement {
        final DriftIncident.Kind kind;
        final String message;
        final Shape shape;
        int drains;

        FailedStatement(DriftIncident.Kind kind, String message, Shape shape) {
            this.kind = kind;
            this.message = message;
            this.shape = shape;
        }
    }

    /** The shape of a text seen before in a session with the server's default settings, found without lexing it. */
    private Shape known(String sql, Lexer session) {
        if (session != lexer) {
            return null;
        }
        Shape shape = shapes.getIfPresent(sql);
        if (shape == null) {
            String normalized = normalizedTexts.get(sql);
            shape = normalized == null ? null : shapes.getIfPresent(normalized);
        }
        return shape;
    }

    private Shape shapeOf(String sql, Lexer session) {
        String normalized = session.normalize(sql);
        String key = key(normalized, session);
        if (session == lexer && !normalized.equals(sql)) {
            normalizedTexts.put(sql, normalized);
        }
        if (key != sql) {
            Shape known = shapes.getIfPresent(key);
            if (known != null) {
                return known;
            }
        }
        Shape fresh = new Shape(normalized, session);
        Shape raced = shapes.asMap().putIfAbsent(key, fresh);
        if (raced != null) {
            return raced;
        }
        if (!parser.submit(() -> parse(fresh), normalized.length())) {
            shapes.invalidate(key); // the next execution tries again
            droppedParses.increment();
        }
        return fresh;
    }

    /** Shapes of sessions with the server's default settings are keyed by their text alone. */
    private String key(String normalized, Lexer session) {
        return session.equals(lexer) ? normalized : session + "\u0000" + normalized;
    }

    /** On the parser thread. */
    private void parse(Shape shape) {
        StatementUsage usage;
        try {
            usage = analyzer.analyze(shape.text, shape.lexer);
        } catch (RuntimeException | StackOverflowError e) {
            usage = StatementUsage.failed("analysis failed: " + e.getClass().getSimpleName());
        }
        if (usage.error() != null) {
            unparseable.increment();
            if (LOG.isDebugEnabled()) {
                LOG.debug("driftguard: cannot analyse statement shape #{} ({}); its columns are not recorded: {}",
                        Integer.toHexString(shape.text.hashCode()), usage.error(), shape.text);
            }
        } else if (usage.kind() == StatementKind.DDL) {
            catalog.invalidate();
        }
        shape.parsed(usage);
        if (parser.nothingQueued()) {
            catalog.release(); // a burst of new shapes shares one catalog connection; a quiet recorder holds none
        }
    }

    /**
     * Parsed shapes with their executions since the last drain, including shapes evicted from the cache since;
     * shapes still waiting for the parser keep counting.
     */
    public List<ShapeCount> drain() {
        List<ShapeCount> counts = new ArrayList<>();
        for (ShapeCount count; (count = evicted.poll()) != null; ) {
            evictedWaiting.decrementAndGet();
            counts.add(count);
        }
        for (Shape shape : shapes.asMap().values()) {
            StatementUsage usage = shape.usage();
            if (usage != null) {
                counts.add(new ShapeCount(usage, shape.executions.sumThenReset()));
            }
        }
        return counts;
    }

    /** How many known shapes still wait for the parser. */
    public long pending() {
        return shapes.asMap().values().stream().filter(shape -> shape.usage() == null).count();
    }

    /** How many shapes could not be analysed. */
    public long unparseable() {
        return unparseable.sum();
    }

    /** How many times a new shape was turned away by a full parser queue (each is tried again when it runs again). */
    public long droppedParses() {
        return droppedParses.sum();
    }

    /** Characters of statement text the shape cache holds now. */
    public long retainedChars() {
        return shapes.asMap().keySet().stream().mapToLong(String::length).sum();
    }

    /** Number of shapes currently known. */
    public long shapes() {
        return shapes.estimatedSize();
    }
}
