package io.ferrum.codecs.config;

/**
 * A configuration a person wrote that cannot be used; the message starts with the file and line
 * (or the environment variable) and names the key that is wrong. An IllegalArgumentException, so
 * that a command refusing a bad argument refuses a bad file the same way.
 */
public class ConfigException extends IllegalArgumentException
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
