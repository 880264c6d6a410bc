package io.ferrum.risk;

import io.ferrum.codecs.config.ConfigException;

/** Invalid risk configuration; the message names the key (or line) and the problem. */
public final class RiskConfigException extends ConfigException
{
    private static final long serialVersionUID = 1L;

    public RiskConfigException(final String message)
    {
        super(message);
    }
}
