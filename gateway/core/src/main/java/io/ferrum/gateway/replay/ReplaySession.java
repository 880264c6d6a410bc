package io.ferrum.gateway.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A recorded session ({@code *.replay.tsv}: {@code recv_epoch_s kind url payload}, tab
 * separated): the WebSocket URL opened, the text frames received and the REST responses
 * obtained, in receive order.
 */
public final class ReplaySession
{
    public enum Kind
    {
        CONNECT, WS, REST
    }

    /** One row; {@code url} is empty for WS rows, {@code payload} empty for CONNECT rows. */
    public record Entry(long receiveTimeNanos, Kind kind, String url, String payload)
    {
    }

    private final String name;
    private final List<Entry> entries;

    private ReplaySession(final String name, final List<Entry> entries)
    {
        this.name = name;
        this.entries = Collections.unmodifiableList(entries);
    }

    /** A session built in memory, e.g. by the simulator's {@code SyntheticFlow}. */
    public static ReplaySession of(final String name, final List<Entry> entries)
    {
        return new ReplaySession(name, new ArrayList<>(entries));
    }

    /**
     * A session over {@code entries} as given, not copied: for a generated flow too long to hold
     * in memory, whose list computes each entry when asked (the latency harness's fixed-rate ticks).
     * The list must answer the same entry for an index every time.
     */
    public static ReplaySession view(final String name, final List<Entry> entries)
    {
        return new ReplaySession(name, entries);
    }

    /** @throws IllegalArgumentException naming the line when a row is not well formed */
    public static ReplaySession load(final Path file) throws IOException
    {
        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("recv_epoch_s\tkind\turl\tpayload"))
        {
            throw new IllegalArgumentException(file + ": missing header 'recv_epoch_s kind url payload'");
        }
        final List<Entry> entries = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            if (line.isEmpty())
            {
                continue;
            }
            final String[] columns = line.split("\t", 4);
            if (columns.length != 4)
            {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 4 tab-separated columns");
            }
            final Kind kind;
            switch (columns[1])
            {
                case "connect" -> kind = Kind.CONNECT;
                case "ws" -> kind = Kind.WS;
                case "rest" -> kind = Kind.REST;
                default -> throw new IllegalArgumentException(file + ":" + (i + 1) + ": unknown kind '" + columns[1] + "'");
            }
            entries.add(new Entry(parseSeconds(columns[0], file, i + 1), kind, columns[2], columns[3]));
        }
        final String fileName = file.getFileName().toString();
        return new ReplaySession(fileName.substring(0, fileName.indexOf('.')), entries);
    }

    private static long parseSeconds(final String text, final Path file, final int line)
    {
        try
        {
            return new java.math.BigDecimal(text).movePointRight(9).longValueExact();
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new IllegalArgumentException(file + ":" + line + ": bad receive time '" + text + "'");
        }
    }

    /** The session's name: the file name up to the first dot, as keyed in expected-books.json. */
    public String name()
    {
        return name;
    }

    public List<Entry> entries()
    {
        return entries;
    }

    /** Symbols in the REST rows' {@code symbol=} parameters, in order of appearance. */
    public List<String> snapshotSymbols()
    {
        final List<String> symbols = new ArrayList<>();
        for (final Entry entry : entries)
        {
            if (entry.kind() == Kind.REST)
            {
                final String symbol = queryParameter(entry.url(), "symbol");
                if (symbol != null && !symbols.contains(symbol))
                {
                    symbols.add(symbol);
                }
            }
        }
        return symbols;
    }

    /** @return the value of a query parameter in a URL, or null. */
    public static String queryParameter(final String url, final String name)
    {
        final int query = url.indexOf('?');
        if (query < 0)
        {
            return null;
        }
        for (final String pair : url.substring(query + 1).split("&"))
        {
            final int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name))
            {
                return pair.substring(equals + 1);
            }
        }
        return null;
    }
}
