package dev.driftguard.internal.guard;

import dev.driftguard.internal.registry.LiveUse;
import dev.driftguard.internal.sql.Access;
import dev.driftguard.internal.sql.UseWords;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** A live version that a hazard would break, with the uses that make it so. Immutable. */
public final class Blocker {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    final String app;
    final String version;
    final int liveInstances;
    final List<LiveUse> uses;
    final boolean self;

    Blocker(String app, String version, int liveInstances, List<LiveUse> uses, boolean self) {
        this.app = app;
        this.version = version;
        this.liveInstances = liveInstances;
        this.uses = uses;
        this.self = self;
    }

    /** Application. */
    public String app() {
        return app;
    }

    /** Version. */
    public String version() {
        return version;
    }

    /** Live instances of the version now. */
    public int liveInstances() {
        return liveInstances;
    }

    /** The uses of the version that the hazard breaks. */
    public List<LiveUse> uses() {
        return uses;
    }

    /** Whether it is the checking process's own version. */
    public boolean self() {
        return self;
    }

    /**
     * {@code shop 1.4.0 (3 live instances, last used 2026-11-22 01:50:12 UTC): reads rating}; a version that only
     * declared what it uses says so, and one about to be deployed says that instead of its instances.
     */
    public String describe() {
        StringBuilder line = new StringBuilder(app).append(' ').append(version).append(" (");
        if (uses.stream().allMatch(use -> use.source() == LiveUse.Source.INCOMING)) {
            line.append("about to be deployed, by its manifest");
        } else {
            line.append(liveInstances).append(" live instance").append(liveInstances == 1 ? "" : "s");
            uses.stream().map(LiveUse::lastSeen).filter(java.util.Objects::nonNull).max(java.util.Comparator.naturalOrder())
                    .ifPresentOrElse(last -> line.append(", last used ").append(last.format(TIME)),
                            () -> line.append(", declared by its manifest, not seen running yet"));
        }
        line.append("): ");
        for (int i = 0; i < uses.size(); i++) {
            LiveUse use = uses.get(i);
            line.append(i == 0 ? "" : ", ");
            line.append(use.access() == Access.CALL
                    // the routine's own hazard names it; a schema's lists each routine as "name."
                    ? UseWords.of(use.access(), use.column().isEmpty() ? null : use.column().replaceFirst("\\.$", ""), "", use.via())
                    : UseWords.of(use.access(), null, use.column(), use.via()));
        }
        if (self) {
            line.append(" — this is the migrating application's own version: it still uses this, so remove the use "
                    + "from its code and ship that first");
        }
        return line.toString();
    }
}
