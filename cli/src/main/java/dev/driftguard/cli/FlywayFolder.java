package dev.driftguard.cli;

import dev.driftguard.internal.base.JdbcUrls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder of Flyway migrations: versioned files in version order, then repeatable ones by name, after what the
 * database's Flyway history says was applied.
 */
final class FlywayFolder {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R__.*\\.sql");

    private FlywayFolder() {
    }

    /** The migrations Flyway would still apply after {@code appliedVersion} (null: none applied yet). */
    static List<Path> pending(Path folder, String appliedVersion) throws UsageException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UsageException("cannot list " + folder + ": " + e.getMessage());
        }
        List<Path> versioned = new ArrayList<>();
        List<Path> repeatable = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            Matcher version = VERSIONED.matcher(name);
            if (version.matches()) {
                if (appliedVersion == null || compareVersions(version(version), appliedVersion) > 0) {
                    versioned.add(file);
                }
            } else if (REPEATABLE.matcher(name).matches()) {
                repeatable.add(file);
            }
        }
        versioned.sort(Comparator.comparing(file -> {
            Matcher version = VERSIONED.matcher(file.getFileName().toString());
            version.matches();
            return version(version);
        }, FlywayFolder::compareVersions));
        repeatable.sort(Comparator.comparing(file -> file.getFileName().toString()));
        versioned.addAll(repeatable);
        return versioned;
    }

    private static String version(Matcher matcher) {
        return matcher.group(1).replace('_', '.');
    }

    /** Flyway's order: numeric parts compared one by one, {@code 1.10} after {@code 1.9}. */
    static int compareVersions(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            long x = i < a.length && !a[i].isEmpty() ? Long.parseLong(a[i]) : 0;
            long y = i < b.length && !b[i].isEmpty() ? Long.parseLong(b[i]) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }

    /** The newest successfully applied Flyway version, or null when the database has no Flyway history. */
    static String appliedVersion(Database database) throws UsageException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            List<String> versions = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT version FROM flyway_schema_history"
                    + " WHERE success AND version IS NOT NULL")) {
                while (rows.next()) {
                    versions.add(rows.getString(1));
                }
            } catch (SQLException noHistory) {
                return null;
            }
            return versions.stream().max(FlywayFolder::compareVersions).orElse(null);
        } catch (SQLException e) {
            throw new UsageException("cannot read " + JdbcUrls.mask(database.url()) + ": " + e.getMessage());
        }
    }
}
