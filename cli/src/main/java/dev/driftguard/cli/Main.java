package dev.driftguard.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code java -jar driftguard-cli.jar <command> [options]}. */
public final class Main {

    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final Map<String, Set<String>> valued = new LinkedHashMap<>();
    private final Map<String, Set<String>> flags = new LinkedHashMap<>();

    private Main() {
        add(new UsageCommand(), UsageCommand.valuedOptions(), Set.of());
        add(new PrecheckCommand(), PrecheckCommand.valuedOptions(), Set.of());
        add(new InstallCommand(), InstallCommand.valuedOptions(), Set.of("trigger"));
        add(new StatusCommand(), StatusCommand.valuedOptions(), Set.of("all"));
        add(new RetireCommand(), RetireCommand.valuedOptions(), Set.of());
        add(new ReportCommand(), ReportCommand.valuedOptions(), Set.of());
        add(new DeclareCommand(), DeclareCommand.valuedOptions(), Set.of());
        add(new DiffCommand(), Set.of("format"), Set.of());
    }

    private void add(Command command, Set<String> valuedOptions, Set<String> flagOptions) {
        commands.put(command.name(), command);
        valued.put(command.name(), valuedOptions);
        flags.put(command.name(), flagOptions);
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit code (0 ok, 2 usage or connection error, 3 refused). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new Main().dispatch(args, out, err);
    }

    private int dispatch(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(overview());
            return args.length == 0 ? Command.USAGE : Command.OK;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            err.println("driftguard: unknown command '" + args[0] + "'.");
            err.print(overview());
            return Command.USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            out.print(command.help());
            return Command.OK;
        }
        try {
            return command.run(Arguments.parse(rest, valued.get(command.name()), flags.get(command.name())), out, err);
        } catch (UsageException e) {
            err.println("driftguard " + command.name() + ": " + e.getMessage());
            err.println("Run 'driftguard " + command.name() + " --help' for its options.");
            return Command.USAGE;
        } catch (RuntimeException e) {
            err.println("driftguard " + command.name() + ": internal error: " + e
                    + "\nPlease report this with the command you ran at the driftguard issue tracker.");
            return Command.USAGE;
        }
    }

    private String overview() {
        StringBuilder text = new StringBuilder("Usage: java -jar driftguard-cli.jar <command> [options]\n\nCommands:\n");
        for (Command command : commands.values()) {
            text.append(String.format("  %-10s %s%n", command.name(), command.summary()));
        }
        text.append("\nRun a command with --help for its options. Exit codes: 0 ok, 2 usage or connection error, "
                + "3 refused.\n");
        return text.toString();
    }
}
