package io.ferrum.ops.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The tests' look into a history database: one query, one answer. */
public final class HistoryDb
{
    private HistoryDb()
    {
    }

    public static long count(final String url, final String sql)
    {
        return Long.parseLong(first(url, sql));
    }

    public static String first(final String url, final String sql)
    {
        final List<String> rows = rows(url, sql);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Each row's columns joined by '|'. */
    public static List<String> rows(final String url, final String sql)
    {
        try (Connection connection = DriverManager.getConnection(url);
            Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery(sql))
        {
            final List<String> result = new ArrayList<>();
            final int columns = rows.getMetaData().getColumnCount();
            while (rows.next())
            {
                final StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++)
                {
                    row.append(i > 1 ? "|" : "").append(rows.getString(i));
                }
                result.add(row.toString());
            }
            return result;
        }
        catch (final SQLException ex)
        {
            throw new AssertionError(sql + ": " + ex.getMessage(), ex);
        }
    }

    public static void execute(final String url, final String sql)
    {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement())
        {
            statement.execute(sql);
        }
        catch (final SQLException ex)
        {
            throw new AssertionError(sql + ": " + ex.getMessage(), ex);
        }
    }
}
