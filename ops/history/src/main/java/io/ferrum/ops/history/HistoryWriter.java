package io.ferrum.ops.history;

import io.ferrum.engine.api.EngineInput;
import io.ferrum.sequencer.journal.JournalException;
import io.ferrum.sequencer.journal.JournalFollower;
import io.ferrum.sequencer.journal.SourceSequences;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * The history writer: an agent, on its own thread or process (never the engine's), that follows a
 * member's committed log through a {@link JournalFollower} and writes it to PostgreSQL in batches.
 * <p>
 * Exactly once: the database's {@code history.progress} row says up to which log position it holds
 * the log, and moves in the same transaction as the rows ({@link HistoryStore#commit}). A writer
 * (re)starting reads the log from its start, rebuilding the derived state (books, positions), and
 * writes only what lies past that position; a batch that failed is kept and written again whole.
 * Each input once, as the engine and the tail see it ({@link SourceSequences}).
 * <p>
 * A database that is down or slow holds the writer back, never the log's producers: the writer stops
 * reading once its batch is full, tries again after a backoff (doubling from the context's minimum to
 * its maximum), logs each failure and the recovery, and shows it in {@link HistoryCounters}.
 */
public final class HistoryWriter implements Agent, EngineInput
{
    private static final Logger LOG = LogManager.getLogger(HistoryWriter.class);

    private final HistoryContext context;
    private final HistoryCounters counters = new HistoryCounters();
    private final NanoClock clock = new SystemNanoClock();
    private final Batch batch = new Batch();
    private final JournalFollower follower;
    private final SourceSequences inputs = new SourceSequences();
    private HistoryStore store;
    private RowEncoder encoder;
    private HistorySchema.Layout layout;
    private int logId;
    private long committedPosition = -1;
    private long seenUpTo = -1;
    private long retryAtNs;
    private long backoffNs;
    private long nextPollNs;
    private long nowNs;
    private boolean caughtUp;
    private String lastJournalProblem;

    public HistoryWriter(final HistoryContext context)
    {
        this.context = context;
        this.follower = new JournalFollower(context.journalDir(), context.committed(), this);
        this.backoffNs = context.retryMinNs();
        this.retryAtNs = clock.nanoTime();
        this.nextPollNs = retryAtNs;
    }

    public String roleName()
    {
        return "ferrum-history";
    }

    public HistoryCounters counters()
    {
        return counters;
    }

    /** Whether the schema is migrated and the log registered (the first duty cycles do it). */
    public boolean ready()
    {
        return null != encoder;
    }

    /** The time-split layout of the tables, once {@link #ready()}. */
    public String layout()
    {
        return null == layout ? null : layout.name().toLowerCase(java.util.Locale.ROOT);
    }

    public int logId()
    {
        return logId;
    }

    /** With {@link HistoryContext#untilEnd}: everything committed in the log is in the database. */
    public boolean done()
    {
        return context.untilEnd() && ready() && caughtUp && 0 == batch.rows() && batch.logPosition() <= committedPosition;
    }

    public int doWork()
    {
        final int work = step();
        if (null != context.metrics())
        {
            context.metrics().copy(counters);
        }
        return work;
    }

    private int step()
    {
        nowNs = clock.nanoTime();
        if (nowNs - retryAtNs < 0)
        {
            return 0;
        }
        if (!ready())
        {
            return setUp();
        }
        if (commitDue())
        {
            return commit();
        }
        if (batch.rows() < context.batchRows() && nowNs - nextPollNs >= 0)
        {
            return poll();
        }
        return 0;
    }

    public void onClose()
    {
        if (null != store)
        {
            store.close();
        }
    }

    private int setUp()
    {
        try
        {
            layout = HistorySchema.migrate(context.connector(), null);
            store = new HistoryStore(context.connections(),
                layout == HistorySchema.Layout.PARTITIONED ? new DayPartitions(context.partitionDaysAhead()) : null);
            final long[] registered = store.register(context.logName(), context.engineFiles());
            logId = (int)registered[0];
            committedPosition = registered[1];
            counters.committedPosition = committedPosition;
            encoder = new RowEncoder(logId, batch, context.bookSampleIntervalNs(), context.bookDepth());
            succeeded();
            LOG.info("history of log '{}' (id {}) into {}: the database holds it up to log position {}",
                context.logName(), logId, context.connector(), committedPosition);
            return 1;
        }
        catch (final HistoryException ex)
        {
            throw ex;
        }
        catch (final SQLException | RuntimeException ex)
        {
            failed("cannot set up the history schema", ex); // Flyway's failures are runtime exceptions
            return 0;
        }
    }

    private boolean commitDue()
    {
        final boolean pending = batch.rows() > 0 || batch.logPosition() > committedPosition;
        return pending && (batch.rows() >= context.batchRows() || caughtUp ||
            (batch.rows() > 0 && nowNs - batch.firstRowNs() >= context.batchDelayNs()));
    }

    private int commit()
    {
        try
        {
            store.commit(batch, logId, committedPosition);
            committedPosition = batch.logPosition();
            counters.rowsWritten += batch.rows();
            counters.batchesCommitted++;
            counters.committedPosition = committedPosition;
            batch.clear();
            succeeded();
            return 1;
        }
        catch (final SQLException ex)
        {
            failed("cannot write a batch of " + batch.rows() + " rows (kept, to be written again)", ex);
            return 0;
        }
    }

    private int poll()
    {
        try
        {
            final long before = follower.position();
            final long read = follower.poll(context.maxReadBytes()).messages();
            batch.readUpTo(follower.position());
            counters.readPosition = follower.position();
            caughtUp = follower.position() == before; // the follower reopens the journal before it says so
            if (null != lastJournalProblem)
            {
                LOG.info("reading the journal {} again at log position {}", follower.journalDir(), follower.position());
                lastJournalProblem = null;
            }
            if (caughtUp)
            {
                nextPollNs = nowNs + context.pollIntervalNs();
            }
            return (int)Math.min(Integer.MAX_VALUE, read);
        }
        catch (final JournalException ex)
        {
            if (context.untilEnd())
            {
                throw ex; // a finished journal that cannot be read will not get better
            }
            if (!ex.getMessage().equals(lastJournalProblem))
            {
                lastJournalProblem = ex.getMessage();
                LOG.warn("cannot read the journal, trying again: {}", lastJournalProblem);
            }
            nextPollNs = nowNs + context.pollIntervalNs();
            return 0;
        }
    }

    public void onInput(
        final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
    {
        if (logPosition <= seenUpTo)
        {
            return; // a log recorded afresh and read again from its start
        }
        seenUpTo = logPosition;
        if (!inputs.isNew(buffer, offset, length))
        {
            return; // a re-send after a leader change: it took effect the first time
        }
        encoder.onInput(buffer, offset, length, logPosition, timestampNs, logPosition > committedPosition, nowNs);
    }

    public void onTimer(final long timerId, final long timestampNs)
    {
        // the engine's timers are its own business: a backtest arms its own
    }

    private void succeeded()
    {
        if (counters.consecutiveFailures > 0)
        {
            LOG.info("history database {} is back after {} failed attempts", context.connector(),
                counters.consecutiveFailures);
        }
        counters.consecutiveFailures = 0;
        counters.databaseUp = true;
        backoffNs = context.retryMinNs();
        retryAtNs = nowNs;
    }

    private void failed(final String what, final Exception ex)
    {
        counters.failures++;
        counters.consecutiveFailures++;
        counters.databaseUp = false;
        counters.lastFailure = ex.getMessage();
        LOG.warn("history: {} at {}: {}; trying again in {} ms", what, context.connector(), ex.getMessage(),
            TimeUnit.NANOSECONDS.toMillis(backoffNs));
        retryAtNs = nowNs + backoffNs;
        backoffNs = Math.min(backoffNs * 2, context.retryMaxNs());
    }
}
