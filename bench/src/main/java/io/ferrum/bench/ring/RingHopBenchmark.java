package io.ferrum.bench.ring;

import io.ferrum.sequencer.ring.InboundRing;
import io.ferrum.sequencer.ring.RingHandler;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One Disruptor hop across threads, measured as a ping-pong: the benchmark thread publishes a
 * 64-byte message into an {@link InboundRing} (the Disruptor ring between the gateway and the
 * sequencer), an echo thread consumes it and publishes it back through a second ring, and the
 * benchmark thread waits for its own value to come back. The score is the <b>round trip, two
 * hops</b>; one hop is half of it. A round trip needs no common clock, which a timestamped
 * one-way measurement would.
 * <p>
 * {@code idle=spin}: both sides spin ({@link Thread#onSpinWait()}), as pinned threads on isolated
 * cores do; this is the figure for a tuned server, and is meaningless on a machine with fewer free
 * cores than spinning threads (each hop then waits for the other thread's time slice, milliseconds).
 * {@code idle=yield}: both sides {@link Thread#yield()} when there is nothing to read, so that two
 * threads sharing a core hand it over at once: the figure for an oversubscribed machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class RingHopBenchmark
{
    private static final int MESSAGE_LENGTH = 64;

    /** How a side waits for the other: spin (one core each) or yield (cores shared). */
    @Param({"spin", "yield"})
    public String idle;

    private boolean yield;

    private InboundRing ping;
    private InboundRing pong;
    private Thread echo;
    private volatile boolean running;
    private long sent;
    private long received;
    private final RingHandler onPong = this::onPong;

    @Setup(Level.Trial)
    public void start()
    {
        ping = new InboundRing(new InboundRing.Context().ringSize(1024).slotLength(128));
        pong = new InboundRing(new InboundRing.Context().ringSize(1024).slotLength(128));
        yield = "yield".equals(idle);
        running = true;
        final RingHandler echoHandler = (buffer, offset, length) -> publish(pong, buffer.getLong(offset));
        echo = new Thread(() ->
        {
            while (running)
            {
                if (ping.poll(echoHandler, 16) == 0)
                {
                    idle();
                }
            }
        }, "ring-hop-echo");
        echo.setDaemon(true);
        echo.start();
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException
    {
        running = false;
        echo.join();
    }

    /** Ping, then wait for the same value to come back: two hops. */
    @Benchmark
    public long roundTrip()
    {
        final long value = ++sent;
        while (!publish(ping, value))
        {
            idle();
        }
        while (received != value)
        {
            if (pong.poll(onPong, 1) == 0)
            {
                idle();
            }
        }
        return received;
    }

    private void idle()
    {
        if (yield)
        {
            Thread.yield();
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    private boolean onPong(final DirectBuffer buffer, final int offset, final int length)
    {
        received = buffer.getLong(offset);
        return true;
    }

    private static boolean publish(final InboundRing ring, final long value)
    {
        final long sequence = ring.tryClaim();
        if (sequence == InboundRing.FULL)
        {
            return false;
        }
        final MutableDirectBuffer buffer = ring.buffer(sequence);
        buffer.putLong(0, value);
        buffer.putLong(MESSAGE_LENGTH - 8, value);
        ring.commit(sequence, MESSAGE_LENGTH);
        return true;
    }
}
