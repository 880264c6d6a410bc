package io.ferrum.ops.mcp;

import io.ferrum.ops.analytics.AnalyticsConsumer;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.analytics.ManualClock;
import io.ferrum.ops.analytics.RecordedSession;
import io.ferrum.ops.analytics.ReportCache;
import io.ferrum.ops.analytics.ReportSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Report sources for the MCP contract tests: the real cache built from the ten-symbol
 * recorded session, plus one symbol whose read hangs, to provoke the 150 ms deadline.
 */
public final class TestReports
{
    public static final String KNOWN = "ZILUSDT";
    public static final String SLOW = "SLOWPOKE";
    public static final long SLOW_READ_MS = 1_000;

    private TestReports()
    {
    }

    static ReportCache sessionCache(final Path session)
    {
        final ManualClock clock = new ManualClock();
        final AnalyticsConsumer consumer = new AnalyticsConsumer(new AnalyticsConsumer.Context().clock(clock));
        try
        {
            new RecordedSession().replay(session, consumer::onMessage);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        clock.update(1_617_647_723_000_000_000L);
        consumer.publishAll();
        return consumer.cache();
    }

    static ReportSource withSlowSymbol(final ReportSource source)
    {
        return symbol ->
        {
            if (SLOW.equals(symbol))
            {
                try
                {
                    Thread.sleep(SLOW_READ_MS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
            return source.report(symbol);
        };
    }

    public static ReportSource contractSource()
    {
        return withSlowSymbol(sessionCache(Fixtures.tenSymbolSession()));
    }
}
