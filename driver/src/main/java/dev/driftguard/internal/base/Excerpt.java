package dev.driftguard.internal.base;

/** The one way a statement is shown in a message, a log line, {@code status} or a report: one line, cut short. */
public final class Excerpt {

    /** What a refusal, a log line or a status line shows of a statement. */
    public static final int STATEMENT_CHARS = 80;

    private Excerpt() {
    }

    /** {@code statement} on one line, at most {@link #STATEMENT_CHARS} characters. */
    public static String of(String statement) {
        return of(statement, STATEMENT_CHARS);
    }

    /** {@code statement} with its white space folded to single spaces, at most {@code max} characters ("…" at a cut). */
    public static String of(String statement, int max) {
        String line = statement.replaceAll("\\s+", " ").trim();
        return line.length() > max ? line.substring(0, Math.max(0, max - 1)) + "…" : line;
    }
}
