package io.ferrum.ops.history;

import io.ferrum.codecs.decimal.FixedPoint;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One table's rows of a batch in PostgreSQL's COPY text format, ready for {@code CopyManager}: a
 * cold path off the engine's thread, so it builds text and allocates. Money and quantities go in as
 * the decimal text of their mantissa and exponent ({@link FixedPoint#appendTo}), never through a
 * double; times as RFC 3339 UTC with microseconds, PostgreSQL's resolution, truncated (never rounded
 * into the next day's partition).
 */
final class CopyRows
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Table table;
    private final StringBuilder text = new StringBuilder(64 * 1024);
    private int rows;
    private int columnsInRow = -1;

    CopyRows(final Table table)
    {
        this.table = table;
    }

    Table table()
    {
        return table;
    }

    int rows()
    {
        return rows;
    }

    byte[] bytes()
    {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    void clear()
    {
        text.setLength(0);
        rows = 0;
        columnsInRow = -1;
    }

    /** Starts a row with the columns every table begins with. */
    CopyRows row(final int logId, final long logPosition, final long logTimeNs)
    {
        if (columnsInRow >= 0)
        {
            throw new IllegalStateException(table + ": a row was not ended");
        }
        columnsInRow = 0;
        return value(logId).value(logPosition).time(logTimeNs);
    }

    /** Ends the row; a row with the wrong number of columns is a bug here, not PostgreSQL's to find. */
    void end()
    {
        if (columnsInRow != table.columnCount())
        {
            throw new IllegalStateException(table + ": " + columnsInRow + " columns, the table has " + table.columnCount());
        }
        text.append('\n');
        columnsInRow = -1;
        rows++;
    }

    CopyRows value(final long value)
    {
        next().append(value);
        return this;
    }

    CopyRows value(final boolean value)
    {
        next().append(value ? 't' : 'f');
        return this;
    }

    CopyRows nullValue()
    {
        next().append("\\N");
        return this;
    }

    CopyRows value(final String value)
    {
        if (null == value)
        {
            return nullValue();
        }
        final StringBuilder out = next();
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return this;
    }

    CopyRows decimal(final long mantissa, final int exponent)
    {
        FixedPoint.appendTo(next(), mantissa, exponent);
        return this;
    }

    /** A NUMERIC[] of {@code count} mantissas at one exponent. */
    CopyRows decimals(final long[] mantissas, final int count, final int exponent)
    {
        final StringBuilder out = next().append('{');
        for (int i = 0; i < count; i++)
        {
            FixedPoint.appendTo(0 == i ? out : out.append(','), mantissas[i], exponent);
        }
        out.append('}');
        return this;
    }

    CopyRows time(final long epochNs)
    {
        final long seconds = Math.floorDiv(epochNs, 1_000_000_000L);
        final long micros = Math.floorMod(epochNs, 1_000_000_000L) / 1_000;
        next().append(Instant.ofEpochSecond(seconds, micros * 1_000).toString());
        return this;
    }

    /** BYTEA in hex form; the backslash doubled for COPY's own escaping. */
    CopyRows bytes(final DirectBuffer buffer, final int offset, final int length)
    {
        final StringBuilder out = next().append("\\\\x");
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            out.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return this;
    }

    private StringBuilder next()
    {
        if (columnsInRow < 0)
        {
            throw new IllegalStateException(table + ": a value outside a row");
        }
        if (columnsInRow++ > 0)
        {
            text.append('\t');
        }
        return text;
    }
}
