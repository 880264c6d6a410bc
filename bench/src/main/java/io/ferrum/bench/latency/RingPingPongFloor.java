package io.ferrum.bench.latency;

import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.cluster.ClusterContexts;
import io.ferrum.sequencer.ring.InboundRing;
import io.ferrum.sequencer.ring.RingHandler;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ring's floor: ping-pong over two of our inbound rings (LMAX Disruptor underneath), sized and
 * idled as the cluster configuration says. The sender publishes each ping at its intended time
 * into the ping ring; an echo thread polls it and publishes the message into the pong ring; the
 * sender polls the pong ring and stamps the arrival. Two hops: the path crosses the inbound ring
 * and the order gateway's inbox.
 */
final class RingPingPongFloor
{
    private RingPingPongFloor()
    {
    }

    static List<RateResult> run(final ClusterConfig config, final Phase warmUp, final List<Phase> phases) throws InterruptedException
    {
        final InboundRing ping = ClusterContexts.newRing(config, ThreadLayout.none());
        final InboundRing pong = ClusterContexts.newRing(config, ThreadLayout.none());
        final Thread echo = new Thread(() -> echo(ping, pong, config.ringWaitStrategy().newIdleStrategy()), "ferrum-bench-ring-echo");
        echo.setDaemon(true);
        echo.start();
        final List<RateResult> results = new ArrayList<>();
        try
        {
            int run = 0;
            measure(ping, pong, config, warmUp, ++run);
            for (final Phase phase : phases)
            {
                results.add(measure(ping, pong, config, phase, ++run));
            }
        }
        finally
        {
            echo.interrupt();
            echo.join(TimeUnit.SECONDS.toMillis(5));
        }
        return results;
    }

    private static RateResult measure(
        final InboundRing ping, final InboundRing pong, final ClusterConfig config, final Phase phase, final int run)
    {
        final Arrivals arrivals = new Arrivals(phase.count());
        final long[] received = new long[1];
        final RingHandler onPong = (buffer, offset, length) ->
        {
            if (buffer.getInt(offset) == run)
            {
                arrivals.onArrival(buffer.getInt(offset + 4), System.nanoTime());
                received[0]++;
            }
            return true;
        };
        final IdleStrategy idle = config.ringWaitStrategy().newIdleStrategy();
        final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        FixedRateSender.run(phase, startNs, idle,
            (i) ->
            {
                final long sequence = ping.tryClaim();
                if (sequence == InboundRing.FULL)
                {
                    return false;
                }
                ping.buffer(sequence).putInt(0, run);
                ping.buffer(sequence).putInt(4, i);
                ping.commit(sequence, 8);
                return true;
            },
            () -> pong.poll(onPong, 256),
            () -> received[0] == phase.count(),
            TimeUnit.SECONDS.toNanos(2));
        return arrivals.result(phase, 0, startNs);
    }

    private static void echo(final InboundRing ping, final InboundRing pong, final IdleStrategy idle)
    {
        final RingHandler handler = (buffer, offset, length) ->
        {
            final long sequence = pong.tryClaim();
            if (sequence == InboundRing.FULL)
            {
                return false;
            }
            pong.buffer(sequence).putBytes(0, buffer, offset, length);
            pong.commit(sequence, length);
            return true;
        };
        while (!Thread.currentThread().isInterrupted())
        {
            idle.idle(ping.poll(handler, 256));
        }
    }
}
