package io.ferrum.ops.backtest.data;

import java.nio.file.Path;

/** Input that cannot be imported: names the file, the line (1-based; 0 for the file as a whole) and why. */
public final class ImportException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final long line;

    public ImportException(final Path file, final long line, final String reason)
    {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.line = line;
    }

    public ImportException(final Path file, final long line, final String reason, final Throwable cause)
    {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason, cause);
        this.line = line;
    }

    public long line()
    {
        return line;
    }
}
