package io.ferrum.gateway.sim.venue;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.engine.instrument.FixedPointMath;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import org.agrona.collections.Int2IntHashMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One spot account at the simulated venue: a free and a locked balance per asset, as Binance
 * keeps them, so that the venue refuses what the account cannot pay for and no balance ever goes
 * below zero. An order locks, when it reaches the venue, what it may spend: a sell its quantity of
 * the base asset, a limit or stop-limit buy its notional at its limit price plus the larger of the
 * maker and taker fee, in the quote asset; a market buy locks nothing and takes only what the free
 * quote pays for, level by level (the rest expires). An order the free balance cannot cover is
 * REJECTED with Binance's -2010 ("Account has insufficient balance for requested action.").
 * Fills move the assets (fees are paid in the quote asset, as the engine's positions count them),
 * and an order's leftover lock is freed when it ends.
 * <p>
 * Balances are mantissas at one exponent (the venue's fee exponent, -8 by default, Binance's 8
 * decimals). Assets are each instrument's base and quote assets; an instrument that has none
 * (derived instruments) is split by its symbol's suffix among Binance's usual quote assets
 * ({@link #QUOTE_ASSETS}); one that still has none is not accounted. Cold-path construction,
 * no allocation per order.
 */
public final class SpotAccounts
{
    /** Binance's quote assets, longest first, for symbols whose assets the instrument does not say. */
    public static final List<String> QUOTE_ASSETS = List.of("FDUSD", "USDT", "BUSD", "USDC", "TUSD", "USDP", "BIDR",
        "BVND", "IDRT", "DOGE", "EUR", "GBP", "AUD", "BRL", "TRY", "RUB", "UAH", "NGN", "ZAR", "BTC", "ETH", "BNB",
        "TRX", "XRP", "DAI", "PAX", "DOT", "VAI");

    private final int exponent;
    private final List<String> assets = new ArrayList<>();
    private final long[] free;
    private final long[] locked;
    private final Int2IntHashMap baseOf = new Int2IntHashMap(-1);
    private final Int2IntHashMap quoteOf = new Int2IntHashMap(-1);
    private long refused;

    /**
     * @param instruments   the venue's instruments
     * @param startBalances free balance per asset at the start (decimal text); assets not named start at 0
     * @param exponent      of every balance (the venue's fee exponent)
     * @throws IllegalArgumentException for a negative or malformed balance or an asset no instrument has
     */
    public SpotAccounts(final InstrumentRegistry instruments, final Map<String, String> startBalances, final int exponent)
    {
        this.exponent = exponent;
        final Map<String, Integer> index = new LinkedHashMap<>();
        for (final Instrument instrument : instruments.instruments())
        {
            final String[] pair = assetsOf(instrument);
            if (pair == null)
            {
                continue;
            }
            final int base = index.computeIfAbsent(pair[0], a -> index.size());
            final int quote = index.computeIfAbsent(pair[1], a -> index.size());
            baseOf.put(instrument.instrumentId(), base);
            quoteOf.put(instrument.instrumentId(), quote);
        }
        assets.addAll(index.keySet());
        free = new long[assets.size()];
        locked = new long[assets.size()];
        for (final Map.Entry<String, String> balance : startBalances.entrySet())
        {
            final Integer asset = index.get(balance.getKey());
            if (asset == null)
            {
                throw new IllegalArgumentException("balance of " + balance.getKey() + ": no instrument has that asset " +
                    "(assets: " + String.join(", ", assets) + ")");
            }
            final long amount;
            try
            {
                amount = DecimalParser.parse(balance.getValue(), exponent);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("balance of " + balance.getKey() + ": " + ex.getMessage(), ex);
            }
            if (amount < 0)
            {
                throw new IllegalArgumentException("balance of " + balance.getKey() + " is negative: " + balance.getValue());
            }
            free[asset] = amount;
        }
    }

    /** The instrument's base and quote assets, or null when neither it nor its symbol says. */
    public static String[] assetsOf(final Instrument instrument)
    {
        if (!instrument.baseAsset().isEmpty() && !instrument.quoteAsset().isEmpty())
        {
            return new String[] {instrument.baseAsset(), instrument.quoteAsset()};
        }
        final String symbol = instrument.symbol();
        for (final String quote : QUOTE_ASSETS)
        {
            if (symbol.length() > quote.length() && symbol.endsWith(quote))
            {
                return new String[] {symbol.substring(0, symbol.length() - quote.length()), quote};
            }
        }
        return null;
    }

    /** The assets, in the order instruments name them. */
    public List<String> assets()
    {
        return List.copyOf(assets);
    }

    /** Free balance of an asset as decimal text (cold path: reports). */
    public String free(final String asset)
    {
        final int i = assets.indexOf(asset);
        return i < 0 ? null : FixedPoint.format(free[i], exponent);
    }

    /** Locked balance of an asset as decimal text. */
    public String locked(final String asset)
    {
        final int i = assets.indexOf(asset);
        return i < 0 ? null : FixedPoint.format(locked[i], exponent);
    }

    public long freeMantissa(final String asset)
    {
        return free[assets.indexOf(asset)];
    }

    public int exponent()
    {
        return exponent;
    }

    /** Orders refused for want of balance. */
    public long refused()
    {
        return refused;
    }

    /**
     * Locks what a new order may spend.
     *
     * @param maxFeePpm the larger of the maker and taker rates
     * @return false (nothing locked) when the free balance cannot cover it
     */
    boolean reserve(final VenueOrder order, final Instrument instrument, final long maxFeePpm)
    {
        return reserve(order, instrument, maxFeePpm, null);
    }

    /**
     * As {@link #reserve(VenueOrder, Instrument, long)} for the replacement of {@code old}, which
     * frees its own lock when the replacement is accepted (and keeps it when refused).
     */
    boolean reserve(final VenueOrder order, final Instrument instrument, final long maxFeePpm, final VenueOrder old)
    {
        order.reserved = 0;
        final int asset = assetOf(order, instrument.instrumentId());
        if (asset < 0)
        {
            return true;
        }
        final long need = need(order, instrument, maxFeePpm);
        if (need > free[asset] + (old == null ? 0 : old.reserved))
        {
            refused++;
            return false;
        }
        if (old != null)
        {
            release(old);
        }
        free[asset] -= need;
        locked[asset] += need;
        order.reserved = need;
        return true;
    }

    private long need(final VenueOrder order, final Instrument instrument, final long maxFeePpm)
    {
        if (order.side == Side.SELL)
        {
            return toBalance(order.quantity, instrument.sizeExponent(), true);
        }
        if (order.orderType == OrderType.MARKET || order.orderType == OrderType.STOP_MARKET)
        {
            return 0;
        }
        final long notional = cost(instrument, order.price, order.quantity);
        return notional + fee(notional, maxFeePpm);
    }

    /**
     * How much of {@code quantity} a buy without a lock (a market buy) can pay for at {@code price},
     * fee included, rounded down to the lot.
     */
    long affordable(final VenueOrder order, final Instrument instrument, final long price, final long quantity,
        final long feePpm)
    {
        final int quote = quoteOf.get(instrument.instrumentId());
        if (order.side != Side.BUY || order.reserved > 0 || quote < 0 || price <= 0)
        {
            return quantity;
        }
        long q = quantity;
        final long lot = instrument.lotSize();
        // first guess from the budget without fee, then step down a lot at a time while it does not pay
        final long unit = cost(instrument, price, lot);
        if (unit > 0)
        {
            q = Math.min(q, free[quote] / unit * lot);
        }
        while (q > 0 && spend(instrument, price, q, feePpm) > free[quote])
        {
            q -= lot;
        }
        return Math.max(0, q);
    }

    /** A fill moves the assets: what the buyer pays and the seller receives, fee in the quote asset. */
    void onFill(final VenueOrder order, final Instrument instrument, final long notional, final long quantity, final long fee)
    {
        final int base = baseOf.get(instrument.instrumentId());
        final int quote = quoteOf.get(instrument.instrumentId());
        if (base < 0)
        {
            return;
        }
        final long amount = toBalance(quantity, instrument.sizeExponent(), false);
        if (order.side == Side.BUY)
        {
            long pay = notional + fee;
            final long fromLock = Math.min(order.reserved, pay);
            order.reserved -= fromLock;
            locked[quote] -= fromLock;
            pay -= fromLock;
            free[quote] -= pay; // a market buy was cut to what the free balance pays
            free[base] += amount;
        }
        else
        {
            final long fromLock = Math.min(order.reserved, toBalance(quantity, instrument.sizeExponent(), true));
            order.reserved -= fromLock;
            locked[base] -= fromLock;
            free[quote] += notional - fee;
        }
    }

    /** An order ended: what it still holds is free again. */
    void release(final VenueOrder order)
    {
        if (order.reserved != 0)
        {
            final int asset = assetOf(order, order.instrumentId);
            locked[asset] -= order.reserved;
            free[asset] += order.reserved;
            order.reserved = 0;
        }
    }

    private int assetOf(final VenueOrder order, final int instrumentId)
    {
        return order.side == Side.SELL ? baseOf.get(instrumentId) : quoteOf.get(instrumentId);
    }

    private long spend(final Instrument instrument, final long price, final long quantity, final long feePpm)
    {
        final long notional = cost(instrument, price, quantity);
        return notional + fee(notional, feePpm);
    }

    /** Notional at the balance exponent, rounded up (what is locked is never short of what is paid). */
    private long cost(final Instrument instrument, final long price, final long quantity)
    {
        final long truncated = FixedPointMath.notional(price, instrument.priceExponent(), quantity,
            instrument.sizeExponent(), exponent);
        return truncated + 1;
    }

    private static long fee(final long notional, final long ppm)
    {
        return ppm <= 0 ? 0 : FixedPointMath.mulDiv(notional, ppm, 1_000_000L) + 1;
    }

    private long toBalance(final long quantity, final int sizeExponent, final boolean roundUp)
    {
        final long value = FixedPointMath.rescale(quantity, sizeExponent, exponent);
        return roundUp && FixedPointMath.rescale(value, exponent, sizeExponent) != quantity ? value + 1 : value;
    }
}
