package dev.driftguard.flyway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;

/** One pending migration as Flyway will run it: its script name and, for SQL migrations, its text. */
final class MigrationScript {

    final String script;
    final String type;
    /** With Flyway's placeholders replaced; null for migrations that are not SQL (Java, scripts). */
    final String sql;

    private MigrationScript(String script, String type, String sql) {
        this.script = script;
        this.type = type;
        this.sql = sql;
    }

    /** The pending migrations, in Flyway's order, each SQL one read from the location Flyway found it in. */
    static List<MigrationScript> pending(Configuration configuration, MigrationInfo[] pending) {
        List<MigrationScript> scripts = new ArrayList<>();
        for (MigrationInfo migration : pending) {
            String type = migration.getType().name();
            scripts.add(new MigrationScript(migration.getScript(), type,
                    type.equals("SQL") ? placeholdersReplaced(read(configuration, migration.getScript()), configuration,
                            migration.getScript()) : null));
        }
        return scripts;
    }

    /** The script's text from the first location holding it (Flyway refuses a script found in two). */
    private static String read(Configuration configuration, String script) {
        for (Location location : configuration.getLocations()) {
            try {
                if (location.isClassPath()) {
                    String root = location.getRootPath();
                    try (InputStream in = configuration.getClassLoader().getResourceAsStream(
                            root.isEmpty() ? script : root + "/" + script)) {
                        if (in != null) {
                            return new String(in.readAllBytes(), configuration.getEncoding());
                        }
                    }
                } else if (location.isFileSystem()) {
                    Path file = Path.of(location.getRootPath(), script);
                    if (Files.isRegularFile(file)) {
                        return Files.readString(file, configuration.getEncoding());
                    }
                }
            } catch (IOException e) {
                throw new FlywayException("driftguard: cannot read migration " + script + " (" + e.getMessage()
                        + "); nothing was migrated", e);
            }
        }
        // a location driftguard cannot read (cloud storage, a custom resource provider): fail closed
        throw new FlywayException("driftguard: cannot find migration " + script + " in " + List.of(
                configuration.getLocations()) + " to check it against live usage; nothing was migrated. Check it with"
                + " the precheck command and run Flyway without the driftguard callback, or set driftguard.guard=warn.");
    }

    /** Flyway's {@code ${name}} placeholders and the few built-in ones that can name a table or a schema. */
    private static String placeholdersReplaced(String sql, Configuration configuration, String script) {
        if (!configuration.isPlaceholderReplacement()) {
            return sql;
        }
        Map<String, String> values = new LinkedHashMap<>(configuration.getPlaceholders());
        String defaultSchema = configuration.getDefaultSchema() != null ? configuration.getDefaultSchema()
                : configuration.getSchemas().length > 0 ? configuration.getSchemas()[0] : null;
        if (defaultSchema != null) {
            values.putIfAbsent("flyway:defaultSchema", defaultSchema);
        }
        values.putIfAbsent("flyway:table", configuration.getTable());
        values.putIfAbsent("flyway:filename", Path.of(script).getFileName().toString());
        String replaced = sql;
        for (Map.Entry<String, String> value : values.entrySet()) {
            if (value.getValue() != null) {
                replaced = replaced.replace(configuration.getPlaceholderPrefix() + value.getKey()
                        + configuration.getPlaceholderSuffix(), value.getValue());
            }
        }
        return replaced;
    }
}
