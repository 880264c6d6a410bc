package io.ferrum.ops.analytics;

import io.ferrum.engine.api.EngineInput;
import io.ferrum.gateway.logging.LogFields;
import io.ferrum.sequencer.journal.JournalException;
import io.ferrum.sequencer.journal.CommittedPosition;
import io.ferrum.sequencer.journal.JournalFollower;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.file.Path;

/**
 * The analytics consumer following the sequenced log: an agent, on its own thread (never the
 * engine's), that reads a member's committed log through a {@link JournalFollower} every
 * poll interval and hands each market-data message to the {@link AnalyticsConsumer}, which
 * keeps the reports in its cache warm. Read-only: segment files mapped read-only and the
 * commit position from the CnC file, no Aeron client, no lock the member takes, so a slow or
 * stopped reader never holds the engine back.
 * <p>
 * A journal that cannot be read (not there yet, being rewritten) is logged once per distinct
 * problem and tried again next poll; meanwhile the reports keep being republished, so their
 * {@code data_age_ms} grows and their status goes degraded, then down.
 */
public final class JournalAnalytics implements Agent, EngineInput
{
    /** Default pause between two looks at the log. */
    public static final long DEFAULT_POLL_INTERVAL_NS = 20_000_000L;

    private static final Logger LOG = LogManager.getLogger(JournalAnalytics.class);

    private final AnalyticsConsumer consumer;
    private final JournalFollower follower;
    private final NanoClock pollClock;
    private final long pollIntervalNs;
    private boolean polled;
    private long lastPollNs;
    private String lastProblem;
    private volatile long polls;
    private volatile long messages;
    private volatile long logPosition = -1;

    /**
     * @param journalDir     the member's directory ({@code cluster.dir/member-N})
     * @param committed      how far the member's log is committed, or null for a stopped member's log
     * @param pollIntervalNs pause between two looks at the log, by the system's monotonic clock
     */
    public JournalAnalytics(
        final AnalyticsConsumer consumer, final Path journalDir, final CommittedPosition committed, final long pollIntervalNs)
    {
        if (pollIntervalNs < 0)
        {
            throw new IllegalArgumentException("pollIntervalNs must be >= 0: " + pollIntervalNs);
        }
        this.consumer = consumer;
        this.follower = new JournalFollower(journalDir, committed, this);
        this.pollClock = new SystemNanoClock();
        this.pollIntervalNs = pollIntervalNs;
    }

    public String roleName()
    {
        return "ferrum-analytics";
    }

    public void onStart()
    {
        LogFields.component("analytics");
    }

    public AnalyticsConsumer consumer()
    {
        return consumer;
    }

    public ReportCache cache()
    {
        return consumer.cache();
    }

    /** Log messages handed to the consumer so far; any thread. */
    public long messages()
    {
        return messages;
    }

    /**
     * Looks at the log so far (successful or not); any thread. Once it is above 0, the cache
     * holds a report for every symbol of what the first look read.
     */
    public long polls()
    {
        return polls;
    }

    /** The log position up to which the log was read (-1 before the first read); any thread. */
    public long logPosition()
    {
        return logPosition;
    }

    public int doWork()
    {
        int work = 0;
        final long nowNs = pollClock.nanoTime();
        if (!polled || nowNs - lastPollNs >= pollIntervalNs)
        {
            polled = true;
            lastPollNs = nowNs;
            work += poll();
            if (0 == polls)
            {
                consumer.publishAll(); // what was committed before we started is served at once
            }
            polls++;
        }
        return work + consumer.doWork();
    }

    private int poll()
    {
        try
        {
            final int read = (int)Math.min(Integer.MAX_VALUE, follower.poll().messages());
            logPosition = follower.position();
            if (null != lastProblem)
            {
                LOG.info("reading the journal {} again at log position {}", follower.journalDir(), logPosition);
                lastProblem = null;
            }
            return read;
        }
        catch (final JournalException ex)
        {
            if (!ex.getMessage().equals(lastProblem))
            {
                lastProblem = ex.getMessage();
                LOG.warn("cannot read the journal, trying again: {}", lastProblem);
            }
            return 0;
        }
    }

    public void onInput(
        final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
    {
        consumer.onMessage(buffer, offset, length);
        messages++;
    }

    public void onTimer(final long timerId, final long timestampNs)
    {
        // the engine's timers are not market data
    }
}
