package dev.driftguard.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.driftguard.internal.sql.ColumnUse;
import dev.driftguard.internal.sql.Access;
import dev.driftguard.internal.sql.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A manifest (docs/manifests.md) as {@code declare}, {@code diff} and {@code precheck --incoming} read it. A file
 * is checked whole before anything uses it, and what is wrong with it is said without quoting it: a file given by
 * mistake may hold anything, and driftguard repeats no data.
 */
final class Manifest {

    /** The manifest format this driftguard reads. */
    static final int FORMAT = 1;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final String WHAT = ". A manifest is the JSON file driftguard.manifest.out makes a test run write "
            + "(docs/manifests.md).";

    final Path file;
    final String app;
    final String version;
    /** The database the recording process ran against; null when the manifest does not say. */
    final String database;
    final Set<ColumnUse> uses;

    private Manifest(Path file, String app, String version, String database, Set<ColumnUse> uses) {
        this.file = file;
        this.app = app;
        this.version = version;
        this.database = database;
        this.uses = java.util.Collections.unmodifiableSet(uses);
    }

    /** The manifests {@code names} give: files, and folders of {@code *.json} files. Every one is read before any is used. */
    static List<Manifest> readAll(List<String> names) throws UsageException {
        List<Manifest> manifests = new ArrayList<>();
        for (String name : names) {
            Path path = Path.of(name);
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> listed = Files.list(path)) {
                    files = listed.filter(file -> file.getFileName().toString().endsWith(".json") && Files.isRegularFile(file))
                            .sorted().collect(Collectors.toList());
                } catch (IOException e) {
                    throw new UsageException("cannot list the folder " + name + ": " + SqlFiles.why(e));
                }
                if (files.isEmpty()) {
                    throw new UsageException("no manifest (*.json) in the folder " + name);
                }
                for (Path file : files) {
                    manifests.add(read(file));
                }
            } else {
                manifests.add(read(path));
            }
        }
        return manifests;
    }

    /** One manifest file. */
    static Manifest read(Path file) throws UsageException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UsageException(Files.isDirectory(file) ? file + " is a folder"
                    : "cannot read the manifest " + file + ": " + SqlFiles.why(e));
        }
        Object root;
        try (JsonParser parser = JSON.createParser(bytes)) {
            if (parser.nextToken() == null) {
                throw notAManifest(file, "it is empty");
            }
            root = value(parser);
            if (parser.nextToken() != null) {
                throw notAManifest(file, "more follows its JSON object " + at(parser.currentTokenLocation()));
            }
        } catch (IOException e) { // from bytes in memory: only what the parser says of the text
            throw notAManifest(file, "it is not valid JSON " + (e instanceof JsonProcessingException
                    ? at(((JsonProcessingException) e).getLocation()) : ""));
        }
        if (!(root instanceof Map)) {
            throw notAManifest(file, "it is not a JSON object");
        }
        Map<?, ?> manifest = (Map<?, ?>) root;
        Object format = manifest.get("format");
        if (format == null) {
            throw notAManifest(file, "it has no \"format\"");
        }
        if (!(format instanceof Long) || (Long) format != FORMAT) {
            throw notAManifest(file, "its \"format\" is not " + FORMAT + ", the only format this driftguard reads; read "
                    + "it with the driftguard that wrote it, or a newer one");
        }
        String app = text(file, manifest, "app", false);
        String version = text(file, manifest, "version", false);
        Object database = manifest.get("database");
        if (database != null && !(database instanceof String)) {
            throw notAManifest(file, "its \"database\" is not a string");
        }
        Object columns = manifest.get("columns");
        if (!(columns instanceof List)) {
            throw notAManifest(file, "it has no \"columns\" list");
        }
        Set<ColumnUse> uses = new TreeSet<>();
        int index = 0;
        for (Object entry : (List<?>) columns) {
            String where = "columns[" + index++ + "]";
            if (!(entry instanceof Map)) {
                throw notAManifest(file, where + " is not an object");
            }
            Map<?, ?> column = (Map<?, ?>) entry;
            String label = text(file, column, where, "access");
            Access access = Access.stored(label);
            if (!access.label().equals(label)) {
                throw notAManifest(file, where + ": \"access\" is not read, write or call");
            }
            Object via = column.get("via");
            if (via != null && !(via instanceof String)) {
                throw notAManifest(file, where + ": \"via\" is not a string");
            }
            uses.add(ColumnUse.reached(text(file, column, where, "schema"), text(file, column, where, "table"),
                    text(file, column, where, "column"), access, (String) via));
        }
        return new Manifest(file, app, version, (String) database, uses);
    }

    /**
     * Its uses as declared for a database of {@code dialect} named {@code target}. On MariaDB/MySQL a schema is a
     * database, and the tests ran in one of their own: uses in it become uses in {@code target}.
     */
    Set<ColumnUse> usesIn(Dialect dialect, String target) {
        return dialect == Dialect.MYSQL ? usesWithDatabaseAs(target) : uses;
    }

    /** Its uses with the schema that is its own database (a MariaDB/MySQL test database) named {@code target}. */
    Set<ColumnUse> usesWithDatabaseAs(String target) {
        if (database == null || target == null || database.equals(target)) {
            return uses;
        }
        Set<ColumnUse> mapped = new TreeSet<>();
        for (ColumnUse use : uses) {
            mapped.add(database.equals(use.schema())
                    ? ColumnUse.reached(target, use.table(), use.column(), use.access(), use.via()) : use);
        }
        return mapped;
    }

    /** {@code shop 3.0.0}. */
    String versionName() {
        return app + " " + version;
    }

    private static String text(Path file, Map<?, ?> object, String field, boolean emptyAllowed) throws UsageException {
        Object value = object.get(field);
        if (!(value instanceof String) || !emptyAllowed && ((String) value).isBlank()) {
            throw notAManifest(file, "its \"" + field + "\" is " + (value == null ? "missing" : "not a non-empty string"));
        }
        return (String) value;
    }

    /** A name of a column entry: a string, empty only where the format allows it (a table's or routine's own use). */
    private static String text(Path file, Map<?, ?> column, String where, String field) throws UsageException {
        Object value = column.get(field);
        if (!(value instanceof String)) {
            throw notAManifest(file, where + ": \"" + field + "\" is " + (value == null ? "missing" : "not a string"));
        }
        if (((String) value).isEmpty() && !field.equals("column") && !field.equals("schema")) {
            throw notAManifest(file, where + ": \"" + field + "\" is empty");
        }
        return (String) value;
    }

    /** The JSON value that starts at the parser's current token, as maps, lists, strings, longs, doubles, booleans. */
    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken next; (next = parser.nextToken()) != JsonToken.END_OBJECT; ) {
                    String name = parser.currentName();
                    if (next != JsonToken.FIELD_NAME || parser.nextToken() == null) {
                        throw new JsonParseException(parser, "unexpected end of input");
                    }
                    object.put(name, value(parser));
                }
                return object;
            case START_ARRAY:
                List<Object> array = new ArrayList<>();
                for (JsonToken next; (next = parser.nextToken()) != JsonToken.END_ARRAY; ) {
                    if (next == null) {
                        throw new JsonParseException(parser, "unexpected end of input");
                    }
                    array.add(value(parser));
                }
                return array;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.INT
                        || parser.getNumberType() == JsonParser.NumberType.LONG ? (Object) parser.getLongValue() : null;
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
            case VALUE_FALSE:
                return parser.getBooleanValue();
            default:
                return null;
        }
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : "(line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static UsageException notAManifest(Path file, String why) {
        return new UsageException(file + " is not a driftguard manifest: " + why + WHAT);
    }
}
