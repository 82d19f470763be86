package dev.driftguard.internal.sql;

import java.util.Locale;

/** Whether a statement reads or writes a column, or calls a routine. */
public enum Access {
    READ, WRITE,
    /** The use of a function or procedure itself: its "table" is the routine's name, its column empty. */
    CALL;

    /** {@code read}, {@code write} or {@code call}, as stored and printed. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
