package io.ferrum.gateway.client;

import io.ferrum.gateway.binance.Instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the stream names and URL path of a subscription, within Binance's limit of 1024 streams per connection. */
public final class StreamNames
{
    public static final int MAX_STREAMS_PER_CONNECTION = 1024;

    private StreamNames()
    {
    }

    /** @param kinds stream suffixes such as {@code depth@100ms}, {@code bookTicker}, {@code aggTrade}, {@code trade}, {@code ticker} */
    public static List<String> streams(final List<Instrument> instruments, final List<String> kinds)
    {
        final List<String> streams = new ArrayList<>();
        for (final String kind : kinds)
        {
            for (final Instrument instrument : instruments)
            {
                streams.add(instrument.symbol().toLowerCase(Locale.ROOT) + "@" + kind);
            }
        }
        if (streams.isEmpty() || streams.size() > MAX_STREAMS_PER_CONNECTION)
        {
            throw new IllegalArgumentException(
                streams.size() + " streams: a connection carries 1 to " + MAX_STREAMS_PER_CONNECTION);
        }
        return streams;
    }

    /** {@code /stream?streams=a/b} when combined, else {@code /ws/a/b}. */
    public static String path(final List<String> streams, final boolean combined)
    {
        return combined ? "/stream?streams=" + String.join("/", streams) : "/ws/" + String.join("/", streams);
    }
}
