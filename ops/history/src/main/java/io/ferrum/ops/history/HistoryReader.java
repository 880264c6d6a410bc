package io.ferrum.ops.history;

import io.ferrum.engine.api.EngineInput;
import io.ferrum.ops.backtest.data.EventStore;
import io.ferrum.ops.backtest.data.JournalImporter;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a log back out of the history database for a backtest ({@code ./ferrum backtest --pg}): the
 * run's engine file ({@code demo.properties}, kept in {@code history.logs}) into a directory, and the
 * log's inputs of the UTC days asked for into the backtest's event store through the journal
 * importer's own filter ({@link JournalImporter#importInputs}), so a backtest from the database is
 * the backtest of the journal it was written from.
 */
public final class HistoryReader
{
    private static final int FETCH_ROWS = 10_000;
    private static final LocalDate LAST_DAY = LocalDate.of(2262, 4, 10);

    private HistoryReader()
    {
    }

    /**
     * @param logName the log to read, or null when the database holds only one
     * @param runDir  where the log's {@code demo.properties} is written
     * @return the number of events imported
     * @throws HistoryException USAGE for an ambiguous or unknown log, DATA for one without an engine
     *                          file, UNAVAILABLE when the database does not answer
     */
    public static long importLog(
        final PgConnector connector, final String logName, final LocalDate from, final LocalDate to, final Path runDir,
        final EventStore store) throws IOException
    {
        try (Connection connection = connector.connect())
        {
            final int logId = logId(connection, logName, runDir);
            try (PreparedStatement select = connection.prepareStatement("SELECT log_position, log_time_ns, message " +
                "FROM history.inputs WHERE log_id = ? AND ts_log >= ? AND ts_log < ? ORDER BY log_position"))
            {
                select.setInt(1, logId);
                select.setObject(2, clamp(from).atStartOfDay().atOffset(ZoneOffset.UTC));
                select.setObject(3, clamp(to).plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
                select.setFetchSize(FETCH_ROWS); // a cursor: years of inputs never sit in memory at once
                return JournalImporter.importInputs(store, (input) -> replay(select, input));
            }
        }
        catch (final SQLException ex)
        {
            throw new HistoryException(HistoryException.Kind.UNAVAILABLE, "cannot read the history at " + connector +
                ": " + ex.getMessage(), ex);
        }
    }

    /** Log times are epoch nanoseconds in a long: nothing lies past 2262, so "up to 9999-12-31" stops there. */
    private static LocalDate clamp(final LocalDate day)
    {
        return day.isAfter(LAST_DAY) ? LAST_DAY : day;
    }

    private static int logId(final Connection connection, final String logName, final Path runDir)
        throws SQLException, IOException
    {
        final List<String> names = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT log_id, name, engine_config FROM history.logs WHERE ? IS NULL OR name = ? ORDER BY log_id"))
        {
            select.setString(1, logName);
            select.setString(2, logName);
            try (ResultSet rows = select.executeQuery())
            {
                int logId = -1;
                String engineConfig = null;
                while (rows.next())
                {
                    logId = rows.getInt(1);
                    names.add(rows.getString(2));
                    engineConfig = rows.getString(3);
                }
                if (names.size() != 1)
                {
                    throw new HistoryException(HistoryException.Kind.USAGE, names.isEmpty() ?
                        "the history database holds no log" + (null == logName ? "" : " named '" + logName + "'") :
                        "the history database holds " + names.size() + " logs: name one with --log-name (" +
                        String.join(", ", names) + ")");
                }
                Files.createDirectories(runDir);
                final int files = writeEngineFiles(connection, logId, runDir);
                if (0 == files && null != engineConfig)
                {
                    // a log registered by a version 1 or 2 writer kept demo.properties alone
                    Files.writeString(runDir.resolve(DemoEngineConfig.FILE_NAME), engineConfig, StandardCharsets.UTF_8);
                }
                else if (0 == files)
                {
                    throw new HistoryException(HistoryException.Kind.DATA, "log '" + names.get(0) + "' has no engine " +
                        "configuration (demo.properties) in the history: a backtest cannot build its engine");
                }
                return logId;
            }
        }
    }

    /** Writes the log's engine files into {@code runDir}; how many there were. */
    private static int writeEngineFiles(final Connection connection, final int logId, final Path runDir)
        throws SQLException, IOException
    {
        int count = 0;
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT name, content FROM history.log_files WHERE log_id = ?"))
        {
            select.setInt(1, logId);
            try (ResultSet rows = select.executeQuery())
            {
                while (rows.next())
                {
                    final Path file = runDir.normalize().resolve(rows.getString(1)).normalize();
                    if (!runDir.normalize().equals(file.getParent()))
                    {
                        throw new HistoryException(HistoryException.Kind.DATA, "log " + logId + " names an engine file " +
                            "outside its directory: " + rows.getString(1));
                    }
                    Files.writeString(file, rows.getString(2), StandardCharsets.UTF_8);
                    count++;
                }
            }
        }
        return count;
    }

    private static void replay(final PreparedStatement select, final EngineInput input)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
        try (ResultSet rows = select.executeQuery())
        {
            while (rows.next())
            {
                final byte[] message = rows.getBytes(3);
                buffer.wrap(message);
                input.onInput(buffer, 0, message.length, rows.getLong(1), rows.getLong(2));
            }
        }
        catch (final SQLException ex)
        {
            throw new HistoryException(HistoryException.Kind.UNAVAILABLE, "reading the history: " + ex.getMessage(), ex);
        }
    }
}
