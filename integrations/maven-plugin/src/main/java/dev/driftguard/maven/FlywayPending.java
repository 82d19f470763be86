package dev.driftguard.maven;

import dev.driftguard.flyway.DriftGuardCallback;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * The pending migrations of Flyway locations as Flyway itself resolves them against the database (prefixes,
 * ordering, what ran already, changed repeatables, {@code classpath:} and {@code filesystem:} locations), each
 * written to a file of its own for precheck to read, in Flyway's order. Executes nothing.
 */
final class FlywayPending {

    private FlywayPending() {
    }

    /**
     * @param configuration further Flyway settings ({@code flyway.sqlMigrationPrefix}, placeholders, …)
     * @param classPath where {@code classpath:} locations are looked for: the project's classes and resources
     * @param out a folder of its own, emptied first
     */
    static List<File> files(String url, String user, String password, List<String> locations,
                            Map<String, String> configuration, List<File> classPath, Path out) throws IOException {
        Map<String, String> scripts;
        try (URLClassLoader project = new URLClassLoader(urls(classPath), FlywayPending.class.getClassLoader())) {
            scripts = DriftGuardCallback.pendingSql(Flyway.configure(project).configuration(configuration)
                    .dataSource(url, user, password)
                    .locations(locations.toArray(new String[0])).load().getConfiguration());
        }
        deleteRecursively(out);
        List<File> files = new ArrayList<>();
        int order = 0;
        for (Map.Entry<String, String> script : scripts.entrySet()) {
            Path file = out.resolve(String.format("%04d", ++order)).resolve(Path.of(script.getKey()).getFileName());
            Files.createDirectories(file.getParent());
            Files.writeString(file, script.getValue(), StandardCharsets.UTF_8);
            files.add(file.toFile());
        }
        return files;
    }

    private static URL[] urls(List<File> classPath) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (File entry : classPath) {
            if (entry.exists()) {
                urls.add(entry.toURI().toURL());
            }
        }
        return urls.toArray(new URL[0]);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
