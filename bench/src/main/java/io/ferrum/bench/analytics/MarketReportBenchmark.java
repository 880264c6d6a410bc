package io.ferrum.bench.analytics;

import io.ferrum.ops.analytics.AnalyticsConsumer;
import io.ferrum.ops.analytics.RecordedSession;
import io.ferrum.ops.analytics.ReportCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * What the analytics cost off the engine thread, on the real ten-symbol Binance session:
 * republishing every report (the consumer's periodic work) and one reader's cache lookup
 * (all that an MCP get_report does besides transport).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
public class MarketReportBenchmark
{
    @Param("fixtures/binance/spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv")
    public String session;

    private AnalyticsConsumer consumer;
    private ReportCache cache;

    @Setup
    public void setUp() throws IOException
    {
        consumer = new AnalyticsConsumer(new AnalyticsConsumer.Context().refreshIntervalNs(0));
        new RecordedSession().replay(shared().resolve(session), consumer::onMessage);
        consumer.publishAll();
        cache = consumer.cache();
    }

    /** Serialises all ten symbols' reports into the cache. */
    @Benchmark
    public int publishTenReports()
    {
        return consumer.publishAll();
    }

    @Benchmark
    public String readCachedReport()
    {
        return cache.report("ZILUSDT");
    }

    /** shared/ beside the repository (walking up from the working directory), FERRUM_SHARED_DIR, or /work/shared. */
    static Path shared()
    {
        for (Path dir = Paths.get("").toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            if (Files.isDirectory(dir.resolve("shared/fixtures")))
            {
                return dir.resolve("shared");
            }
        }
        final String env = System.getenv("FERRUM_SHARED_DIR");
        return null != env ? Paths.get(env) : Paths.get("/work/shared");
    }
}
