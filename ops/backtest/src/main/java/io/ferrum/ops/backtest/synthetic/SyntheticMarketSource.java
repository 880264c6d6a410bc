package io.ferrum.ops.backtest.synthetic;

import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.ops.backtest.data.EventSource;
import io.ferrum.ops.backtest.data.MarketDataEncoder;
import org.agrona.DirectBuffer;

import java.util.SplittableRandom;

/**
 * One symbol's deterministic synthetic market: a regime-switching geometric random walk of
 * the mid, quoted with a regime-dependent spread, traded in log-normal sizes, with five
 * levels of depth a side. Emits, in log-time order, a BookSnapshot first and then
 * BestBidAsk, Trade and BookDelta messages that always agree with one L2 book: whenever the
 * path moves the touch, a BookDelta (removing the levels no longer shown, setting the new
 * ones, chained by update id) comes first and the step's quote or trade follows at the same
 * time; quotes are the book's best levels and trades print at the touch of their side.
 * Levels are strictly ordered and the spread is at least a tick, so the book is never
 * crossed. Only {@link SplittableRandom} (a specified algorithm) and IEEE arithmetic are
 * used, so a seed gives the same bytes on every JVM. No allocation per event, and no
 * transcendental function per event either: samples come from {@link Distributions}'
 * tables and the mid moves multiplicatively.
 */
public final class SyntheticMarketSource implements EventSource
{
    private static final double YEAR_SECONDS = 365.0 * 86_400;
    private static final int LEVELS = 5;
    /** Mean time a regime lasts. */
    private static final double REGIME_SECONDS = 6 * 3600;
    private static final double TRADE_SHARE = 0.35;
    private static final double DEPTH_SHARE = 0.10;
    private static final double TRADE_SIZE_SIGMA = 1.2;
    /** Mean size at the touch in median trades: books hold far more than one trade takes. */
    private static final double DEPTH_IN_TRADES = 200;
    private static final int NONE = 0;
    private static final int TRADE = 1;
    private static final int QUOTE = 2;

    private final SyntheticInstrument spec;
    private final MarketDataEncoder encoder;
    private final SplittableRandom random;
    private final long endNs;
    private final double meanGapNs;
    private final double volatilityPerSqrtNs;
    /** Mean size of each level in each regime ({@link #levelSize}), computed once: a division per level per step otherwise. */
    private final double[] levelScale = new double[Regime.count() * LEVELS];
    /** The book as published: prices and sizes interleaved, best first. */
    private final long[] bookBids = new long[2 * LEVELS];
    private final long[] bookAsks = new long[2 * LEVELS];
    private int bookBidCount;
    private int bookAskCount;
    /** The next layout, and the delta from the published book to it (removals can double the levels). */
    private final long[] layoutBids = new long[2 * LEVELS];
    private final long[] layoutAsks = new long[2 * LEVELS];
    private final long[] deltaBids = new long[4 * LEVELS];
    private final long[] deltaAsks = new long[4 * LEVELS];
    private int layoutBidCount;
    private Regime regime = Regime.CALM;
    private double mid;
    private long timeNs;
    private long updateId;
    private long tradeId;
    private boolean started;
    /** The first instant shown: the path runs from its own start, unseen, until here. */
    private final long windowStartNs;
    private boolean inWindow;
    private int pending = NONE;

    /**
     * @param eventsPerDay mean number of price-path steps per day in the normal regime (a step that
     *                     moves the touch gives two messages: the BookDelta, then its quote or trade)
     */
    public SyntheticMarketSource(
        final SyntheticInstrument spec, final long seed, final long startNs, final long endNs, final long eventsPerDay)
    {
        this(spec, seed, startNs, startNs, endNs, eventsPerDay);
    }

    /**
     * The window {@code [startNs, endNs]} of the path that starts at {@code pathStartNs}: the steps before the window are
     * taken (the same random draws) but not shown, and the window opens with a BookSnapshot of the book its first step
     * leaves, so a later window is the same market's continuation.
     */
    public SyntheticMarketSource(
        final SyntheticInstrument spec, final long seed, final long pathStartNs, final long startNs, final long endNs,
        final long eventsPerDay)
    {
        if (eventsPerDay <= 0 || endNs <= startNs || pathStartNs > startNs)
        {
            throw new IllegalArgumentException("synthetic market needs a positive event rate and a non-empty period");
        }
        this.spec = spec;
        this.encoder = new MarketDataEncoder(spec.instrument(), Venue.SIMULATED);
        this.random = new SplittableRandom(seed ^ (0x9E37_79B9_7F4A_7C15L * (spec.instrument().instrumentId() + 1L)));
        this.timeNs = pathStartNs;
        this.windowStartNs = startNs;
        this.inWindow = pathStartNs == startNs;
        this.endNs = endNs;
        this.meanGapNs = 86_400e9 / eventsPerDay;
        this.volatilityPerSqrtNs = spec.annualVolatility() / Math.sqrt(YEAR_SECONDS * 1e9);
        this.mid = spec.startPrice();
        for (int r = 0; r < Regime.count(); r++)
        {
            for (int level = 0; level < LEVELS; level++)
            {
                // the same expression, in the same order, as it was evaluated per level: the same doubles
                levelScale[r * LEVELS + level] =
                    spec.medianTradeSize() * DEPTH_IN_TRADES * (1.0 + 0.5 * level) / Regime.of(r).volatility;
            }
        }
    }

    public boolean next()
    {
        if (inWindow)
        {
            return step();
        }
        while (step())
        {
            if (timeNs >= windowStartNs)
            {
                // the window's first step shows as the book it leaves; a trade or quote it set pending follows
                inWindow = true;
                encoder.bookSnapshot(timeNs, timeNs, updateId, bookBids, bookBidCount, bookAsks, bookAskCount);
                return true;
            }
        }
        return false;
    }

    private boolean step()
    {
        if (pending != NONE)
        {
            emit(pending);
            pending = NONE;
            return true;
        }
        if (!started)
        {
            started = true;
            final long price = midPrice();
            final long bestBid = Math.max(spec.tick(), price - halfSpread(price));
            layOutBook(bestBid, Math.max(bestBid + spec.tick(), price + halfSpread(price)));
            encoder.bookSnapshot(timeNs, timeNs, ++updateId, layoutBids, layoutBidCount, layoutAsks, LEVELS);
            publishLayout();
            return true;
        }
        final double gap = Distributions.exponential(random) * meanGapNs / regime.activity;
        final long step = Math.max(1, (long)gap);
        if (timeNs > endNs - step)
        {
            return false;
        }
        timeNs += step;
        switchRegime(step);
        final double dtYears = step / (YEAR_SECONDS * 1e9);
        final double sigma = volatilityPerSqrtNs * regime.volatility;
        // Math.sqrt is correctly rounded by IEEE 754, hence the same on every JVM
        mid *= 1.0 + regime.drift * dtYears + sigma * Math.sqrt(step) * Distributions.gaussian(random);
        final long price = midPrice();
        final long halfSpread = halfSpread(price);
        final long bestBid = Math.max(spec.tick(), price - halfSpread);
        final long bestAsk = Math.max(bestBid + spec.tick(), price + halfSpread);

        final double kind = random.nextDouble();
        final boolean depth = kind >= TRADE_SHARE && kind < TRADE_SHARE + DEPTH_SHARE;
        if (depth || bestBid != bookBids[0] || bestAsk != bookAsks[0])
        {
            layOutBook(bestBid, bestAsk);
            final int bidCount = delta(bookBids, bookBidCount, layoutBids, layoutBidCount, deltaBids);
            final int askCount = delta(bookAsks, bookAskCount, layoutAsks, LEVELS, deltaAsks);
            final long first = updateId + 1;
            updateId += 1 + random.nextInt(3);
            encoder.bookDelta(timeNs, timeNs, first, updateId, deltaBids, bidCount, deltaAsks, askCount);
            publishLayout();
            pending = depth ? NONE : kind < TRADE_SHARE ? TRADE : QUOTE;
        }
        else
        {
            emit(kind < TRADE_SHARE ? TRADE : QUOTE);
        }
        return true;
    }

    /** A trade at the touch of its side, or the book's best levels as a quote (same update id as the book). */
    private void emit(final int what)
    {
        if (what == TRADE)
        {
            final boolean buy = random.nextDouble() < 0.5 + 0.1 * Math.signum(regime.drift);
            encoder.trade(timeNs, timeNs, ++tradeId, buy ? bookAsks[0] : bookBids[0], tradeSize(),
                buy ? Side.BUY : Side.SELL);
        }
        else
        {
            encoder.bestBidAsk(timeNs, timeNs, updateId, bookBids[0], bookBids[1], bookAsks[0], bookAsks[1]);
        }
    }

    private long midPrice()
    {
        final long tick = spec.tick();
        if (mid < tick * 2)
        {
            mid = tick * 2; // a price path never reaches zero
        }
        final long price = (long)mid;
        return price - price % tick;
    }

    /** The regime's half-spread around the mid, on the tick grid, at least a tick. */
    private long halfSpread(final long mid)
    {
        final long tick = spec.tick();
        return Math.max(tick, (long)(mid * regime.spreadBps / 1e4) / tick * tick);
    }

    /**
     * Five levels a side from the touch outwards, one to three ticks apart (strictly ordered,
     * bids stop above zero), sizes growing away from the touch.
     */
    private void layOutBook(final long bestBid, final long bestAsk)
    {
        final long tick = spec.tick();
        long bid = bestBid;
        long ask = bestAsk;
        layoutBidCount = 0;
        for (int i = 0; i < LEVELS; i++)
        {
            if (bid > 0)
            {
                layoutBids[2 * i] = bid;
                layoutBids[2 * i + 1] = levelSize(i);
                layoutBidCount++;
            }
            layoutAsks[2 * i] = ask;
            layoutAsks[2 * i + 1] = levelSize(i);
            final long apart = tick * (1 + random.nextInt(3));
            bid -= apart;
            ask += apart;
        }
    }

    private void publishLayout()
    {
        System.arraycopy(layoutBids, 0, bookBids, 0, 2 * layoutBidCount);
        System.arraycopy(layoutAsks, 0, bookAsks, 0, 2 * LEVELS);
        bookBidCount = layoutBidCount;
        bookAskCount = LEVELS;
    }

    private long levelSize(final int level)
    {
        final double scale = levelScale[regime.ordinal() * LEVELS + level];
        final long lots = (long)(Distributions.exponential(random) * scale) / spec.lot();
        return Math.max(1, lots) * spec.lot();
    }

    private long tradeSize()
    {
        final double size = spec.medianTradeSize() * exp(TRADE_SIZE_SIGMA * Distributions.gaussian(random));
        return Math.max(1, (long)(size / spec.lot())) * spec.lot();
    }

    /** Writes removals (size 0) of the book's levels the layout no longer shows, then the layout's levels; returns the count. */
    private static int delta(
        final long[] book, final int bookCount, final long[] layout, final int layoutCount, final long[] out)
    {
        int count = 0;
        for (int i = 0; i < bookCount; i++)
        {
            final long price = book[2 * i];
            boolean kept = false;
            for (int j = 0; j < layoutCount && !kept; j++)
            {
                kept = layout[2 * j] == price;
            }
            if (!kept)
            {
                out[2 * count] = price;
                out[2 * count + 1] = 0;
                count++;
            }
        }
        System.arraycopy(layout, 0, out, 2 * count, 2 * layoutCount);
        return count + layoutCount;
    }

    private void switchRegime(final long stepNs)
    {
        if (random.nextDouble() < stepNs / (REGIME_SECONDS * 1e9))
        {
            final int next = random.nextInt(Regime.count() - 1);
            regime = Regime.of(next >= regime.ordinal() ? next + 1 : next);
        }
    }

    /** e^x for |x| below 5: an 8-term series of e^(x/16) raised to the 16th power; plain arithmetic, the same on every JVM. */
    private static double exp(final double x)
    {
        final double half = x * 0.0625; // e^x = (e^(x/16))^16, series converges fast for |x/16| < 0.32
        double term = 1.0;
        double sum = 1.0;
        for (int k = 1; k <= 8; k++)
        {
            term *= half / k;
            sum += term;
        }
        sum *= sum;
        sum *= sum;
        sum *= sum;
        return sum * sum;
    }

    public long timestampNs()
    {
        return timeNs;
    }

    public DirectBuffer buffer()
    {
        return encoder.buffer();
    }

    public int offset()
    {
        return 0;
    }

    public int length()
    {
        return encoder.length();
    }

    public String symbol()
    {
        return spec.instrument().symbol();
    }

    public void close()
    {
    }
}
