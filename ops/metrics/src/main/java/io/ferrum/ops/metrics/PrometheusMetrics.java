package io.ferrum.ops.metrics;

import io.ferrum.sequencer.telemetry.Stage;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ferrum's metrics for the Prometheus client: each scrape takes one {@link MetricsReader#read()} and
 * turns it into the client's snapshots, which its exposition writes in the text format. Counters
 * and gauges are the CnC's series as they are named there (a counter's {@code _total} is the
 * format's); per-stage latency is one classic histogram, {@value #LATENCY}, with the {@code stage}
 * label and the buckets of {@link #BUCKETS_SECONDS}; members give their role, commit position and
 * replication lag. docs/observability.md lists every name.
 */
public final class PrometheusMetrics implements MultiCollector
{
    public static final String LATENCY = "ferrum_stage_latency_seconds";
    /** From a microsecond (an engine step) to ten seconds (a backlog), about three buckets per decade. */
    static final double[] BUCKETS_SECONDS = {
        1e-6, 2.5e-6, 5e-6, 10e-6, 25e-6, 50e-6, 100e-6, 250e-6, 500e-6,
        1e-3, 2.5e-3, 5e-3, 10e-3, 25e-3, 50e-3, 100e-3, 250e-3, 500e-3,
        1, 2.5, 5, 10, Double.POSITIVE_INFINITY
    };

    private final MetricsReader reader;

    public PrometheusMetrics(final MetricsReader reader)
    {
        this.reader = reader;
    }

    public MetricSnapshots collect()
    {
        return snapshots(reader.read());
    }

    /** The snapshot in the Prometheus client's model. */
    static MetricSnapshots snapshots(final MetricsSnapshot snapshot)
    {
        final MetricSnapshots.Builder out = MetricSnapshots.builder();
        final Map<String, CounterSnapshot.Builder> counters = new LinkedHashMap<>();
        final Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();
        final Set<String> seen = new HashSet<>();
        for (final Series series : snapshot.series())
        {
            // two processes publishing the same series with the same labels: the first one read counts
            if (!seen.add(series.name() + series.labels()))
            {
                continue;
            }
            final Labels labels = labels(series.labels());
            if (series.isCounter())
            {
                final String name = series.name().endsWith("_total") ?
                    series.name().substring(0, series.name().length() - "_total".length()) : series.name();
                counters.computeIfAbsent(name, (n) -> CounterSnapshot.builder().name(n).help(Help.of(series.name())))
                    .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(series.value()).build());
            }
            else
            {
                gauges.computeIfAbsent(series.name(), (n) -> GaugeSnapshot.builder().name(n).help(Help.of(n)))
                    .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(series.value()).build());
            }
        }
        counters.values().forEach((c) -> out.metricSnapshot(c.build()));
        gauges.values().forEach((g) -> out.metricSnapshot(g.build()));

        final GaugeSnapshot.Builder role = GaugeSnapshot.builder().name("ferrum_member_role")
            .help(Help.of("ferrum_member_role"));
        final GaugeSnapshot.Builder commit = GaugeSnapshot.builder().name("ferrum_member_commit_position")
            .help(Help.of("ferrum_member_commit_position"));
        final GaugeSnapshot.Builder lag = GaugeSnapshot.builder().name("ferrum_replication_lag_bytes")
            .help(Help.of("ferrum_replication_lag_bytes"));
        for (final Member member : snapshot.members())
        {
            final Labels labels = Labels.of("member", Integer.toString(member.memberId()));
            role.dataPoint(gauge(labels, roleCode(member.role())));
            commit.dataPoint(gauge(labels, member.commitPosition()));
            lag.dataPoint(gauge(labels, member.lagBytes()));
        }
        out.metricSnapshot(role.build()).metricSnapshot(commit.build()).metricSnapshot(lag.build());
        out.metricSnapshot(GaugeSnapshot.builder().name("ferrum_processes").help(Help.of("ferrum_processes"))
            .dataPoint(gauge(Labels.EMPTY, snapshot.sources().size())).build());

        final HistogramSnapshot.Builder latency = HistogramSnapshot.builder().name(LATENCY).help(Help.of(LATENCY));
        for (final Stage stage : Stage.values())
        {
            latency.dataPoint(histogram(stage, snapshot.latency(stage)));
        }
        out.metricSnapshot(latency.build());
        return out.build();
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot gauge(final Labels labels, final double value)
    {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    /** Role as Aeron codes it: 0 follower, 1 candidate, 2 leader; -1 unknown. */
    private static int roleCode(final String role)
    {
        return switch (role)
        {
            case "FOLLOWER" -> 0;
            case "CANDIDATE" -> 1;
            case "LEADER" -> 2;
            default -> -1;
        };
    }

    private static HistogramSnapshot.HistogramDataPointSnapshot histogram(final Stage stage, final Histogram histogram)
    {
        final long[] counts = new long[BUCKETS_SECONDS.length];
        for (final HistogramIterationValue value : histogram.recordedValues())
        {
            // the recorded value's bucket starts at or below it (1 % wide): a value on a bound is in that bound's bucket
            final double seconds = histogram.lowestEquivalentValue(value.getValueIteratedTo()) / 1e9;
            int bucket = 0;
            while (seconds > BUCKETS_SECONDS[bucket])
            {
                bucket++;
            }
            counts[bucket] += value.getCountAtValueIteratedTo();
        }
        return HistogramSnapshot.HistogramDataPointSnapshot.builder()
            .labels(Labels.of("stage", stage.label()))
            .classicHistogramBuckets(ClassicHistogramBuckets.of(BUCKETS_SECONDS, counts))
            .sum(histogram.getTotalCount() == 0 ? 0 : histogram.getMean() * histogram.getTotalCount() / 1e9)
            .build();
    }

    private static Labels labels(final Map<String, String> labels)
    {
        return Labels.of(List.copyOf(labels.keySet()), List.copyOf(labels.values()));
    }
}
