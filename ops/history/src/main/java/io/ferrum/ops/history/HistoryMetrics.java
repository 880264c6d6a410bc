package io.ferrum.ops.history;

import io.ferrum.engine.api.MetricCounters;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The writer's figures as counters another process reads ({@code ./ferrum stat}, {@code /metrics}):
 * made once by whoever runs the writer (they need the media driver), then copied from
 * {@link HistoryCounters} by the writer's own thread on every duty cycle. The writer is off the
 * trading path, so a database that is down shows here and nowhere on it.
 */
public final class HistoryMetrics implements AutoCloseable
{
    private final AtomicCounter rows;
    private final AtomicCounter batches;
    private final AtomicCounter failures;
    private final AtomicCounter databaseUp;
    private final AtomicCounter committedPosition;
    private final AtomicCounter readPosition;

    public HistoryMetrics(final MetricCounters make)
    {
        rows = make.newCounter("ferrum_history_rows_total", MetricCounters.COUNTER, 0);
        batches = make.newCounter("ferrum_history_batches_total", MetricCounters.COUNTER, 0);
        failures = make.newCounter("ferrum_history_failures_total", MetricCounters.COUNTER, 0);
        databaseUp = make.newCounter("ferrum_history_database_up", MetricCounters.GAUGE, 0);
        committedPosition = make.newCounter("ferrum_history_committed_position", MetricCounters.GAUGE, 0);
        readPosition = make.newCounter("ferrum_history_read_position", MetricCounters.GAUGE, 0);
    }

    void copy(final HistoryCounters counters)
    {
        rows.setRelease(counters.rowsWritten);
        batches.setRelease(counters.batchesCommitted);
        failures.setRelease(counters.failures);
        databaseUp.setRelease(counters.databaseUp ? 1 : 0);
        committedPosition.setRelease(counters.committedPosition);
        readPosition.setRelease(counters.readPosition);
    }

    public void close()
    {
        CloseHelper.closeAll(rows, batches, failures, databaseUp, committedPosition, readPosition);
    }
}
