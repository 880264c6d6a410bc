package io.ferrum.bench.latency;

import io.ferrum.ops.cli.FerrumCommand;
import io.ferrum.ops.cli.UsageException;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/** {@code ./ferrum bench <benchmark>}: the benchmarks that measure the whole path (today: latency). */
@Command(name = "bench", header = "benchmarks: 'bench latency' measures tick to trade against its floors (HdrHistogram, fixed rate)",
    synopsisSubcommandLabel = "latency", subcommands = LatencyCommand.class)
public final class BenchCommand implements FerrumCommand
{
    public int run(final PrintStream out, final PrintStream err)
    {
        throw new UsageException("which benchmark? (latency)");
    }
}
