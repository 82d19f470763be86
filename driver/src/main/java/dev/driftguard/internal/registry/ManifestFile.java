package dev.driftguard.internal.registry;

import dev.driftguard.internal.base.Json;
import dev.driftguard.internal.base.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The file {@code driftguard.manifest.out} names: the usage this process recorded for one version, as a manifest
 * (docs/manifests.md). Identifiers only — the keys hold no SQL text, literal or value. Rewritten whole and
 * atomically, so that a reader never sees half a file, and only when it grew: a recording's keys are never taken
 * back, so their count and the count of shapes say whether anything changed without building the text.
 */
final class ManifestFile {

    /** The manifest format this driftguard writes. */
    static final int FORMAT = 1;

    private static final Log LOG = Log.of(ManifestFile.class);

    /** As the setting gave it: a name this file system cannot hold is said when writing, like any other failure. */
    private final String file;
    private int writtenKeys = -1;
    private long writtenShapes = -1;
    private boolean warned;

    ManifestFile(String file) {
        this.file = file;
    }

    /**
     * Writes the manifest of the {@code keyCount} keys {@code keys} gives, recorded in the database named {@code
     * database}, unless it holds as many keys and shapes already. Never throws.
     */
    void write(String app, String version, String database, int keyCount, Supplier<Collection<UsageKey>> keys,
               long statementShapes) {
        if (keyCount == writtenKeys && statementShapes == writtenShapes) {
            return;
        }
        try {
            String json = json(app, version, database, keys.get(), statementShapes);
            Path target = Path.of(file).toAbsolutePath();
            Path directory = target.getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, target.getFileName().toString(), ".tmp");
            try {
                Files.write(temporary, json.getBytes(StandardCharsets.UTF_8));
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            writtenKeys = keyCount;
            writtenShapes = statementShapes;
            warned = false;
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn("driftguard: cannot write the manifest {} ({}); it is tried again at the next heartbeat. "
                        + "Make its directory writable or set {} to another file. Application statements are not "
                        + "affected.", file, e.toString(), dev.driftguard.internal.config.Settings.MANIFEST_OUT);
            }
        }
    }

    /** The manifest's text: keys in their fixed order, one column per line, so that two runs compare line by line. */
    static String json(String app, String version, String database, Collection<UsageKey> keys, long statementShapes) {
        StringBuilder out = new StringBuilder("{\"format\":").append(FORMAT)
                .append(",\"app\":").append(Json.string(app))
                .append(",\"version\":").append(Json.string(version))
                .append(",\"database\":").append(Json.string(database))
                .append(",\"statement_shapes\":").append(statementShapes)
                .append(",\n\"columns\":[");
        TreeSet<String> via = new TreeSet<>();
        String separator = "\n";
        for (UsageKey key : new TreeSet<>(keys)) {
            out.append(separator).append("{\"schema\":").append(Json.string(key.schema))
                    .append(",\"table\":").append(Json.string(key.table))
                    .append(",\"column\":").append(Json.string(key.column))
                    .append(",\"access\":").append(Json.string(key.access.label()));
            if (!key.via.isEmpty()) {
                out.append(",\"via\":").append(Json.string(key.via));
                via.add(key.via);
            }
            out.append('}');
            separator = ",\n";
        }
        out.append("],\n\"via\":[");
        separator = "";
        for (String object : via) {
            out.append(separator).append(Json.string(object));
            separator = ",";
        }
        return out.append("]}\n").toString();
    }
}
