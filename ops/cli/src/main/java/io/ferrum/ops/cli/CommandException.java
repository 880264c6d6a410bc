package io.ferrum.ops.cli;

/**
 * A failure the user can act on: the launcher prints {@code ferrum <command>: <message>} on one
 * line, without a stack trace, and exits with {@link #exitCode()} (one of {@link ExitCodes}).
 */
public class CommandException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CommandException(final int exitCode, final String message)
    {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode()
    {
        return exitCode;
    }
}
