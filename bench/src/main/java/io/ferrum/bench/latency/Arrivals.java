package io.ferrum.bench.latency;

import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each message of a run arrived, by message number, written by one receiving thread as a
 * plain array store (nothing else on the measured path) and read after that thread stopped. A
 * message that never arrives keeps 0 and is counted as lost, never dropped from the figures.
 */
final class Arrivals
{
    /** Largest latency a histogram holds; a later arrival is recorded at this value (and is anyway a failure). */
    static final long HIGHEST_NS = 60_000_000_000L;
    /** After the last send, how long a silence ends the wait for stragglers, and the longest wait. */
    static final long DRAIN_QUIET_MS = 2_000;
    static final long DRAIN_MAX_MS = 20_000;

    private final long[] arrivalNs;
    private final AtomicLong received = new AtomicLong();
    private long duplicates;
    private long unknown;

    Arrivals(final int count)
    {
        arrivalNs = new long[count];
    }

    int count()
    {
        return arrivalNs.length;
    }

    /** Message {@code id} arrived at {@code nowNs}; a second arrival of the same id is counted, not recorded. */
    void onArrival(final long id, final long nowNs)
    {
        if (id < 0 || id >= arrivalNs.length)
        {
            unknown++;
        }
        else if (arrivalNs[(int)id] != 0)
        {
            duplicates++;
        }
        else
        {
            arrivalNs[(int)id] = nowNs;
            received.lazySet(received.get() + 1); // single writer: an ordered store, read by awaitDrained
        }
    }

    /**
     * Waits (sleeping) after the last send until every message arrived, or none arrived for
     * {@code quietMs}, or {@code maxMs} passed: a backlog is measured, not cut off; what never
     * comes is lost.
     */
    void awaitDrained(final long quietMs, final long maxMs) throws InterruptedException
    {
        final long start = System.nanoTime();
        long last = -1;
        long lastChange = start;
        while (true)
        {
            final long now = System.nanoTime();
            final long count = received.get();
            if (count == arrivalNs.length || now - start > maxMs * 1_000_000L)
            {
                return;
            }
            if (count != last)
            {
                last = count;
                lastChange = now;
            }
            else if (now - lastChange > quietMs * 1_000_000L)
            {
                return;
            }
            Thread.sleep(20);
        }
    }

    long duplicates()
    {
        return duplicates;
    }

    /** Arrivals whose id is not one of the run's messages. */
    long unknown()
    {
        return unknown;
    }

    /**
     * The latencies of messages {@code first} to {@code first + phase.count() - 1}, measured from
     * {@code phaseStartNs + phase.offsetNs(i)}, with the arrival rate and the lost count.
     */
    RateResult result(final Phase phase, final int first, final long phaseStartNs)
    {
        final Histogram histogram = new Histogram(1, HIGHEST_NS, 3);
        long received = 0;
        long firstArrivalNs = Long.MAX_VALUE;
        long lastArrivalNs = Long.MIN_VALUE;
        for (int i = 0; i < phase.count(); i++)
        {
            final long arrival = arrivalNs[first + i];
            if (arrival != 0)
            {
                received++;
                firstArrivalNs = Math.min(firstArrivalNs, arrival);
                lastArrivalNs = Math.max(lastArrivalNs, arrival);
                histogram.recordValue(Math.max(1, Math.min(HIGHEST_NS, arrival - (phaseStartNs + phase.offsetNs(i)))));
            }
        }
        // Throughput over the arrivals themselves: a constant delay does not lower it, a growing backlog does.
        final double achieved = received < 2 ? 0 : (received - 1) * 1e9 / Math.max(1, lastArrivalNs - firstArrivalNs);
        return new RateResult(phase, phase.count(), received, achieved, histogram);
    }

    /** For tests: every message arrived. */
    boolean complete()
    {
        return Arrays.stream(arrivalNs).noneMatch(a -> a == 0);
    }
}
