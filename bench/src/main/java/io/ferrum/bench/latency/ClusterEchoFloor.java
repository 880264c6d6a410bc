package io.ferrum.bench.latency;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.exceptions.AeronEvent;
import io.ferrum.sequencer.Sequencer;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.cluster.ClusterContexts;
import io.ferrum.sequencer.cluster.LocalCluster;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cluster's floor: an {@link EchoService} on a single-member cluster of the very configuration
 * the path runs (the demo's, {@code DemoRun.clusterConfig}), reached through the channels the
 * sequencer uses. Each message goes client, ingress, consensus log (archived), service, egress,
 * client; the client stamps it back.
 */
final class ClusterEchoFloor
{
    private ClusterEchoFloor()
    {
    }

    static List<RateResult> run(final ClusterConfig config, final Phase warmUp, final List<Phase> phases, final PrintStream err)
        throws InterruptedException
    {
        final List<RateResult> results = new ArrayList<>();
        final Arrivals[] current = new Arrivals[1];
        final int[] run = new int[1];
        final long[] received = new long[1];
        final EgressListener listener = (sessionId, timestamp, buffer, offset, length, header) ->
        {
            if (length >= 8 && buffer.getInt(offset) == run[0])
            {
                current[0].onArrival(buffer.getInt(offset + 4), System.nanoTime());
                received[0]++;
            }
        };
        try (LocalCluster cluster = LocalCluster.launch(config, (id) -> new EchoService(), ThreadLayout.none(),
            (error) ->
            {
                if (!(error instanceof AeronEvent))
                {
                    err.println("ferrum bench: cluster floor: " + error);
                }
            }, null))
        {
            cluster.awaitLeader(30, TimeUnit.SECONDS);
            // the cluster's own configuration: launching gave its member free ports
            final Sequencer.Context channels =
                ClusterContexts.sequencerContext(cluster.config(), null, cluster.clientAeronDirectoryName());
            try (AeronCluster client = AeronCluster.connect(new AeronCluster.Context()
                .aeronDirectoryName(cluster.clientAeronDirectoryName())
                .ingressChannel(channels.ingressChannel())
                .ingressEndpoints(channels.ingressEndpoints())
                .egressChannel(channels.egressChannel())
                .messageTimeoutNs(config.clientMessageTimeoutNs())
                .egressListener(listener)))
            {
                final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
                measure(client, message, config, warmUp, current, run, received);
                for (final Phase phase : phases)
                {
                    results.add(measure(client, message, config, phase, current, run, received));
                }
            }
        }
        return results;
    }

    private static RateResult measure(
        final AeronCluster client,
        final UnsafeBuffer message,
        final ClusterConfig config,
        final Phase phase,
        final Arrivals[] current,
        final int[] run,
        final long[] received)
    {
        current[0] = new Arrivals(phase.count());
        run[0]++;
        received[0] = 0;
        final long keepAliveNs = config.clientKeepAliveIntervalNs();
        final long[] lastKeepAlive = { System.nanoTime() };
        final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        FixedRateSender.run(phase, startNs, config.ringWaitStrategy().newIdleStrategy(),
            (i) ->
            {
                message.putInt(0, run[0]);
                message.putInt(4, i);
                return client.offer(message, 0, 8) > 0;
            },
            () ->
            {
                final long nowNs = System.nanoTime();
                if (nowNs - lastKeepAlive[0] > keepAliveNs && client.sendKeepAlive())
                {
                    lastKeepAlive[0] = nowNs;
                }
                return client.pollEgress();
            },
            () -> received[0] == phase.count(),
            TimeUnit.SECONDS.toNanos(3));
        return current[0].result(phase, 0, startNs);
    }
}
