package dev.driftguard.cli;

import dev.driftguard.internal.base.JdbcUrls;
import dev.driftguard.internal.report.Progress;
import dev.driftguard.internal.report.Report;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

/** {@code report}: the audit report of a database's column usage. */
final class ReportCommand implements Command {

    private static final Duration PROGRESS_AFTER = Duration.ofSeconds(1);

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "audit report: who uses which column, drop candidates, drift incidents";
    }

    @Override
    public String help() {
        return "Usage: driftguard report --url U [--registry-url R] [--format text|json|csv|markdown|html] [--out F]\n\n"
                + "Joins the live catalog of the --url database with the registry and reports, most urgent first:\n"
                + "drift incidents (code and schema apart), deploy readiness of every live version, drop candidates\n"
                + "(no live version uses them: used only by retired versions, or never seen used in the observation\n"
                + "window), every column with the versions that read or write it, and overrides of the guard.\n"
                + "Times are the registry database's clock, UTC. Reads only; changes nothing.\n\n"
                + "Options:\n" + Database.HELP
                + "  --registry-url <url> the registry, when it is not in the --url database (same user and password)\n"
                + "  --format <f>         text (default, 80 columns), json (docs/report.schema.json), csv (one row\n"
                + "                       per table, column and version), markdown, html (one self-contained file)\n"
                + "  --out <file>         write to this file instead of standard output\n";
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        String formatName = arguments.option("format", "text");
        Report.Format format = Report.Format.of(formatName);
        if (format == null) {
            throw new UsageException("unknown --format " + formatName + "; use text, json, csv, markdown or html");
        }
        arguments.requireNoPositionals("report");
        Path target = outputFile(arguments.option("out"));
        Database database = Database.of(arguments);
        String registryUrl = arguments.option("registry-url", database.url());
        Database registryDatabase = registryUrl.equals(database.url()) ? database : Database.at(registryUrl, arguments);
        InstallCommand.registry(registryDatabase); // a clear usage error where no registry can live
        Progress progress = new Progress(err, PROGRESS_AFTER);
        Report report;
        try (Connection connection = database.connect();
             Connection registry = registryDatabase == database ? null : registryDatabase.connect()) {
            report = Report.read(connection, registry == null ? connection : registry, registryUrl, progress);
        } catch (SQLException e) {
            throw new UsageException("cannot build the report from " + JdbcUrls.mask(registryUrl) + ": " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains("no driftguard registry")
                    ? ". Applications create it on first use through jdbc:driftguard:, or run: driftguard install --url …"
                    : ""));
        } finally {
            progress.done();
        }
        if (target == null) {
            PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            report.write(format, writer);
            writer.flush();
        } else {
            writeFile(report, format, target);
            err.println("driftguard report written to " + target);
        }
        return OK;
    }

    private static Path outputFile(String name) throws UsageException {
        if (name == null) {
            return null;
        }
        Path path = Path.of(name).toAbsolutePath();
        if (Files.isDirectory(path)) {
            throw new UsageException("--out " + name + " is a folder; name a file, e.g. --out " + name + "/report.html");
        }
        if (path.getParent() != null && !Files.isDirectory(path.getParent())) {
            throw new UsageException("--out " + name + ": the folder " + path.getParent() + " does not exist");
        }
        return path;
    }

    /**
     * Written beside the target, then moved: a failure leaves an earlier report intact. Created like any file (the
     * umask decides who may read it), not owner-only as a temporary file would be: reports are for sharing.
     */
    private static void writeFile(Report report, Report.Format format, Path target) throws UsageException {
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                 PrintWriter printer = new PrintWriter(writer)) {
                report.write(format, printer);
                if (printer.checkError()) {
                    throw new IOException("write failed");
                }
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UsageException("cannot write " + target + ": " + SqlFiles.why(e));
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the move took it, or nothing more can be done
            }
        }
    }

    static Set<String> valuedOptions() {
        return Set.of("url", "user", "password", "registry-url", "format", "out");
    }
}
