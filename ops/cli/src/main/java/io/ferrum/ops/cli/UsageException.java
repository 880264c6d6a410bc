package io.ferrum.ops.cli;

/**
 * A command line the user got wrong: the launcher prints the message and the command's
 * usage, and exits with {@link Command#EXIT_USAGE}, never a stack trace.
 */
public final class UsageException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public UsageException(final String message)
    {
        super(message);
    }
}
