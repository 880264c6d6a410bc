package io.ferrum.ops.cli;

/**
 * A command line the user got wrong in a way picocli's typed options cannot see (two sources given,
 * a value outside its range): exit status {@link ExitCodes#USAGE}, one line, no stack trace.
 */
public final class UsageException extends CommandException
{
    private static final long serialVersionUID = 1L;

    public UsageException(final String message)
    {
        super(ExitCodes.USAGE, message);
    }
}
