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
 * levels of depth. Emits, in log-time order, a BookSnapshot first and then BestBidAsk,
 * Trade and BookDelta messages. Only {@link SplittableRandom} (a specified algorithm) and
 * IEEE arithmetic are used, so a seed gives the same bytes on every JVM. No allocation
 * per event, and no transcendental function per event either: samples come from
 * {@link Distributions}' tables and the mid moves multiplicatively.
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

    private final SyntheticInstrument spec;
    private final MarketDataEncoder encoder;
    private final SplittableRandom random;
    private final long endNs;
    private final double meanGapNs;
    private final double volatilityPerSqrtNs;
    private final long[] bids = new long[4 * LEVELS];
    private final long[] asks = new long[4 * LEVELS];
    private final long[] bidLevels = new long[2 * LEVELS];
    private final long[] askLevels = new long[2 * LEVELS];
    private final long[] previousBidPrices = new long[LEVELS];
    private final long[] previousAskPrices = new long[LEVELS];
    private Regime regime = Regime.CALM;
    private double mid;
    private long timeNs;
    private long updateId;
    private long tradeId;
    private boolean started;

    /**
     * @param eventsPerDay mean number of events per day in the normal regime
     */
    public SyntheticMarketSource(
        final SyntheticInstrument spec, final long seed, final long startNs, final long endNs, final long eventsPerDay)
    {
        if (eventsPerDay <= 0 || endNs <= startNs)
        {
            throw new IllegalArgumentException("synthetic market needs a positive event rate and a non-empty period");
        }
        this.spec = spec;
        this.encoder = new MarketDataEncoder(spec.instrument(), Venue.SIMULATED);
        this.random = new SplittableRandom(seed ^ (0x9E37_79B9_7F4A_7C15L * (spec.instrument().instrumentId() + 1L)));
        this.timeNs = startNs;
        this.endNs = endNs;
        this.meanGapNs = 86_400e9 / eventsPerDay;
        this.volatilityPerSqrtNs = spec.annualVolatility() / Math.sqrt(YEAR_SECONDS * 1e9);
        this.mid = spec.startPrice();
    }

    public boolean next()
    {
        if (!started)
        {
            started = true;
            layOutBook(midPrice(), true);
            encoder.bookSnapshot(timeNs, timeNs, ++updateId, bidLevels, LEVELS, askLevels, LEVELS);
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

        final double kind = random.nextDouble();
        if (kind < TRADE_SHARE)
        {
            layOutBook(price, false);
            final boolean buy = random.nextDouble() < 0.5 + 0.1 * Math.signum(regime.drift);
            encoder.trade(timeNs, timeNs, ++tradeId, buy ? askLevels[0] : bidLevels[0], tradeSize(),
                buy ? Side.BUY : Side.SELL);
        }
        else if (kind < TRADE_SHARE + DEPTH_SHARE)
        {
            layOutBook(price, true);
            final int bidCount = delta(previousBidPrices, bidLevels, bids);
            final int askCount = delta(previousAskPrices, askLevels, asks);
            final long first = updateId + 1;
            updateId += 1 + random.nextInt(3);
            encoder.bookDelta(timeNs, timeNs, first, updateId, bids, bidCount, asks, askCount);
        }
        else
        {
            layOutBook(price, false);
            bidLevels[1] = levelSize(0);
            askLevels[1] = levelSize(0);
            encoder.bestBidAsk(timeNs, timeNs, ++updateId, bidLevels[0], bidLevels[1], askLevels[0], askLevels[1]);
        }
        return true;
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

    /**
     * The half-spread from the regime (at least a tick) around the mid; with depth, five
     * levels each side with sizes growing away from the touch.
     */
    private void layOutBook(final long mid, final boolean depth)
    {
        final long tick = spec.tick();
        final long halfSpread = Math.max(tick, (long)(mid * regime.spreadBps / 1e4) / tick * tick);
        final long bestBid = mid - halfSpread;
        final long bestAsk = mid + halfSpread;
        bidLevels[0] = bestBid;
        askLevels[0] = bestAsk;
        for (int i = depth ? 0 : LEVELS; i < LEVELS; i++)
        {
            final long gap = (long)i * tick * (1 + random.nextInt(3));
            bidLevels[2 * i] = Math.max(tick, bestBid - gap - (long)i * tick);
            askLevels[2 * i] = bestAsk + gap + (long)i * tick;
            bidLevels[2 * i + 1] = levelSize(i);
            askLevels[2 * i + 1] = levelSize(i);
        }
    }

    private long levelSize(final int level)
    {
        final double scale = spec.medianTradeSize() * DEPTH_IN_TRADES * (1.0 + 0.5 * level) / regime.volatility;
        final long lots = (long)(Distributions.exponential(random) * scale) / spec.lot();
        return Math.max(1, lots) * spec.lot();
    }

    private long tradeSize()
    {
        final double size = spec.medianTradeSize() * exp(TRADE_SIZE_SIGMA * Distributions.gaussian(random));
        return Math.max(1, (long)(size / spec.lot())) * spec.lot();
    }

    /** Writes removals (size 0) of levels no longer shown, then the current levels; returns the count. */
    private int delta(final long[] previous, final long[] current, final long[] out)
    {
        int count = 0;
        for (int i = 0; i < LEVELS; i++)
        {
            final long price = previous[i];
            boolean kept = price == 0;
            for (int j = 0; j < LEVELS && !kept; j++)
            {
                kept = current[2 * j] == price;
            }
            if (!kept)
            {
                out[2 * count] = price;
                out[2 * count + 1] = 0;
                count++;
            }
        }
        for (int i = 0; i < LEVELS; i++)
        {
            out[2 * count] = current[2 * i];
            out[2 * count + 1] = current[2 * i + 1];
            previous[i] = current[2 * i];
            count++;
        }
        return count;
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
