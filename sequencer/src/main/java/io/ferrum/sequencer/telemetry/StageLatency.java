package io.ferrum.sequencer.telemetry;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.TimeUnit;

/**
 * The per-stage latency of one process, recorded on the hot threads: one HdrHistogram
 * {@link SingleWriterRecorder} per {@link Stage}, so a record is a wait-free increment into a
 * pre-sized counts array (no allocation, no lock; the recorder's phaser costs one atomic add) and
 * the {@link MetricsAgent} swaps the interval's histogram out on its own thread.
 * <p>
 * One writer thread per stage (each stage is measured at one place of the path, on one thread);
 * several threads writing the same stage would lose counts, not crash.
 */
public final class StageLatency
{
    /** Values are nanoseconds, 1 ns to a minute, two significant digits (1 % resolution). */
    public static final long HIGHEST_NS = TimeUnit.MINUTES.toNanos(1);
    public static final int SIGNIFICANT_DIGITS = 2;

    private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[Stage.count()];

    public StageLatency()
    {
        for (int i = 0; i < recorders.length; i++)
        {
            recorders[i] = new SingleWriterRecorder(1, HIGHEST_NS, SIGNIFICANT_DIGITS);
        }
    }

    /** A histogram of the recorders' range, for readers and the agent's cumulative copies. */
    public static Histogram newHistogram()
    {
        return new Histogram(1, HIGHEST_NS, SIGNIFICANT_DIGITS);
    }

    /** Records one latency; below 1 ns counts as 1 ns (clocks of two threads), above a minute as a minute. */
    public void record(final Stage stage, final long nanos)
    {
        recorders[stage.ordinal()].recordValue(nanos < 1 ? 1 : Math.min(nanos, HIGHEST_NS));
    }

    /** Cold side: moves what was recorded since the last call into {@code into} (cleared first). */
    void intervalInto(final Stage stage, final Histogram into)
    {
        recorders[stage.ordinal()].getIntervalHistogramInto(into);
    }
}
