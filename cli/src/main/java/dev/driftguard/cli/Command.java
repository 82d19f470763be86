package dev.driftguard.cli;

import java.io.PrintStream;

/** One sub-command of the command line. */
interface Command {

    /** Exit code: done, or nothing hazardous found. */
    int OK = 0;
    /** Exit code: wrong usage or no connection. */
    int USAGE = 2;
    /** Exit code: hazards found. */
    int REFUSED = 3;

    /** The word that selects it. */
    String name();

    /** One line for the overview. */
    String summary();

    /** The full {@code --help} text. */
    String help();

    /** Runs it; {@link UsageException} for a caller's mistake. */
    int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException;
}
