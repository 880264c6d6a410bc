package io.ferrum.sequencer.telemetry;

import io.aeron.Aeron;
import io.ferrum.engine.api.MetricCounters;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.File;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A process's cold metrics agent: every interval it moves each stage's newly recorded latency out
 * of {@link StageLatency} (the hot threads never wait for it), adds it to the stage's running
 * total and writes the totals into the process's {@link LatencyFile}; and it copies the figures its
 * components already keep (the sequencer's, the order gateway's: read through thread-safe getters)
 * into Ferrum counters in the CnC. Its Aeron client is driven from this agent's duty cycle (no
 * conductor thread of its own); run it on a sleeping or backoff idle strategy, it has nothing to spin for.
 */
public final class MetricsAgent implements Agent
{
    /** How often the agent publishes by default. */
    public static final long DEFAULT_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Context ctx;
    private final Histogram interval = StageLatency.newHistogram();
    private final Histogram[] totals = new Histogram[Stage.count()];
    private final ByteBuffer scratch = LatencyFile.newScratch();
    private final AtomicCounter[] copies;
    private Aeron aeron;
    private FerrumCounters counters;
    private LatencyFile file;
    private long nextPublishNs;

    public MetricsAgent(final Context ctx)
    {
        this.ctx = ctx.conclude();
        for (int i = 0; i < totals.length; i++)
        {
            totals[i] = StageLatency.newHistogram();
        }
        copies = new AtomicCounter[ctx.copied.size()];
    }

    public void onStart()
    {
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDir.getPath()).useConductorAgentInvoker(true));
        counters = new FerrumCounters(aeron, ctx.labels);
        for (int i = 0; i < copies.length; i++)
        {
            final Copied copied = ctx.copied.get(i);
            copies[i] = counters.newCounter(copied.series, copied.kind, 0);
        }
        file = LatencyFile.create(ctx.aeronDir);
        publish();
    }

    public int doWork()
    {
        int work = aeron.conductorAgentInvoker().invoke();
        final long now = System.nanoTime();
        if (now - nextPublishNs >= 0)
        {
            publish();
            work++;
        }
        return work;
    }

    private void publish()
    {
        for (int i = 0; i < totals.length; i++)
        {
            final Stage stage = Stage.get(i);
            ctx.latency.intervalInto(stage, interval);
            totals[i].add(interval);
            file.write(stage, totals[i], scratch);
        }
        for (int i = 0; i < copies.length; i++)
        {
            copies[i].setRelease(ctx.copied.get(i).value.getAsLong());
        }
        file.heartbeat(System.currentTimeMillis());
        nextPublishNs = System.nanoTime() + ctx.intervalNs;
    }

    public void onClose()
    {
        CloseHelper.closeAll(file, null == counters ? null : counters::closeAll, aeron);
    }

    public String roleName()
    {
        return "ferrum-metrics";
    }

    private static final class Copied
    {
        final String series;
        final int kind;
        final LongSupplier value;

        Copied(final String series, final int kind, final LongSupplier value)
        {
            this.series = series;
            this.kind = kind;
            this.value = value;
        }
    }

    /** What the agent publishes and where. */
    public static final class Context
    {
        private File aeronDir;
        private StageLatency latency;
        private long intervalNs = DEFAULT_INTERVAL_NS;
        private String labels = "";
        private final List<Copied> copied = new ArrayList<>();

        /** The media driver's directory: the CnC the counters go into, and where the latency file goes. */
        public Context aeronDir(final File aeronDir)
        {
            this.aeronDir = aeronDir;
            return this;
        }

        /** The process's stage recorders. */
        public Context latency(final StageLatency latency)
        {
            this.latency = latency;
            return this;
        }

        public Context intervalNs(final long intervalNs)
        {
            this.intervalNs = intervalNs;
            return this;
        }

        /** Labels added to every counter this agent makes, e.g. {@code component="gateway"}. */
        public Context labels(final String labels)
        {
            this.labels = labels;
            return this;
        }

        /** Copies {@code value} (read on the agent's thread: it must be safe to read from any thread) into a counter. */
        public Context counter(final String series, final LongSupplier value)
        {
            copied.add(new Copied(series, MetricCounters.COUNTER, value));
            return this;
        }

        /** As {@link #counter} for a figure that goes up and down. */
        public Context gauge(final String series, final LongSupplier value)
        {
            copied.add(new Copied(series, MetricCounters.GAUGE, value));
            return this;
        }

        Context conclude()
        {
            Objects.requireNonNull(aeronDir, "aeronDir");
            Objects.requireNonNull(latency, "latency");
            if (intervalNs <= 0)
            {
                throw new IllegalArgumentException("interval must be > 0: " + intervalNs);
            }
            return this;
        }
    }
}
