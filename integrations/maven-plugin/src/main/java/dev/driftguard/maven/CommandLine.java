package dev.driftguard.maven;

import dev.driftguard.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One in-process run of a driftguard command, with what it printed: the goals are the commands in a build. */
final class CommandLine {

    final int exitCode;
    final String out;
    final String err;

    private CommandLine(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static CommandLine run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = Main.run(args.toArray(new String[0]), o, e);
        }
        return new CommandLine(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Adds {@code name value} when there is a value. */
    static void option(List<String> args, String name, String value) {
        if (value != null && !value.isEmpty()) {
            args.add(name);
            args.add(value);
        }
    }
}
