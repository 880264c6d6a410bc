package io.ferrum.bench.latency;

/**
 * One fixed-rate stretch of a run: {@code count} messages, message {@code i} intended to leave
 * at {@code i * 1e9 / ratePerSecond} ns after the phase starts, whether or not the sender keeps
 * up (the intended time, not the actual send time, is what latency is measured from).
 */
public record Phase(String name, long ratePerSecond, long durationNs)
{
    public Phase
    {
        if (ratePerSecond <= 0 || durationNs <= 0)
        {
            throw new IllegalArgumentException("rate and duration must be positive: " + ratePerSecond + "/s, " + durationNs + " ns");
        }
    }

    /** Messages in the phase. */
    public int count()
    {
        return (int)Math.max(1, Math.min(Integer.MAX_VALUE, ratePerSecond * durationNs / 1_000_000_000L));
    }

    /** Intended send time of message {@code i}, relative to the phase's start. */
    public long offsetNs(final long i)
    {
        return i * 1_000_000_000L / ratePerSecond;
    }
}
