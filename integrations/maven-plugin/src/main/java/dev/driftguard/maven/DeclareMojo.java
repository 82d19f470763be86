package dev.driftguard.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code driftguard:declare}: the {@code declare} command on the manifests the build's tests wrote, so that the
 * release's declared usage counts like observed usage while it is live. Bound to no phase: a deploy pipeline runs
 * it as it rolls the release out. Declaring again replaces the release's previous declaration.
 */
@Mojo(name = "declare", requiresProject = false, threadSafe = true)
public class DeclareMojo extends AbstractMojo {

    /** The application's database, with the registry: {@code jdbc:postgresql://…} or {@code jdbc:mariadb://…}. */
    @Parameter(property = "driftguard.url", required = true)
    String url;

    @Parameter(property = "driftguard.user")
    String user;

    /** Better from the environment: {@code DRIFTGUARD_PASSWORD}. */
    @Parameter(property = "driftguard.password")
    String password;

    /** The manifests: files, or folders of {@code *.json}, as {@code driftguard.manifest.out} wrote them. */
    @Parameter(property = "driftguard.manifests", defaultValue = "${project.build.directory}/driftguard")
    List<File> manifests;

    /** The application; by default the manifests' own. */
    @Parameter(property = "driftguard.app")
    String app;

    /** The version the release runs as; by default the manifests' own (give it when the tests ran as a snapshot). */
    @Parameter(property = "driftguard.version")
    String version;

    /** The application's database, when the registry at {@code url} lives in another one. */
    @Parameter(property = "driftguard.database")
    String database;

    @Parameter(property = "driftguard.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("driftguard declare skipped (driftguard.skip)");
            return;
        }
        List<String> args = new ArrayList<>(List.of("declare", "--url", url));
        CommandLine.option(args, "--user", user);
        CommandLine.option(args, "--password", password);
        CommandLine.option(args, "--app", app);
        CommandLine.option(args, "--version", version);
        CommandLine.option(args, "--database", database);
        for (File manifest : manifests) {
            if (!manifest.exists()) {
                throw new MojoExecutionException("driftguard declare: no manifest at " + manifest + "; run the tests"
                        + " with driftguard.manifest.out set (docs/manifests.md), or name the files with <manifests>");
            }
            args.add(manifest.getPath());
        }
        CommandLine run = CommandLine.run(args);
        run.out.lines().forEach(line -> getLog().info(line));
        if (run.exitCode != 0) {
            throw new MojoExecutionException("driftguard declare failed: " + run.err.trim());
        }
    }
}
