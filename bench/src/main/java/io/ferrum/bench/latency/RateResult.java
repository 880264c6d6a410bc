package io.ferrum.bench.latency;

import org.HdrHistogram.Histogram;

/**
 * One series at one rate: how many messages were intended, how many arrived (the rest are lost),
 * the rate they arrived at end to end, and their latencies in nanoseconds.
 *
 * @param achievedPerSecond arrivals per second between the phase's first and last arrival
 */
public record RateResult(Phase phase, long intended, long received, double achievedPerSecond, Histogram histogram)
{
    /** Share of the target rate below which a rate counts as not reached. */
    public static final double REACHED_SHARE = 0.95;

    public long lost()
    {
        return intended - received;
    }

    /** The target was reached: nothing lost and the arrival rate kept within 5 % of it. */
    public boolean reached()
    {
        return lost() == 0 && achievedPerSecond >= REACHED_SHARE * phase.ratePerSecond();
    }
}
