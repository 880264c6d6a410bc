package io.ferrum.ops.history;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The writer's side of the database: one connection, made again after any failure, and one
 * transaction per batch that COPYs every table's rows and moves the log's progress mark with them.
 * Either all of a batch and its position are there or none is; the mark moves only from the position
 * this writer last saw, so a second writer on the same log fails instead of doubling rows.
 * <p>
 * A commit whose answer was lost (the database stopped or the connection broke after COMMIT was sent)
 * is in doubt: the batch may be there or not. The next attempt at the same batch asks the progress mark
 * first and, when the mark is already at the batch's end, takes the batch as written instead of
 * writing it twice (or mistaking its own commit for another writer's).
 */
final class HistoryStore implements AutoCloseable
{
    /** Where connections come from: the {@link PgConnector}'s, unless a test puts a failing one between. */
    @FunctionalInterface
    interface Connections
    {
        Connection connect() throws SQLException;
    }

    private static final long NOT_IN_DOUBT = Long.MIN_VALUE;

    private final Connections connections;
    private final DayPartitions partitions;
    private Connection connection;
    private long inDoubtPosition = NOT_IN_DOUBT;

    /** @param partitions the day partitions to make before rows, or null when the layout needs none */
    HistoryStore(final Connections connections, final DayPartitions partitions)
    {
        this.connections = connections;
        this.partitions = partitions;
    }

    /**
     * The log's id, registering it (with its engine configuration, for backtests) on first sight.
     *
     * @return {logId, committed log position (-1 when nothing is written yet)}
     */
    long[] register(final String logName, final java.util.Map<String, String> engineFiles) throws SQLException
    {
        final Connection c = connection();
        try
        {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO history.logs (name) " +
                "VALUES (?) ON CONFLICT (name) DO NOTHING"))
            {
                insert.setString(1, logName);
                insert.executeUpdate();
            }
            final int logId = (int)single(c, "SELECT log_id FROM history.logs WHERE name = ?", logName);
            try (PreparedStatement file = c.prepareStatement("INSERT INTO history.log_files (log_id, name, content) " +
                "VALUES (?, ?, ?) ON CONFLICT (log_id, name) DO NOTHING"))
            {
                for (final java.util.Map.Entry<String, String> entry : engineFiles.entrySet())
                {
                    file.setInt(1, logId);
                    file.setString(2, entry.getKey());
                    file.setString(3, entry.getValue());
                    file.executeUpdate();
                }
            }
            try (PreparedStatement progress = c.prepareStatement("INSERT INTO history.progress " +
                "(log_id, log_position, rows_written, updated_at) VALUES (?, -1, 0, now()) ON CONFLICT (log_id) DO NOTHING"))
            {
                progress.setInt(1, logId);
                progress.executeUpdate();
            }
            final long position = single(c, "SELECT log_position FROM history.progress WHERE log_id = ?", logId);
            c.commit();
            return new long[] {logId, position};
        }
        catch (final SQLException | RuntimeException ex)
        {
            abandon();
            throw ex;
        }
    }

    /**
     * Writes {@code batch} and moves the log's mark from {@code fromPosition} to the batch's position.
     *
     * @throws SQLException     when the database failed: try again with the same batch (if the failure
     *                          came after COMMIT was sent, the next attempt finds out whether it landed)
     * @throws HistoryException (DATA) when the mark is not where this writer left it: another writer
     */
    void commit(final Batch batch, final int logId, final long fromPosition) throws SQLException
    {
        final Connection c = connection();
        try
        {
            if (inDoubtPosition == batch.logPosition() &&
                batch.logPosition() == single(c, "SELECT log_position FROM history.progress WHERE log_id = ?", logId))
            {
                c.rollback();
                inDoubtPosition = NOT_IN_DOUBT;
                return; // the commit whose answer was lost did land
            }
            inDoubtPosition = NOT_IN_DOUBT;
            if (null != partitions && batch.rows() > 0)
            {
                partitions.ensure(c, batch.minLogTimeNs(), batch.maxLogTimeNs());
            }
            final CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (final CopyRows rows : batch.tables())
            {
                if (rows.rows() > 0)
                {
                    copy.copyIn(rows.table().copySql(), new ByteArrayInputStream(rows.bytes()));
                }
            }
            try (PreparedStatement mark = c.prepareStatement("UPDATE history.progress SET log_position = ?, " +
                "rows_written = rows_written + ?, updated_at = now() WHERE log_id = ? AND log_position = ?"))
            {
                mark.setLong(1, batch.logPosition());
                mark.setLong(2, batch.rows());
                mark.setInt(3, logId);
                mark.setLong(4, fromPosition);
                if (1 != mark.executeUpdate())
                {
                    throw new HistoryException(HistoryException.Kind.DATA, "log " + logId + "'s progress is no longer at " +
                        "position " + fromPosition + ": another writer is writing this log");
                }
            }
            inDoubtPosition = batch.logPosition(); // from here, a failure may come after the commit landed
            c.commit();
            inDoubtPosition = NOT_IN_DOUBT;
            if (null != partitions && batch.rows() > 0)
            {
                partitions.committed(batch.minLogTimeNs(), batch.maxLogTimeNs());
            }
        }
        catch (final IOException ex)
        {
            abandon();
            throw new SQLException("COPY failed: " + ex.getMessage(), ex);
        }
        catch (final SQLException | RuntimeException ex)
        {
            abandon();
            throw ex;
        }
    }

    public void close()
    {
        abandon();
    }

    /** The one number a query with one parameter answers. */
    private static long single(final Connection c, final String sql, final Object parameter) throws SQLException
    {
        try (PreparedStatement select = c.prepareStatement(sql))
        {
            select.setObject(1, parameter);
            try (ResultSet row = select.executeQuery())
            {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private Connection connection() throws SQLException
    {
        if (null == connection)
        {
            connection = connections.connect();
        }
        return connection;
    }

    /** Drops the connection (its transaction rolls back with it); the next use connects again. */
    private void abandon()
    {
        if (null != connection)
        {
            try
            {
                connection.close();
            }
            catch (final SQLException ignore)
            {
                // it is broken already: that is why it is being dropped
            }
            connection = null;
        }
    }
}
