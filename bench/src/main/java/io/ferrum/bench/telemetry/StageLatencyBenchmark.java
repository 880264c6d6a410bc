package io.ferrum.bench.telemetry;

import io.ferrum.sequencer.telemetry.Stage;
import io.ferrum.sequencer.telemetry.StageLatency;
import org.agrona.BufferUtil;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What the hot threads pay for the operator's view (docs/observability.md): recording one stage's
 * latency (a clock read on each side and the HdrHistogram recorder's record), the record alone, and
 * an ordered counter write, the cost of every copy into a CnC counter.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms256m", "-Xmx256m" })
@State(Scope.Thread)
public class StageLatencyBenchmark
{
    private final StageLatency latency = new StageLatency();
    private final AtomicCounter counter = new AtomicCounter(new UnsafeBuffer(BufferUtil.allocateDirectAligned(256, 64)), 0);
    private long value = 1_000;

    @Benchmark
    public void recordOnly()
    {
        value = (value * 31 + 7) & 0xFFFFF; // spread over the buckets as real latencies are
        latency.record(Stage.ENGINE_STEP, value);
    }

    @Benchmark
    public void timeAndRecord()
    {
        final long startNs = System.nanoTime();
        latency.record(Stage.ENGINE_STEP, System.nanoTime() - startNs);
    }

    @Benchmark
    public void counterSetRelease()
    {
        counter.setRelease(++value);
    }
}
