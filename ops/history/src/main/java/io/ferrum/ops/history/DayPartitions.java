package io.ferrum.ops.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The daily range partitions of the partitioned layout: {@code history.<table>_pYYYYMMDD} for the
 * log-time day {@code [00:00, 24:00) UTC}. Made inside the writer's transaction before the rows that
 * need them, and {@code daysAhead} days further, so that at midnight the next day's partitions are
 * already there. Old days are detached (not dropped) by {@link #detachBefore}: a detached partition is a
 * plain table to archive, dump or drop as the desk's retention says.
 */
final class DayPartitions
{
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("'_p'yyyyMMdd");

    private final int daysAhead;
    private final Set<LocalDate> made = new HashSet<>();

    DayPartitions(final int daysAhead)
    {
        this.daysAhead = daysAhead;
    }

    /** Makes every table's partitions for the days from {@code minLogTimeNs} to {@code maxLogTimeNs} and ahead. */
    void ensure(final Connection connection, final long minLogTimeNs, final long maxLogTimeNs) throws SQLException
    {
        final LocalDate last = day(maxLogTimeNs).plusDays(daysAhead);
        try (Statement statement = connection.createStatement())
        {
            for (LocalDate day = day(minLogTimeNs); !day.isAfter(last); day = day.plusDays(1))
            {
                if (made.contains(day))
                {
                    continue;
                }
                for (final Table table : Table.values())
                {
                    statement.execute("CREATE TABLE IF NOT EXISTS " + table.qualifiedName() + day.format(SUFFIX) +
                        " PARTITION OF " + table.qualifiedName() + " FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('" +
                        day.plusDays(1) + " 00:00:00+00')");
                }
            }
        }
    }

    /** Remembers the days {@link #ensure} made once their transaction committed (a rollback forgets them). */
    void committed(final long minLogTimeNs, final long maxLogTimeNs)
    {
        final LocalDate last = day(maxLogTimeNs).plusDays(daysAhead);
        for (LocalDate day = day(minLogTimeNs); !day.isAfter(last); day = day.plusDays(1))
        {
            made.add(day);
        }
    }

    /**
     * Detaches every table's partitions of days before {@code day}.
     *
     * @return the detached tables, e.g. {@code history.trades_p20261201}
     */
    static List<String> detachBefore(final Connection connection, final LocalDate day) throws SQLException
    {
        final List<String> detached = new ArrayList<>();
        final String cutoff = day.format(SUFFIX).substring(2);
        for (final Table table : Table.values())
        {
            final List<String> partitions = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT c.relname FROM pg_inherits i " +
                    "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '" + table.qualifiedName() + "'::regclass"))
            {
                while (rows.next())
                {
                    final String name = rows.getString(1);
                    final String suffix = name.substring(name.lastIndexOf("_p") + 2);
                    if (suffix.length() == 8 && suffix.compareTo(cutoff) < 0)
                    {
                        partitions.add(Table.SCHEMA + "." + name);
                    }
                }
            }
            try (Statement statement = connection.createStatement())
            {
                for (final String partition : partitions)
                {
                    statement.execute("ALTER TABLE " + table.qualifiedName() + " DETACH PARTITION " + partition);
                    detached.add(partition);
                }
            }
        }
        return detached;
    }

    private static LocalDate day(final long epochNs)
    {
        return LocalDate.ofEpochDay(Math.floorDiv(Math.floorDiv(epochNs, 1_000_000_000L), 86_400L));
    }
}
