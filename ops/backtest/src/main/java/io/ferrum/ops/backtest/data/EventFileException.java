package io.ferrum.ops.backtest.data;

import java.nio.file.Path;

/** A corrupt event file: names the file and the byte offset where reading stopped. */
public final class EventFileException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public EventFileException(final Path path, final long offset, final String reason)
    {
        super(path + " at byte " + offset + ": " + reason);
    }
}
