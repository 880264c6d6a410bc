package io.ferrum.bench.latency;

import io.ferrum.ops.cli.ExitCodes;
import io.ferrum.ops.cli.FerrumCommand;
import picocli.CommandLine.Command;
import io.ferrum.ops.cli.StrategyOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code ./ferrum bench latency}: the end-to-end tick-to-trade harness with its floors. */
@Command(name = "latency", header = "measure tick to trade against its floors (HdrHistogram, fixed rates)",
    description = "Tick to trade through the real path (venue simulator, WebSocket, gateway, ring, sequencer," +
        " single-member Aeron Cluster, engine with pre-trade risk, order gateway, simulated venue), at fixed" +
        " rates, latency from each tick's intended send time (coordinated omission avoided), then its floors" +
        " in the same run: WebSocket one way, cluster echo, ring ping-pong. Prints p50..max per rate, each" +
        " also as a ratio to the floors; writes one .hgrm per series and rate, latency.txt and latency.html.",
    footer = "Method and figures: docs/benchmarks.md.")
public final class LatencyCommand implements FerrumCommand
{
    @Option(names = "--quick",
        description = "1k, 5k and 10k msg/s, 3 s each after a 3 s warm-up (under two minutes); other options override it")
    boolean quick;

    @Option(names = "--rates", paramLabel = "LIST", split = ",",
        description = "rising rates, e.g. 10k,50k,100k,200k (the default), up to 5m")
    List<String> rates;

    @Option(names = "--duration", paramLabel = "DURATION", description = "each rate's run (default 5s)")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", description = "the warm-up at the first rate (default 5s)")
    Duration warmUp;

    @Option(names = "--out", paramLabel = "DIR", description = "where the files go (default target/bench-latency)")
    Path out;

    @Option(names = "--profile", paramLabel = "NAME",
        description = "default (backoff idle, safe on 2 cores) or colocated (busy-spin: isolated" +
            " cores only, refused below 8); pair with FERRUM_JVM_PROFILE=colocated")
    String profile;

    @Mixin
    StrategyOptions strategyOptions = new StrategyOptions();

    @Option(names = "--scrape", paramLabel = "DURATION",
        description = "serve the path's /metrics and scrape it this often during the run (e.g. 1s), to show what it costs")
    Duration scrape;

    /** The run these options describe: --quick's short profile, then what was given explicitly. */
    LatencyOptions options()
    {
        final LatencyOptions o = new LatencyOptions();
        if (quick)
        {
            o.rates = List.of(1_000L, 5_000L, 10_000L);
            o.duration = Duration.ofSeconds(3);
            o.warmUp = Duration.ofSeconds(3);
            o.gap = Duration.ofMillis(500);
        }
        if (null != rates)
        {
            o.rates = LatencyOptions.rates(rates.stream().map(String::trim).filter(r -> !r.isEmpty()).toList());
        }
        if (null != duration)
        {
            o.duration = LatencyOptions.atLeast("--duration", duration, Duration.ofMillis(100));
        }
        if (null != warmUp)
        {
            o.warmUp = LatencyOptions.atLeast("--warmup", warmUp, Duration.ofMillis(100));
        }
        if (null != scrape)
        {
            o.scrape = LatencyOptions.atLeast("--scrape", scrape, Duration.ofMillis(10));
        }
        if (null != out)
        {
            o.out = out;
        }
        if (null != profile)
        {
            o.profile = LatencyOptions.profile(profile);
        }
        o.strategies = strategyOptions.file();
        o.jars = strategyOptions.jars();
        return o.validate();
    }

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        final LatencyOptions options = options();
        final LatencyBench.Result result = LatencyBench.run(options, err);
        out.print(result.report().table());
        for (final String note : LatencyBench.notes(result))
        {
            out.println(note);
        }
        final List<Path> files = result.report().write(options.out);
        out.println("files: " + options.out.toAbsolutePath() + " (" + files.size() + ": latency.html, latency.txt, *.hgrm)");
        out.flush();
        return result.path().errors().isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

}
