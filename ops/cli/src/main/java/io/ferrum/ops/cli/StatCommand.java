package io.ferrum.ops.cli;

import io.ferrum.ops.metrics.Member;
import io.ferrum.ops.metrics.MetricsReader;
import io.ferrum.ops.metrics.MetricsSnapshot;
import io.ferrum.ops.metrics.Series;
import io.ferrum.sequencer.telemetry.Stage;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code ./ferrum stat}: Ferrum's counters, members and per-stage latency of the processes running
 * on this host, printed every interval, as Aeron's AeronStat prints a driver's counters. Read-only:
 * it maps the CnC and latency files for each look and starts no Aeron client. Exit 69 when no live
 * Ferrum process is found.
 */
@Command(name = "stat", header = "live counters, positions, members and stage latency of the Ferrum processes on this host",
    footer = "Exit status: 0, or 69 when no running Ferrum process (live media driver) is found.")
public final class StatCommand implements FerrumCommand
{
    @Mixin
    MetricsSources sources = new MetricsSources();

    @Option(names = "--once", description = "print one look and exit (for scripts)")
    boolean once;

    @Option(names = "--interval", paramLabel = "DURATION", description = "time between two looks (default 1s)")
    Duration interval = Duration.ofSeconds(1);

    @Option(names = "--duration", paramLabel = "DURATION", description = "stop after this long (default: until Ctrl-C)")
    Duration duration;

    private final Map<Stage, Histogram> previous = new EnumMap<>(Stage.class);

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        final MetricsReader reader = sources.reader();
        final boolean clear = !once && null != System.console();
        final long end = null == duration ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        do
        {
            final MetricsSnapshot snapshot = reader.read();
            if (snapshot.sources().isEmpty())
            {
                throw new CommandException(ExitCodes.UNAVAILABLE, "no running Ferrum process found in " + sources.describe());
            }
            if (clear)
            {
                out.print("\033[H\033[2J");
            }
            print(snapshot, out);
            out.flush();
            if (once)
            {
                break;
            }
            Thread.sleep(interval.toMillis());
        }
        while (System.nanoTime() < end);
        return ExitCodes.OK;
    }

    private void print(final MetricsSnapshot snapshot, final PrintStream out)
    {
        out.println(Instant.ofEpochMilli(snapshot.readAtMs()) + " - " + snapshot.sources().size() + " process(es): " +
            String.join(", ", snapshot.sources()));
        out.println("== counters");
        for (final Series series : snapshot.series())
        {
            out.printf("%-90s %20s%n", series.series(), series.text());
        }
        if (!snapshot.members().isEmpty())
        {
            out.println("== members");
            for (final Member member : snapshot.members())
            {
                out.printf("member %d %-9s commit_position %d lag_bytes %d%n",
                    member.memberId(), member.role(), member.commitPosition(), member.lagBytes());
            }
        }
        out.println("== latency (us)          count      p50      p90      p99    p99.9      max | last interval: count      p50      p99");
        for (final Stage stage : Stage.values())
        {
            final Histogram total = snapshot.latency(stage);
            final Histogram last = since(stage, total);
            out.printf("%-22s %8d %8.1f %8.1f %8.1f %8.1f %8.1f | %22d %8.1f %8.1f%n", stage.label(),
                total.getTotalCount(), us(total, 50), us(total, 90), us(total, 99), us(total, 99.9), total.getMaxValue() / 1e3,
                last.getTotalCount(), us(last, 50), us(last, 99));
        }
    }

    /** What was recorded since the previous look; everything when a process restarted in between. */
    private Histogram since(final Stage stage, final Histogram total)
    {
        final Histogram last = total.copy();
        final Histogram before = previous.put(stage, total.copy());
        if (null != before && before.getTotalCount() <= total.getTotalCount())
        {
            try
            {
                last.subtract(before);
            }
            catch (final IllegalArgumentException ex)
            {
                return total; // counts went down: a process restarted
            }
        }
        return last;
    }

    private static double us(final Histogram histogram, final double percentile)
    {
        return histogram.getValueAtPercentile(percentile) / 1e3;
    }
}
