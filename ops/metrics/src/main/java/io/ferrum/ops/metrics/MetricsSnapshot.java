package io.ferrum.ops.metrics;

import io.ferrum.sequencer.telemetry.Stage;
import io.ferrum.sequencer.telemetry.StageLatency;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one look at the Ferrum processes found: the live sources (Aeron directories with a
 * running driver), their Ferrum counters as {@link Series}, the cluster members, and the per-stage
 * latency since each process started, summed over the processes that record the stage.
 */
public final class MetricsSnapshot
{
    private final long readAtMs;
    private final List<String> sources;
    private final List<Series> series;
    private final List<Member> members;
    private final Map<Stage, Histogram> latency;

    MetricsSnapshot(
        final long readAtMs,
        final List<String> sources,
        final List<Series> series,
        final List<Member> members,
        final Map<Stage, Histogram> latency)
    {
        this.readAtMs = readAtMs;
        this.sources = Collections.unmodifiableList(sources);
        this.series = Collections.unmodifiableList(series);
        this.members = Collections.unmodifiableList(members);
        this.latency = latency;
    }

    /** When the look was taken, epoch ms. */
    public long readAtMs()
    {
        return readAtMs;
    }

    /** The Aeron directories of the live processes read. */
    public List<String> sources()
    {
        return sources;
    }

    public List<Series> series()
    {
        return series;
    }

    public List<Member> members()
    {
        return members;
    }

    /** The stage's latency in ns since the recording processes started (empty when none records it). */
    public Histogram latency(final Stage stage)
    {
        final Histogram histogram = latency.get(stage);
        return null == histogram ? StageLatency.newHistogram() : histogram;
    }

    /** The stage's latency at {@code percentile} (0..100) in ns, 0 when nothing was recorded. */
    public long latencyNs(final Stage stage, final double percentile)
    {
        return latency(stage).getValueAtPercentile(percentile);
    }

    /** Every series of that name. */
    public List<Series> series(final String name)
    {
        final List<Series> found = new ArrayList<>();
        for (final Series s : series)
        {
            if (s.name().equals(name))
            {
                found.add(s);
            }
        }
        return found;
    }

    /** The sum of every series of that name (e.g. {@code ferrum_engine_fills_total} over members), 0 when none. */
    public double sum(final String name)
    {
        double sum = 0;
        for (final Series s : series(name))
        {
            sum += s.value();
        }
        return sum;
    }

    /** Every (member, strategy, symbol) position the engines published, in the order they were first seen. */
    public List<Position> positions()
    {
        final Map<String, Map<String, Series>> byKey = new LinkedHashMap<>();
        for (final Series s : series)
        {
            if (null != s.label("strategy") && null != s.label("symbol"))
            {
                final String key = s.label("member") + "/" + s.label("strategy") + "/" + s.label("symbol");
                byKey.computeIfAbsent(key, (k) -> new LinkedHashMap<>()).put(s.name(), s);
            }
        }
        final List<Position> positions = new ArrayList<>();
        for (final Map<String, Series> figures : byKey.values())
        {
            final Series any = figures.values().iterator().next();
            final String member = any.label("member");
            positions.add(new Position(
                null == member ? -1 : Integer.parseInt(member),
                Integer.parseInt(any.label("strategy")),
                any.label("symbol"),
                value(figures, "ferrum_position_quantity"),
                value(figures, "ferrum_position_average_price"),
                value(figures, "ferrum_position_mark_price"),
                value(figures, "ferrum_realized_pnl"),
                value(figures, "ferrum_unrealized_pnl"),
                value(figures, "ferrum_fees"),
                (long)value(figures, "ferrum_position_fills_total"),
                value(figures, "ferrum_traded_notional_total")));
        }
        return positions;
    }

    private static double value(final Map<String, Series> figures, final String name)
    {
        final Series s = figures.get(name);
        return null == s ? 0 : s.value();
    }

    static Map<Stage, Histogram> newLatencyMap()
    {
        return new EnumMap<>(Stage.class);
    }
}
