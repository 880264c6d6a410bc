package io.ferrum.bench.latency;

import io.ferrum.ops.demo.DemoRun;
import io.ferrum.sequencer.cluster.ClusterConfig;
import org.agrona.IoUtil;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A whole latency run: tick to trade over the sweep, then its three floors in the same JVM and
 * the same run (WebSocket, cluster echo, ring ping-pong), each with the same warm-up and phases,
 * measured from intended send times. Journals and Aeron directories live in a temporary
 * directory removed at the end.
 */
final class LatencyBench
{
    /** Everything measured, ready to print and write. */
    record Result(List<Series> series, TickToTradeRun.Outcome path, LatencyReport report)
    {
    }

    private LatencyBench()
    {
    }

    static Result run(final LatencyOptions options, final PrintStream err) throws Exception
    {
        final List<Phase> phases = options.phases();
        final List<Phase> measured = phases.subList(1, phases.size());
        final TickFlow flow = new TickFlow(phases, 1_000_000_000L, options.gap.toNanos());
        final Path work = Files.createTempDirectory("ferrum-bench-latency-");
        try
        {
            err.printf(Locale.ROOT, "ferrum bench: tick to trade, %d ticks over %.1f s (warm-up %s)%n",
                flow.ticks(), flow.lengthNs() / 1e9, options.warmUp);
            final TickToTradeRun.Outcome path = TickToTradeRun.run(flow, work.resolve("path"), options.profile, options.scrape,
                options.strategies, options.jars);
            err.println("ferrum bench: WebSocket floor");
            final List<RateResult> ws = WebSocketFloor.run(flow);
            final ClusterConfig config = DemoRun.clusterConfig(work.resolve("floor"), options.profile);
            err.println("ferrum bench: cluster echo floor");
            final List<RateResult> cluster = ClusterEchoFloor.run(config, options.warmUp(), measured, err);
            err.println("ferrum bench: ring ping-pong floor");
            final List<RateResult> ring = RingPingPongFloor.run(config, options.warmUp(), measured);
            final List<Series> series = List.of(
                new Series("tick-to-trade", "tick-to-trade",
                    "venue simulator → WebSocket → gateway decoder → inbound ring → sequencer → Aeron Cluster log → engine " +
                    "(strategy, pre-trade risk) → egress → order gateway → simulated venue's acknowledgement",
                    path.phases().subList(1, path.phases().size())),
                new Series("ws-floor", "ws floor", "the same simulator and ticks to a bare Netty WebSocket client (one way)",
                    ws.subList(1, ws.size())),
                new Series("cluster-floor", "cluster floor",
                    "client → ingress → log → echo service → egress → client on the same cluster configuration", cluster),
                new Series("ring-floor", "ring floor", "ping-pong over two inbound rings (Disruptor), the configured idle strategy",
                    ring));
            return new Result(series, path, new LatencyReport(series, machine(options)));
        }
        finally
        {
            delete(work);
        }
    }

    /** Cores, CPU model, kernel, JDK, profile and load: every figure is read against its machine. */
    static String machine(final LatencyOptions options)
    {
        String model = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo")))
        {
            model = lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst().orElse(model);
        }
        catch (final IOException | RuntimeException ex)
        {
            // not Linux: the model stays unknown
        }
        return String.format(Locale.ROOT, "%d cores, %s, %s %s, JDK %s, profile %s, load average %.1f",
            Runtime.getRuntime().availableProcessors(), model, System.getProperty("os.name"), System.getProperty("os.version"),
            Runtime.version(), options.profile.name().toLowerCase(Locale.ROOT),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void delete(final Path dir)
    {
        IoUtil.delete(dir.toFile(), true);
    }

    /**
     * CPU per tick by phase, of the whole JVM (the simulator that sends the ticks included). The backoff idle
     * strategies spin and yield before they park, so on an otherwise idle machine the JVM takes the cores at any rate
     * and this is about cores ÷ rate; a path that costs less shows as a lower figure only where it competes for the
     * cores (a loaded machine, or a rate near saturation).
     */
    static String cpuNote(final TickToTradeRun.Outcome path)
    {
        final StringBuilder note = new StringBuilder("cpu per tick (all threads of this JVM, venue simulator and idle " +
            "spinning included; each phase and the gap after it):");
        for (int p = 1; p < path.phases().size(); p++)
        {
            note.append(String.format(Locale.ROOT, " %d/s %.1f µs,", path.phases().get(p).phase().ratePerSecond(),
                path.cpuNsPerTick()[p] / 1e3));
        }
        note.setLength(note.length() - 1);
        return note.toString();
    }

    /** The lines a user reads after the table: losses, refusals and errors, never silent. */
    static List<String> notes(final Result result)
    {
        final List<String> notes = new ArrayList<>();
        final TickToTradeRun.Outcome path = result.path();
        final RateResult warm = path.phases().get(0);
        notes.add(String.format(Locale.ROOT, "warm-up: %d ticks, %d lost", warm.intended(), warm.lost()));
        notes.add(String.format(Locale.ROOT,
            "engine: %d orders sent, %d refused by validation or pre-trade risk%s, %d dropped by a back-pressured egress",
            path.ordersSent(), path.ordersRefused(), path.refusals().isEmpty() ? "" : " (" + path.refusals() + ")",
            path.egressBackPressured()));
        notes.add(cpuNote(path));
        if (path.duplicates() > 0 || path.unknown() > 0)
        {
            notes.add("venue: " + path.duplicates() + " orders seen twice, " + path.unknown() + " orders of no tick");
        }
        if (null != path.scraper())
        {
            notes.add(path.scraper());
        }
        for (final Throwable error : path.errors())
        {
            notes.add("error: " + error);
        }
        return notes;
    }
}
