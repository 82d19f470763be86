package dev.driftguard.internal.usage;

/**
 * Texts with literals in them ({@code SELECT 1}, {@code … WHERE status = 'open'}), which shapes are known by
 * only as normalised text: the text as sent, to its normalised text, so that a text sent again costs a lookup,
 * not a normalisation. Direct-mapped, not a Caffeine cache: measured, a Caffeine put per text never seen before
 * tripled the cost of a literal-varying statement (273 to 797 ns, {@code HotPathBenchmark.neverSeenLiteralStatement});
 * here a miss costs one array store, and a collision simply forgets the older text. Entries are immutable, so
 * threads may race on a slot and only ever see a whole entry or none. Bounded: {@link #SLOTS} texts of at most
 * {@link #LONGEST} characters.
 */
final class NormalizedTexts {

    private static final int SLOTS = 2048;
    /** Longer texts are rarely sent with the same literals twice, and are not worth the memory. */
    private static final int LONGEST = 1_024;

    private final Entry[] entries = new Entry[SLOTS];

    /** The normalised text of {@code sql}, when it was remembered. */
    String get(String sql) {
        Entry entry = entries[slot(sql)];
        return entry != null && entry.text.equals(sql) ? entry.normalized : null;
    }

    void put(String sql, String normalized) {
        if (sql.length() <= LONGEST) {
            entries[slot(sql)] = new Entry(sql, normalized);
        }
    }

    private static int slot(String sql) {
        int hash = sql.hashCode();
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }

    private static final class Entry {
        final String text;
        final String normalized;

        Entry(String text, String normalized) {
            this.text = text;
            this.normalized = normalized;
        }
    }
}
