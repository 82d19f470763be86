package dev.driftguard.internal.sql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The statement corpus in {@code src/test/resources/corpus}: blocks of SQL, each followed by {@code =>} lines that
 * list what it reads and writes ({@code r table.column}, {@code w schema.table.column}, {@code r table} for the table
 * alone, {@code none}). Two-part names are in the database's default schema.
 */
final class Corpus {

    /** One statement and what it must be found to use. */
    static final class Case {
        final String file;
        final int line;
        final String sql;
        final List<String> expected;

        Case(String file, int line, String sql, List<String> expected) {
            this.file = file;
            this.line = line;
            this.sql = sql;
            this.expected = expected;
        }

        /** The expected uses, spelled like {@link ColumnUse#toString()}, in {@code defaultSchema}. */
        Set<String> expectedUses(String defaultSchema) {
            Set<String> uses = new LinkedHashSet<>();
            for (String entry : expected) {
                if (entry.equals("none")) {
                    continue;
                }
                String access = entry.startsWith("w ") ? "write" : "read";
                String[] parts = entry.substring(2).trim().split("\\.");
                switch (parts.length) {
                    case 1:
                        uses.add(access + " " + defaultSchema + "." + parts[0] + ".");
                        break;
                    case 2:
                        uses.add(access + " " + defaultSchema + "." + parts[0] + "." + parts[1]);
                        break;
                    default:
                        uses.add(access + " " + parts[0] + "." + parts[1] + "." + parts[2]);
                }
            }
            return uses;
        }

        @Override
        public String toString() {
            return file + ":" + line + " " + (sql.length() > 70 ? sql.substring(0, 70) + "…" : sql);
        }
    }

    private Corpus() {
    }

    static List<Case> load(String... files) throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String file : files) {
            cases.addAll(parse(file, read("corpus/" + file)));
        }
        return cases;
    }

    static String read(String resource) throws IOException {
        try (InputStream in = Corpus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Case> parse(String file, String text) {
        List<Case> cases = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        List<String> expected = new ArrayList<>();
        int start = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i].strip() : "";
            if (line.startsWith("#") || line.startsWith("@")) {
                continue;
            }
            if (line.isEmpty()) {
                if (sql.length() > 0) {
                    if (expected.isEmpty()) {
                        throw new IllegalStateException(file + ":" + start + " has no => line");
                    }
                    cases.add(new Case(file, start, sql.toString().trim(), List.copyOf(expected)));
                }
                sql.setLength(0);
                expected.clear();
            } else if (line.startsWith("=>")) {
                for (String entry : line.substring(2).split(",")) {
                    if (!entry.isBlank()) {
                        expected.add(entry.trim());
                    }
                }
            } else {
                if (sql.length() == 0) {
                    start = i + 1;
                }
                sql.append(line).append('\n');
            }
        }
        return cases;
    }
}
