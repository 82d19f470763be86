package dev.driftguard.sql;

import java.util.Locale;

/** Whether a statement reads or writes a column. */
public enum Access {
    READ, WRITE;

    /** {@code read} or {@code write}, as stored and printed. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
