package dev.driftguard.internal.registry;

import dev.driftguard.internal.base.Excerpt;
import java.time.OffsetDateTime;

/** A statement run despite the guard, and why, as {@link RegistryReader#overrides} reads it. */
public final class OverrideEntry {

    public final OffsetDateTime at;
    public final String app;
    public final String version;
    public final String user;
    public final String reason;
    public final String statement;

    OverrideEntry(OffsetDateTime at, String app, String version, String user, String reason, String statement) {
        this.at = at;
        this.app = app;
        this.version = version;
        this.user = user;
        this.reason = reason;
        this.statement = statement;
    }

    /** The statement on one line, at most {@code max} characters. */
    public String statementLine(int max) {
        return Excerpt.of(statement, max);
    }
}
