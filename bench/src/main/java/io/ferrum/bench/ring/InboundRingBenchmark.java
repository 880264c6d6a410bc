package io.ferrum.bench.ring;

import io.ferrum.sequencer.ring.InboundRing;
import io.ferrum.sequencer.ring.RingHandler;
import org.agrona.MutableDirectBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The inbound ring's own cost, one thread: claim a slot, write a Trade-sized message,
 * commit, and drain it (one at a time, and in batches of 64 as the sequencer does).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// -Xms too: the launcher's JVM profile (inherited by the fork) sets -Xms1g, which a smaller -Xmx alone contradicts.
@Fork(value = 1, jvmArgsAppend = { "-Xms256m", "-Xmx256m", "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED" })
@State(Scope.Thread)
public class InboundRingBenchmark
{
    private static final int MESSAGE_LENGTH = 96;
    private static final int BATCH = 64;

    private InboundRing ring;
    private long sink;
    private final RingHandler handler = (buffer, offset, length) ->
    {
        sink += buffer.getLong(offset) + length;
        return true;
    };

    @Setup
    public void setup()
    {
        ring = new InboundRing(new InboundRing.Context().ringSize(1024).slotLength(256));
    }

    private void publish(final long value)
    {
        final long sequence = ring.tryClaim();
        final MutableDirectBuffer buffer = ring.buffer(sequence);
        buffer.putLong(0, value);
        buffer.putLong(MESSAGE_LENGTH - 8, value);
        ring.commit(sequence, MESSAGE_LENGTH);
    }

    @Benchmark
    public long claimCommitPoll()
    {
        publish(sink);
        ring.poll(handler, 1);
        return sink;
    }

    /** Per batch of 64 messages: divide by 64 for the cost per message. */
    @Benchmark
    public long claimCommitPollBatchOf64()
    {
        for (int i = 0; i < BATCH; i++)
        {
            publish(i);
        }
        ring.poll(handler, BATCH);
        return sink;
    }
}
