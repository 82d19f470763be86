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

    /**
     * The access a registry row stores as {@code label}. A value this version does not know (written by a newer
     * driftguard) counts as a read: it is still a use, and the guard errs towards refusing.
     */
    public static Access stored(String label) {
        for (Access access : values()) {
            if (access.label().equals(label)) {
                return access;
            }
        }
        return READ;
    }
}
