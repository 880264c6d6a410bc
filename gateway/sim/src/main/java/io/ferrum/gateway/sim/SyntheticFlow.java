package io.ferrum.gateway.sim;

import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.gateway.book.LocalBook;
import io.ferrum.gateway.replay.ReplaySession;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic synthetic Binance spot flow for load: from a seed, a session in the same
 * shape as a recording (combined-stream depth diffs with chained U/u, bookTicker and
 * aggTrade frames, one REST snapshot per symbol at the start), so the simulator replays it
 * like any recorded session. The generator keeps each symbol's book, never crossed, so the
 * final books are known: {@link #finalBook(String)}.
 */
public final class SyntheticFlow
{
    private static final int EXPONENT = -8;
    private static final long TICK = 1_000_000L; // 0.01
    private static final int LEVELS = 50;

    private final Random random;
    private final List<String> symbols;
    private final LocalBook[] books;
    private final long[] updateIds;
    private final long[] aggTradeIds;
    private final List<ReplaySession.Entry> entries = new ArrayList<>();
    private long timeNs = 1_700_000_000_000_000_000L;

    private SyntheticFlow(final long seed, final List<String> symbols)
    {
        this.random = new Random(seed);
        this.symbols = List.copyOf(symbols);
        books = new LocalBook[symbols.size()];
        updateIds = new long[symbols.size()];
        aggTradeIds = new long[symbols.size()];
    }

    /**
     * @param events frames to generate after the snapshots
     * @param eventIntervalNs recorded time between frames (sets the rate at speed 1)
     */
    public static SyntheticFlow generate(final long seed, final List<String> symbols, final int events, final long eventIntervalNs)
    {
        final SyntheticFlow flow = new SyntheticFlow(seed, symbols);
        flow.run(events, eventIntervalNs);
        return flow;
    }

    public ReplaySession session()
    {
        return ReplaySession.of("synthetic", entries);
    }

    /** The venue's book for a symbol after the last generated frame. */
    public LocalBook finalBook(final String symbol)
    {
        return books[symbols.indexOf(symbol)];
    }

    private void run(final int events, final long eventIntervalNs)
    {
        final StringBuilder connect = new StringBuilder("ws://synthetic/stream?streams=");
        for (int s = 0; s < symbols.size(); s++)
        {
            final String lower = symbols.get(s).toLowerCase(Locale.ROOT);
            connect.append(s == 0 ? "" : "/").append(lower).append("@bookTicker/").append(lower).append("@aggTrade/")
                .append(lower).append("@depth@100ms");
        }
        entries.add(new ReplaySession.Entry(timeNs, ReplaySession.Kind.CONNECT, connect.toString(), ""));
        for (int s = 0; s < symbols.size(); s++)
        {
            final LocalBook book = new LocalBook(LEVELS * 4);
            final long mid = (100 + random.nextInt(900)) * 100 * TICK;
            for (int i = 1; i <= LEVELS; i++)
            {
                book.setBid(mid - i * TICK, quantity());
                book.setAsk(mid + i * TICK, quantity());
            }
            updateIds[s] = 1_000L + random.nextInt(1_000_000);
            book.lastUpdateId(updateIds[s]);
            books[s] = book;
            entries.add(new ReplaySession.Entry(timeNs, ReplaySession.Kind.REST,
                "http://synthetic/api/v3/depth?symbol=" + symbols.get(s) + "&limit=1000", snapshotJson(book)));
        }
        for (int n = 0; n < events; n++)
        {
            timeNs += eventIntervalNs;
            final int s = random.nextInt(symbols.size());
            final int kind = random.nextInt(10);
            final String payload = kind < 6 ? depth(s) : kind < 9 ? bookTicker(s) : aggTrade(s);
            entries.add(new ReplaySession.Entry(timeNs, ReplaySession.Kind.WS, "", payload));
        }
    }

    private String depth(final int s)
    {
        final LocalBook book = books[s];
        final long first = updateIds[s] + 1;
        updateIds[s] += 1 + random.nextInt(5);
        final StringBuilder bids = new StringBuilder();
        final StringBuilder asks = new StringBuilder();
        final int changes = 1 + random.nextInt(4);
        for (int c = 0; c < changes; c++)
        {
            final boolean bid = random.nextBoolean();
            final long best = bid ? book.bestBid() : book.bestAsk();
            long price = bid ? best - random.nextInt(LEVELS) * TICK : best + random.nextInt(LEVELS) * TICK;
            if (random.nextInt(8) == 0 && book.bestAsk() - book.bestBid() > 2 * TICK)
            {
                price = bid ? best + TICK : best - TICK; // improve the touch, never reaching the other side
            }
            final boolean removable = (bid ? book.bidLevels() : book.askLevels()) > 5;
            final long quantity = removable && random.nextInt(4) == 0 ? 0 : quantity();
            if (price <= 0 || (bid ? price >= book.bestAsk() : price <= book.bestBid()))
            {
                continue;
            }
            if (bid)
            {
                book.setBid(price, quantity);
                level(bids, price, quantity);
            }
            else
            {
                book.setAsk(price, quantity);
                level(asks, price, quantity);
            }
        }
        book.lastUpdateId(updateIds[s]);
        final String lower = symbols.get(s).toLowerCase(Locale.ROOT);
        return "{\"stream\":\"" + lower + "@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":" + timeNs / 1_000_000 +
            ",\"s\":\"" + symbols.get(s) + "\",\"U\":" + first + ",\"u\":" + updateIds[s] + ",\"b\":[" + bids + "],\"a\":[" + asks + "]}}";
    }

    private String bookTicker(final int s)
    {
        final LocalBook book = books[s];
        final String lower = symbols.get(s).toLowerCase(Locale.ROOT);
        return "{\"stream\":\"" + lower + "@bookTicker\",\"data\":{\"u\":" + updateIds[s] + ",\"s\":\"" + symbols.get(s) +
            "\",\"b\":\"" + FixedPoint.format(book.bestBid(), EXPONENT) + "\",\"B\":\"" + FixedPoint.format(book.bidQuantity(0), EXPONENT) +
            "\",\"a\":\"" + FixedPoint.format(book.bestAsk(), EXPONENT) + "\",\"A\":\"" + FixedPoint.format(book.askQuantity(0), EXPONENT) +
            "\"}}";
    }

    private String aggTrade(final int s)
    {
        final LocalBook book = books[s];
        final boolean buyerMaker = random.nextBoolean();
        final long id = ++aggTradeIds[s];
        final String lower = symbols.get(s).toLowerCase(Locale.ROOT);
        final long ms = timeNs / 1_000_000;
        return "{\"stream\":\"" + lower + "@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":" + ms + ",\"s\":\"" + symbols.get(s) +
            "\",\"a\":" + id + ",\"p\":\"" + FixedPoint.format(buyerMaker ? book.bestBid() : book.bestAsk(), EXPONENT) +
            "\",\"q\":\"" + FixedPoint.format(quantity(), EXPONENT) + "\",\"f\":" + id * 2 + ",\"l\":" + (id * 2 + 1) +
            ",\"T\":" + ms + ",\"m\":" + buyerMaker + ",\"M\":true}}";
    }

    private long quantity()
    {
        return (1 + random.nextInt(100_000)) * 1_000L;
    }

    private static void level(final StringBuilder out, final long price, final long quantity)
    {
        if (out.length() > 0)
        {
            out.append(',');
        }
        out.append("[\"").append(FixedPoint.format(price, EXPONENT)).append("\",\"").append(FixedPoint.format(quantity, EXPONENT)).append("\"]");
    }

    private static String snapshotJson(final LocalBook book)
    {
        final StringBuilder bids = new StringBuilder();
        final StringBuilder asks = new StringBuilder();
        for (int i = 0; i < book.bidLevels(); i++)
        {
            level(bids, book.bidPrice(i), book.bidQuantity(i));
        }
        for (int i = 0; i < book.askLevels(); i++)
        {
            level(asks, book.askPrice(i), book.askQuantity(i));
        }
        return "{\"lastUpdateId\":" + book.lastUpdateId() + ",\"bids\":[" + bids + "],\"asks\":[" + asks + "]}";
    }
}
