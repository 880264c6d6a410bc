package io.ferrum.bench;

import io.ferrum.bench.engine.OrderBookBenchmark;
import io.ferrum.bench.gateway.FrameDecodeBenchmark;
import io.ferrum.bench.risk.PreTradeCheckBenchmark;

import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The issue-18 hot paths (a book delta, a full pre-trade check, the in-place decode of each frame
 * kind, and Jackson's decode of the same frames for the ratio) in CPU time of the measuring thread
 * per operation, which other processes' load on a shared
 * machine inflates far less than JMH's wall-clock times. Runs each JMH benchmark method in a plain
 * loop: 10 rounds of {@code operations} calls, prints the smallest of rounds 4 to 10 (the first
 * three are warm-up). Same state and inputs as the JMH classes. Thread CPU time leaves out the
 * collector's threads, so Jackson's cost (it allocates ~3 to 15 kB a frame) is understated here.
 * <p>
 * {@code java -cp ... io.ferrum.bench.HotPathCpuTime [operations]}
 */
public final class HotPathCpuTime
{
    private static final int ROUNDS = 10;
    private static final int WARM_UP_ROUNDS = 3;
    /** JMH's sink, outside JMH: it asks for this sentence to be sure the caller means it. */
    private static final Blackhole BLACKHOLE =
        new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    private static final String[] KINDS = {"trade", "aggTrade", "bookTicker", "depthUpdate", "24hrTicker"};

    private HotPathCpuTime()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final long operations = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        final OrderBookBenchmark book = new OrderBookBenchmark();
        book.setUp();
        report("OrderBookBenchmark.applyDelta", operations, n ->
        {
            long sink = 0;
            for (long i = 0; i < n; i++)
            {
                sink += book.applyDelta();
            }
            return sink;
        });
        final PreTradeCheckBenchmark risk = new PreTradeCheckBenchmark();
        risk.setUp();
        report("PreTradeCheckBenchmark.fullCheckAccepted", operations, n ->
        {
            long sink = 0;
            for (long i = 0; i < n; i++)
            {
                sink += risk.fullCheckAccepted() ? 1 : 0;
            }
            return sink;
        });
        for (final String kind : KINDS)
        {
            final FrameDecodeBenchmark decode = new FrameDecodeBenchmark();
            decode.kind = kind;
            decode.setup();
            report("FrameDecodeBenchmark.ferrumInPlace " + kind, operations / 4, n ->
            {
                long sink = 0;
                for (long i = 0; i < n; i++)
                {
                    sink += decode.ferrumInPlace();
                }
                return sink;
            });
            report("FrameDecodeBenchmark.jacksonObjects " + kind, operations / 16, n ->
            {
                for (long i = 0; i < n; i++)
                {
                    jackson(decode);
                }
                return n;
            });
        }
    }

    private static void jackson(final FrameDecodeBenchmark decode)
    {
        try
        {
            decode.jacksonObjects(BLACKHOLE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private interface Loop
    {
        long run(long operations);
    }

    private static void report(final String name, final long operations, final Loop loop)
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < ROUNDS; round++)
        {
            final long start = threads.getCurrentThreadCpuTime();
            sink += loop.run(operations);
            final double perOperation = (threads.getCurrentThreadCpuTime() - start) / (double)operations;
            if (round >= WARM_UP_ROUNDS)
            {
                best = Math.min(best, perOperation);
            }
        }
        System.out.printf(Locale.ROOT, "%-48s %8.1f CPU-ns/op   (checksum %d)%n", name, best, sink & 0xFF);
    }
}
