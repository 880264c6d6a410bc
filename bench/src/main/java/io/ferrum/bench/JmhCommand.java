package io.ferrum.bench;

import io.ferrum.ops.cli.ExitCodes;
import io.ferrum.ops.cli.FerrumCommand;
import io.ferrum.ops.cli.UsageException;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ./ferrum jmh [--quick] [--out FILE] [REGEX...]}: runs the JMH suites of this module (all of
 * them, or those whose name matches a regex) with the GC profiler, prints {@link JmhSummary}'s table
 * and writes JMH's JSON results.
 * <p>
 * Benchmarks run in forked JVMs (each class's {@code @Fork}), which JMH starts with this JVM's
 * class path ({@code java.class.path}: {@code ./ferrum} passes the reactor's classes and jars) and
 * with the class's own {@code jvmArgsAppend}; {@code --quick} keeps one fork and shortens warm-up and
 * measurement to a smoke run whose figures are not for the record.
 */
@Command(name = "jmh", header = "run the JMH suites with the GC profiler; table of score and bytes/op, JSON results",
    footer = {"Each benchmark runs in a forked JVM with its class's @Fork/@Warmup/@Measurement settings",
        "and -prof gc; the table shows the median of the measurement iterations, JMH's mean and",
        "99.9%% error, and gc.alloc.rate.norm (bytes allocated per operation)."})
public final class JmhCommand implements FerrumCommand
{
    static final String DEFAULT_OUT = "target/jmh/jmh-results.json";
    private static final String ALL = "io\\.ferrum\\.bench\\..*";

    @Option(names = "--quick",
        description = "smoke run: 1 fork, 1 x 200 ms warm-up, 2 x 200 ms measurement (not figures for the record)")
    boolean quick;

    @Option(names = "--out", paramLabel = "FILE", description = "JSON results (JMH's format), default " + DEFAULT_OUT)
    Path resultFile = Paths.get(DEFAULT_OUT);

    @Parameters(paramLabel = "REGEX", arity = "0..*",
        description = "benchmarks to run (JMH include patterns, e.g. EngineBenchmark or 'Sbe.*decode');" +
            " default: every suite in io.ferrum.bench")
    List<String> patterns = new ArrayList<>();

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        final List<String> includes = new ArrayList<>(patterns);
        if (includes.isEmpty())
        {
            includes.add(ALL);
        }
        if (resultFile.toAbsolutePath().getParent() != null)
        {
            Files.createDirectories(resultFile.toAbsolutePath().getParent());
        }
        // JMH serialises runs on the machine through a lock file in /tmp; on a machine shared by
        // several checkouts another user's run would make this one fail instead of wait.
        System.setProperty("jmh.ignoreLock", "true");

        final ChainedOptionsBuilder options = new OptionsBuilder()
            .addProfiler(GCProfiler.class)
            .resultFormat(ResultFormatType.JSON)
            .result(resultFile.toString());
        includes.forEach(options::include);
        if (quick)
        {
            options.forks(1)
                .warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
                .measurementIterations(2).measurementTime(TimeValue.milliseconds(200));
        }

        final JmhSummary summary;
        try
        {
            summary = JmhSummary.of(new Runner(options.build()).run());
        }
        catch (final NoBenchmarksException ex)
        {
            throw new UsageException("no benchmark matches " + includes);
        }
        out.println();
        summary.printTable(out);
        out.println("JSON results: " + resultFile.toAbsolutePath());
        out.flush();

        // JMH goes on after a benchmark fails (a fork that does not start, an exception in setup)
        // and leaves it out of the results: name those, and fail the command.
        final Set<String> failed = new TreeSet<>();
        for (final BenchmarkListEntry entry : BenchmarkList.defaultList().find(
            OutputFormatFactory.createFormatInstance(err, VerboseMode.SILENT), includes, List.of()))
        {
            failed.add(entry.getUsername());
        }
        failed.removeAll(summary.benchmarks());
        if (!failed.isEmpty())
        {
            err.println("ferrum jmh: no result (the benchmark failed; its error is in the output above): " +
                String.join(", ", failed));
            return ExitCodes.CHECK_FAILED;
        }
        return ExitCodes.OK;
    }
}
