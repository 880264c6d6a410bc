package io.ferrum.ops.cli;

import io.aeron.security.AuthenticationException;
import io.ferrum.codecs.config.ConfigException;
import io.ferrum.ops.backtest.data.EventFileException;
import io.ferrum.ops.backtest.data.ImportException;
import io.ferrum.ops.history.HistoryException;
import io.ferrum.sequencer.journal.JournalException;
import picocli.CommandLine;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * The exit statuses of every {@code ./ferrum} command, BSD sysexits(3) for failures, and the one
 * place where an exception becomes a status ({@link #of}). docs/cli.md has the table; a test keeps
 * it in step with the constants here.
 */
public final class ExitCodes
{
    /** Done. */
    public static final int OK = 0;
    /** The command ran and its answer is no: the host is not fit, parity differs, no such report, a run had errors. */
    public static final int CHECK_FAILED = 1;
    /** {@code replicas}: two members' state hashes differ at a log position. */
    public static final int REPLICAS_DIFFER = 2;
    /** EX_USAGE: an unknown option, a missing or invalid value, options that do not go together. */
    public static final int USAGE = 64;
    /** EX_DATAERR: input that is there but corrupt (a journal, an event file, a session, frames). */
    public static final int DATA = 65;
    /** EX_NOINPUT: a file or directory that does not exist. */
    public static final int NO_INPUT = 66;
    /** EX_UNAVAILABLE: the cluster or the venue did not answer. */
    public static final int UNAVAILABLE = 69;
    /** EX_SOFTWARE: an unexpected exception, a bug; FERRUM_DEBUG=1 prints its stack trace. */
    public static final int INTERNAL = 70;
    /** EX_IOERR: a write the disk refused (a member whose journal's disk is full stops with it). */
    public static final int IO_ERROR = 74;
    /** EX_NOPERM: no admin token, a wrong one, or a token file others can read. */
    public static final int NOT_PERMITTED = 77;
    /** EX_CONFIG: a configuration file the strict reader refused (unknown or repeated key, bad value). */
    public static final int CONFIG = 78;

    private ExitCodes()
    {
    }

    /** The exit status for an exception that ended a command. */
    public static int of(final Throwable ex)
    {
        if (ex instanceof CommandException failure)
        {
            return failure.exitCode();
        }
        if (ex instanceof CommandLine.ParameterException)
        {
            return USAGE;
        }
        if (ex instanceof HistoryException history)
        {
            return switch (history.kind())
            {
                case USAGE -> USAGE;
                case UNAVAILABLE -> UNAVAILABLE;
                case DATA -> DATA;
            };
        }
        if (ex instanceof ConfigException)
        {
            // a configuration file that is not there is no input; one that is there but wrong, a config error
            return ex.getCause() instanceof NoSuchFileException ? NO_INPUT : CONFIG;
        }
        if (ex instanceof NoSuchFileException || ex instanceof FileNotFoundException)
        {
            return NO_INPUT;
        }
        if (ex instanceof AuthenticationException || ex instanceof AccessDeniedException)
        {
            return NOT_PERMITTED;
        }
        // The readers of sessions, event files and journals refuse what they cannot read with these.
        if (ex instanceof JournalException || ex instanceof EventFileException || ex instanceof ImportException ||
            ex instanceof IllegalArgumentException)
        {
            return DATA;
        }
        return INTERNAL;
    }

    /** The one line printed for an exception that ended a command (after {@code ferrum <command>: }). */
    static String message(final Throwable ex)
    {
        final String text = ex.getMessage() == null || ex.getMessage().isBlank() ? ex.getClass().getSimpleName() :
            ex.getMessage();
        final String line = ex instanceof NoSuchFileException missing ?
            (null == missing.getReason() ? "no such file or directory: " + text : text) :
            ex instanceof AccessDeniedException ? "permission denied: " + text : text;
        final String oneLine = line.strip().replaceAll("\\s*\\R\\s*", " ");
        return of(ex) == INTERNAL ? "internal error: " + oneLine : oneLine;
    }
}
