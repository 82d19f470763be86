package dev.driftguard.cli;

/** A mistake in how the command was called, or a database that cannot be reached: exit code 2, no stack trace. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }
}
