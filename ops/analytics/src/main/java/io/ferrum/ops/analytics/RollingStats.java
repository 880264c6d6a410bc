package io.ferrum.ops.analytics;

/**
 * The last {@code capacity} samples of a series, with their mean and population standard
 * deviation recomputed from the ring (no running sums, so no drift over a long session).
 */
public final class RollingStats
{
    private final double[] samples;
    private int count;
    private int next;

    public RollingStats(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        samples = new double[capacity];
    }

    public void add(final double sample)
    {
        samples[next] = sample;
        next = (next + 1) % samples.length;
        if (count < samples.length)
        {
            count++;
        }
    }

    public int count()
    {
        return count;
    }

    public int capacity()
    {
        return samples.length;
    }

    public double mean()
    {
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += samples[i];
        }
        return count > 0 ? sum / count : Double.NaN;
    }

    public double stddev()
    {
        if (0 == count)
        {
            return Double.NaN;
        }
        final double mean = mean();
        double sumSq = 0;
        for (int i = 0; i < count; i++)
        {
            final double d = samples[i] - mean;
            sumSq += d * d;
        }
        return Math.sqrt(sumSq / count);
    }

    /** z-score of {@code x} against the samples held, or NaN while there are fewer than {@code minSamples}. */
    public double zScore(final double x, final int minSamples)
    {
        if (count < Math.max(1, minSamples))
        {
            return Double.NaN;
        }
        return Metrics.zScore(x, mean(), stddev());
    }
}
