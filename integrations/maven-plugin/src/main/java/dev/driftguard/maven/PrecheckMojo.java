package dev.driftguard.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code driftguard:precheck}: the {@code precheck} command on the build's migrations. Fails the build when one
 * would break a live application version or cannot be analysed, and always writes the markdown summary for the
 * pull request. Executes no migration.
 */
@Mojo(name = "precheck", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class PrecheckMojo extends AbstractMojo {

    /** The database the migrations are for: {@code jdbc:postgresql://…} or {@code jdbc:mariadb://…}. */
    @Parameter(property = "driftguard.url", required = true)
    String url;

    @Parameter(property = "driftguard.user")
    String user;

    /** Better from the environment: {@code DRIFTGUARD_PASSWORD}. */
    @Parameter(property = "driftguard.password")
    String password;

    /** The registry, when it is not in the {@code url} database (same user and password). */
    @Parameter(property = "driftguard.registryUrl")
    String registryUrl;

    /**
     * Migration files, read as they are, and folders, whose pending migrations Flyway resolves; by default
     * {@code src/main/resources/db/migration}.
     */
    @Parameter(property = "driftguard.migrations")
    List<File> migrations;

    /**
     * Flyway locations ({@code classpath:db/migration}, {@code filesystem:sql}): their pending migrations, as Flyway
     * resolves them against the database, are checked too. {@code classpath:} is the project's classes and
     * {@code src/main/resources}.
     */
    @Parameter(property = "driftguard.flywayLocations")
    List<String> flywayLocations;

    /** Further Flyway settings for {@link #flywayLocations}, as Flyway names them: {@code flyway.sqlMigrationPrefix}, … */
    @Parameter
    Map<String, String> flywayConfiguration;

    @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true)
    File outputDirectory;

    /**
     * A Liquibase changelog, relative to {@link #liquibaseSearchPath}: the SQL its pending changesets would run is
     * checked too (Liquibase's {@code update-sql}, written to {@code target/driftguard-liquibase-update.sql}).
     */
    @Parameter(property = "driftguard.liquibaseChangelog")
    String liquibaseChangelog;

    @Parameter(property = "driftguard.liquibaseSearchPath", defaultValue = "${basedir}/src/main/resources")
    File liquibaseSearchPath;

    /**
     * The manifests of the release about to be deployed (files, or folders of {@code *.json}), typically its own
     * tests' {@code ${project.build.directory}/driftguard}: the migrations must not remove what it uses either.
     */
    @Parameter(property = "driftguard.incoming")
    List<File> incoming;

    /** How the result is printed in the build log: {@code text}, {@code json} or {@code markdown}. */
    @Parameter(property = "driftguard.format", defaultValue = "text")
    String format;

    /** Where the markdown summary is written, whatever the outcome. */
    @Parameter(property = "driftguard.markdownFile", defaultValue = "${project.build.directory}/driftguard-precheck.md")
    File markdownFile;

    /** {@code false}: report a migration that would break a live version, but do not fail the build. */
    @Parameter(property = "driftguard.failOnHazard", defaultValue = "true")
    boolean failOnHazard;

    @Parameter(property = "driftguard.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${basedir}", readonly = true)
    File basedir;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("driftguard precheck skipped (driftguard.skip)");
            return;
        }
        boolean named = liquibaseChangelog != null || flywayLocations != null && !flywayLocations.isEmpty();
        List<File> given = migrations == null || migrations.isEmpty()
                ? named ? List.of() : List.of(new File(basedir, "src/main/resources/db/migration"))
                : migrations;
        // folders are Flyway locations, resolved by Flyway itself; files are read as they are
        List<String> locations = new ArrayList<>(flywayLocations == null ? List.of() : flywayLocations);
        List<File> inputs = new ArrayList<>();
        for (File input : given) {
            if (!input.exists()) {
                throw new MojoExecutionException("driftguard precheck: no migrations at " + input
                        + "; name the files or folders with <migrations>");
            }
            if (input.isDirectory()) {
                locations.add("filesystem:" + input.getAbsolutePath());
            } else {
                inputs.add(input);
            }
        }
        if (!locations.isEmpty()) {
            inputs.addAll(flywayPending(locations));
        }
        if (liquibaseChangelog != null) {
            inputs.add(liquibaseSql());
        }
        if (inputs.isEmpty()) {
            getLog().info("driftguard precheck: no pending migration");
            write("### driftguard precheck: ✅ safe\n\nNo pending migration.\n");
            return;
        }
        CommandLine shown = precheck(format, inputs);
        shown.out.lines().forEach(line -> getLog().info(line));
        if (shown.exitCode == 2) {
            throw new MojoExecutionException("driftguard precheck could not run: " + shown.err.trim());
        }
        CommandLine summary = format.equals("markdown") ? shown : precheck("markdown", inputs);
        write(summary.out);
        getLog().info("driftguard precheck summary for the pull request: " + markdownFile);
        if (shown.exitCode == 3 && failOnHazard) {
            throw new MojoFailureException("driftguard precheck: a migration would break a live application version or"
                    + " cannot be analysed (see above, or " + markdownFile + "). Ship it after those versions are gone,"
                    + " or set driftguard.failOnHazard=false to report only.");
        }
    }

    private List<File> flywayPending(List<String> locations) throws MojoExecutionException {
        Path out = markdownFile.toPath().toAbsolutePath().resolveSibling("driftguard-flyway-pending");
        List<File> classPath = new ArrayList<>();
        if (outputDirectory != null) {
            classPath.add(outputDirectory);
        }
        classPath.add(new File(basedir, "src/main/resources"));
        try {
            return FlywayPending.files(url, user, password, locations,
                    flywayConfiguration == null ? Map.of() : flywayConfiguration, classPath, out);
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("driftguard precheck: Flyway could not resolve the pending migrations of "
                    + locations + ": " + e.getMessage() + ". Check <flywayLocations> and <flywayConfiguration>,"
                    + " and that the database at <url> answers.", e);
        }
    }

    private File liquibaseSql() throws MojoExecutionException {
        Path out = markdownFile.toPath().toAbsolutePath().resolveSibling("driftguard-liquibase-update.sql");
        try {
            return LiquibaseSql.pending(url, user, password, liquibaseSearchPath.toPath(), liquibaseChangelog, out)
                    .toFile();
        } catch (Exception e) {
            throw new MojoExecutionException("driftguard precheck: Liquibase could not produce the SQL of "
                    + liquibaseChangelog + " in " + liquibaseSearchPath + ": " + e.getMessage() + ". Check"
                    + " <liquibaseChangelog> (relative to <liquibaseSearchPath>) and that the database at <url> answers.",
                    e);
        }
    }

    private CommandLine precheck(String shownAs, List<File> inputs) {
        List<String> args = new ArrayList<>(List.of("precheck", "--url", url, "--format", shownAs));
        CommandLine.option(args, "--user", user);
        CommandLine.option(args, "--password", password);
        CommandLine.option(args, "--registry-url", registryUrl);
        if (incoming != null && !incoming.isEmpty()) {
            CommandLine.option(args, "--incoming", incoming.stream().map(File::getPath).collect(Collectors.joining(",")));
        }
        inputs.forEach(input -> args.add(input.getPath()));
        return CommandLine.run(args);
    }

    private void write(String markdown) throws MojoExecutionException {
        try {
            Files.createDirectories(markdownFile.toPath().toAbsolutePath().getParent());
            Files.writeString(markdownFile.toPath(), markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("driftguard precheck: cannot write " + markdownFile + ": " + e.getMessage(), e);
        }
    }
}
