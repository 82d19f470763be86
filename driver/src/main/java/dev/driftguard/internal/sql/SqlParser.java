package dev.driftguard.internal.sql;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.statement.Statements;

/**
 * The one JSqlParser set-up of a dialect, for the recorder and the guard alike: it parses the lexer's
 * {@link ParseText} (no literal, no comment reaches the parser), and a watchdog stops a parse that runs longer
 * than the time limit.
 */
public final class SqlParser {

    private final Dialect dialect;
    private final ScheduledExecutorService watchdog;
    private final long timeoutMillis;
    private final boolean detailedErrors;

    /**
     * @param watchdog runs the time limit; null for none (the command line, where a person waits)
     * @param detailedErrors whether failures may quote the parser's message (names from the text, never literals)
     */
    public SqlParser(Dialect dialect, ScheduledExecutorService watchdog, long timeoutMillis, boolean detailedErrors) {
        this.dialect = dialect;
        this.watchdog = watchdog;
        this.timeoutMillis = timeoutMillis;
        this.detailedErrors = detailedErrors;
    }

    /** The statements of {@code text}; a {@link Failure} saying why when they cannot be read in time. */
    public Statements parse(ParseText text) throws Failure {
        CCJSqlParser parser = dialect.parser(text.text());
        if (parser == null) {
            throw new Failure("nothing to parse");
        }
        ScheduledFuture<?> alarm = watchdog == null ? null
                : watchdog.schedule(() -> parser.interrupted = true, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            return parser.Statements();
        } catch (Exception e) {
            if (parser.interrupted) {
                throw new Failure("parsing took longer than " + timeoutMillis + " ms and was stopped");
            }
            throw new Failure(detailedErrors && e.getMessage() != null
                    ? "cannot parse: " + firstLine(e.getMessage())
                    : "cannot parse (" + e.getClass().getSimpleName() + ")");
        } catch (StackOverflowError e) {
            throw new Failure("statement is nested too deeply to parse");
        } finally {
            if (alarm != null) {
                alarm.cancel(false);
            }
        }
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }

    /** Why a text could not be parsed. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
