package io.ferrum.gateway.binance.api;

import java.util.Map;
import java.util.TreeMap;

/**
 * The text Binance signs: every request parameter but {@code signature}, sorted by name, as
 * {@code name=value} pairs joined by {@code &} (web-socket-api.md, "SIGNED request security"). The
 * order-entry hot path writes its parameters already in this order ({@link RequestWriter}); this is
 * the cold-path form for {@code session.logon}, the local exchange's check and the tests.
 */
public final class SignaturePayload
{
    private SignaturePayload()
    {
    }

    /** The payload of {@code params}; a {@code signature} entry is left out. */
    public static String of(final Map<String, String> params)
    {
        final StringBuilder out = new StringBuilder(128);
        for (final Map.Entry<String, String> entry : new TreeMap<>(params).entrySet())
        {
            if ("signature".equals(entry.getKey()))
            {
                continue;
            }
            if (out.length() > 0)
            {
                out.append('&');
            }
            out.append(entry.getKey()).append('=').append(entry.getValue());
        }
        return out.toString();
    }
}
