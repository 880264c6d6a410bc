package io.ferrum.sequencer.cluster;

import io.ferrum.sequencer.CountingEngine;
import io.ferrum.tuning.layout.ThreadLayout;

import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;

/**
 * A 1-member cluster in a temp dir running {@link CountingEngine}s, keeping every engine it
 * started (one per member start) so that a test can look at the live one.
 */
final class TestCluster implements AutoCloseable
{
    final CopyOnWriteArrayList<CountingEngine> engines = new CopyOnWriteArrayList<>();
    final AtomicReferenceArray<CountingEngine> latestByMember;
    final CopyOnWriteArrayList<FerrumClusteredService> services = new CopyOnWriteArrayList<>();
    final LocalCluster cluster;

    TestCluster(final Path dir, final String extraConfig)
    {
        this(dir, extraConfig, 1);
    }

    TestCluster(final Path dir, final String extraConfig, final int members)
    {
        final ClusterConfig config = ClusterConfig.parse("cluster.dir = " + dir + "\n" + extraConfig, "test")
            .withFreePorts(members);
        latestByMember = new AtomicReferenceArray<>(members);
        cluster = LocalCluster.launch(
            config,
            (memberId) ->
            {
                final FerrumClusteredService service = FerrumClusteredService.create(
                    (output, timers) ->
                    {
                        final CountingEngine engine = new CountingEngine(output, timers);
                        engines.add(engine);
                        latestByMember.set(memberId, engine);
                        return engine;
                    },
                    config);
                services.add(service);
                return service;
            },
            ThreadLayout.none(),
            Throwable::printStackTrace);
    }

    /** The engine started last (for a single member: the live one). */
    CountingEngine engine()
    {
        return engines.get(engines.size() - 1);
    }

    /** The engine of member {@code id}'s latest start. */
    CountingEngine engine(final int id)
    {
        return latestByMember.get(id);
    }

    /** Sleeps (never spins) until the condition holds; fails after 30 s. */
    static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    public void close()
    {
        cluster.close();
    }
}
