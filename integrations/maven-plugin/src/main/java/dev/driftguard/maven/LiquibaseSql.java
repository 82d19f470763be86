package dev.driftguard.maven;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * The SQL a Liquibase changelog's pending changesets would run on the database, as {@code liquibase update-sql}
 * writes it: Liquibase itself decides what is pending (contexts, labels, preconditions, what ran already).
 * Nothing is executed.
 */
final class LiquibaseSql {

    private LiquibaseSql() {
    }

    /** Writes the pending SQL of {@code changelog} (relative to {@code searchPath}) to {@code out}, and returns it. */
    static Path pending(String url, String user, String password, Path searchPath, String changelog, Path out)
            throws Exception {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(searchPath));
        scope.put("liquibase.analytics.enabled", Boolean.FALSE); // a build's check is nobody's analytics
        try (OutputStream sql = Files.newOutputStream(out)) {
            Scope.child(scope, () -> {
                CommandScope updateSql = new CommandScope("updateSql")
                        .addArgumentValue("url", url)
                        .addArgumentValue("changelogFile", changelog)
                        .setOutput(sql);
                if (user != null) {
                    updateSql.addArgumentValue("username", user);
                }
                if (password != null) {
                    updateSql.addArgumentValue("password", password);
                }
                updateSql.execute();
            });
        }
        return out;
    }
}
