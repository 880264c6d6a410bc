package io.ferrum.sequencer.cluster;

/**
 * A configuration file that cannot be used, with the file, line and key that are wrong.
 */
public final class ConfigException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ConfigException(final String message)
    {
        super(message);
    }

    public ConfigException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
