package io.ferrum.ops.backtest.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The imported data: {@code ROOT/SYMBOL/STREAM/yyyy-MM-dd.fev}, one event file per symbol,
 * stream (trades, aggTrades, quotes, a session...) and UTC day. Opening a range gives one
 * time-ordered stream over every stream of the chosen symbols.
 */
public final class EventStore
{
    private final Path root;

    public EventStore(final Path root)
    {
        this.root = root;
    }

    public Path root()
    {
        return root;
    }

    public Path file(final String symbol, final String stream, final LocalDate day)
    {
        return root.resolve(symbol).resolve(stream).resolve(day + EventFile.SUFFIX);
    }

    /** Symbols that have at least one day file, sorted. */
    public List<String> symbols()
    {
        return directories(root);
    }

    /** Streams of one symbol, sorted. */
    public List<String> streams(final String symbol)
    {
        return directories(root.resolve(symbol));
    }

    private static List<String> directories(final Path parent)
    {
        if (!Files.isDirectory(parent))
        {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(parent))
        {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + parent, ex);
        }
    }

    /** Day files of one symbol's stream within [from, to] (inclusive), in date order. */
    public List<Path> files(final String symbol, final String stream, final LocalDate from, final LocalDate to)
    {
        final Path dir = root.resolve(symbol).resolve(stream);
        if (!Files.isDirectory(dir))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir))
        {
            final List<Path> chosen = new ArrayList<>();
            files.filter(p -> p.getFileName().toString().endsWith(EventFile.SUFFIX)).forEach(p ->
            {
                final LocalDate day = dayOf(p);
                if (day != null && !day.isBefore(from) && !day.isAfter(to))
                {
                    chosen.add(p);
                }
            });
            chosen.sort(null);
            return chosen;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + dir, ex);
        }
    }

    /**
     * One merged, time-ordered stream over the symbols' day files within [from, to]; equal
     * times go in symbol order, then stream name order.
     */
    public EventSource open(final List<String> symbols, final LocalDate from, final LocalDate to)
    {
        final List<EventSource> sources = new ArrayList<>();
        for (final String symbol : symbols)
        {
            for (final String stream : streams(symbol))
            {
                sources.add(new ConcatenatedEventSource(files(symbol, stream, from, to)));
            }
        }
        return new MergedEventSource(sources.toArray(new EventSource[0]));
    }

    private static LocalDate dayOf(final Path file)
    {
        final String name = file.getFileName().toString();
        try
        {
            return LocalDate.parse(name.substring(0, name.length() - EventFile.SUFFIX.length()));
        }
        catch (final DateTimeParseException ex)
        {
            return null;
        }
    }
}
