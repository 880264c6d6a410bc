package io.ferrum.bench.latency;

import io.ferrum.ops.cli.Command;
import io.ferrum.ops.cli.UsageException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./ferrum bench latency ...}: the end-to-end tick-to-trade harness with its floors.
 */
public final class BenchCommand implements Command
{
    public String name()
    {
        return "bench";
    }

    public String summary()
    {
        return "benchmarks: 'bench latency' measures tick to trade against its floors (HdrHistogram, fixed rate)";
    }

    public String usage()
    {
        return String.join("\n",
            "usage: ./ferrum bench latency [--quick] [--rates 10k,50k,...] [--duration 5s] [--warmup 5s]",
            "                              [--out DIR] [--profile default|colocated]",
            "",
            "Tick to trade through the real path (venue simulator, WebSocket, gateway, ring, sequencer,",
            "single-member Aeron Cluster, engine with pre-trade risk, order gateway, simulated venue), at fixed",
            "rates, latency from each tick's intended send time (coordinated omission avoided), then its floors",
            "in the same run: WebSocket one way, cluster echo, ring ping-pong. Prints p50..max per rate, each",
            "also as a ratio to the floors; writes one .hgrm per series and rate, latency.txt and latency.html.",
            "",
            "  --quick            1k, 5k and 10k msg/s, 3 s each after a 3 s warm-up (under two minutes)",
            "  --rates LIST       rising rates, e.g. 10k,50k,100k,200k (the default), up to 5m",
            "  --duration D       each rate's run (default 5s); --warmup D at the first rate (default 5s)",
            "  --out DIR          where the files go (default target/bench-latency)",
            "  --profile NAME     default (backoff idle, safe on 2 cores) or colocated (busy-spin: isolated",
            "                     cores only, refused below 8); pair with FERRUM_JVM_PROFILE=colocated",
            "",
            "Method and figures: docs/benchmarks.md.");
    }

    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws Exception
    {
        if (args.isEmpty())
        {
            throw new UsageException("which benchmark? (latency)");
        }
        if (!"latency".equals(args.get(0)))
        {
            throw new UsageException("unknown benchmark: '" + args.get(0) + "' (latency)");
        }
        final LatencyOptions options = LatencyOptions.parse(args.subList(1, args.size()));
        final LatencyBench.Result result = LatencyBench.run(options, err);
        out.print(result.report().table());
        for (final String note : LatencyBench.notes(result))
        {
            out.println(note);
        }
        final List<Path> files = result.report().write(options.out);
        out.println("files: " + options.out.toAbsolutePath() + " (" + files.size() + ": latency.html, latency.txt, *.hgrm)");
        out.flush();
        return result.path().errors().isEmpty() ? 0 : 1;
    }
}
