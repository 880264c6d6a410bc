package io.ferrum.ops.analytics;

import io.ferrum.engine.book.PriceLadder;

import java.math.BigInteger;

/**
 * The report's formulas, each a pure function so that it can be tested on its own
 * (docs/metrics.md gives each with its unit and window). Prices and quantities come in
 * as fixed-point mantissas; derived statistics (bps, ratios, notionals, z-scores) are
 * doubles because analytics run off the engine thread and nothing is traded on them.
 */
public final class Metrics
{
    /** Basis points in one. */
    public static final double BPS = 10_000.0;
    /** |z| reported when a baseline has no variance and the value differs from its mean. */
    public static final double Z_CAP = 100.0;

    private Metrics()
    {
    }

    public static double value(final long mantissa, final int exponent)
    {
        return mantissa * Math.pow(10, exponent);
    }

    /** (ask - bid) / mid in bps; the exponent cancels out of the ratio. */
    public static double spreadBps(final long bid, final long ask)
    {
        return (double)(ask - bid) / ((ask + (double)bid) / 2.0) * BPS;
    }

    /** (b - a) / (b + a), in [-1, 1]; NaN when both are zero. */
    public static double imbalance(final double bidSide, final double askSide)
    {
        final double total = bidSide + askSide;
        return total > 0 ? (bidSide - askSide) / total : Double.NaN;
    }

    /**
     * Microprice (Stoikov's weighted mid): (bid * askQty + ask * bidQty) / (bidQty + askQty),
     * in price-mantissa units; it leans towards the side with less quantity.
     */
    public static double micropriceMantissa(final long bid, final long bidQty, final long ask, final long askQty)
    {
        final double total = (double)bidQty + askQty;
        if (total <= 0)
        {
            return (bid + (double)ask) / 2.0;
        }
        return ((double)bid * askQty + (double)ask * bidQty) / total;
    }

    /**
     * Whether a level at {@code price} lies within ±{@code bps} of mid = (bid + ask) / 2,
     * evaluated exactly in integers: bids need 2 * p * 10^4 >= (bid + ask) * (10^4 - bps),
     * asks 2 * p * 10^4 <= (bid + ask) * (10^4 + bps).
     */
    public static boolean withinBand(
        final boolean bidSide, final long price, final long bid, final long ask, final int bps)
    {
        try
        {
            final long left = Math.multiplyExact(Math.multiplyExact(price, 2L), 10_000L);
            final long right = Math.multiplyExact(Math.addExact(bid, ask), bidSide ? 10_000L - bps : 10_000L + bps);
            return bidSide ? left >= right : left <= right;
        }
        catch (final ArithmeticException overflow)
        {
            final BigInteger left = BigInteger.valueOf(price).multiply(BigInteger.valueOf(20_000L));
            final BigInteger right = BigInteger.valueOf(bid).add(BigInteger.valueOf(ask))
                .multiply(BigInteger.valueOf(bidSide ? 10_000L - bps : 10_000L + bps));
            final int cmp = left.compareTo(right);
            return bidSide ? cmp >= 0 : cmp <= 0;
        }
    }

    /** Sum of quantity mantissas of the levels within ±bps of mid. */
    public static long depthQuantity(final PriceLadder side, final long bid, final long ask, final int bps)
    {
        long sum = 0;
        for (int i = 0; i < side.size() && withinBand(side.isBids(), side.price(i), bid, ask, bps); i++)
        {
            sum += side.quantity(i);
        }
        return sum;
    }

    /** Sum of price * quantity (quote units) of the levels within ±bps of mid. */
    public static double depthNotional(
        final PriceLadder side, final long bid, final long ask, final int bps, final int priceExponent, final int sizeExponent)
    {
        double sum = 0;
        for (int i = 0; i < side.size() && withinBand(side.isBids(), side.price(i), bid, ask, bps); i++)
        {
            sum += value(side.price(i), priceExponent) * value(side.quantity(i), sizeExponent);
        }
        return sum;
    }

    /**
     * Expected slippage in bps of a market order for {@code notional} quote units that walks
     * {@code side} (asks to buy, bids to sell) from the best level: the order's average price
     * against mid, positive when worse than mid. NaN when the book cannot fill it.
     */
    public static double slippageBps(
        final PriceLadder side, final long bid, final long ask, final double notional, final int priceExponent, final int sizeExponent)
    {
        double remaining = notional;
        double quantity = 0;
        for (int i = 0; i < side.size() && remaining > 0; i++)
        {
            final double price = value(side.price(i), priceExponent);
            final double levelNotional = price * value(side.quantity(i), sizeExponent);
            if (levelNotional >= remaining)
            {
                quantity += remaining / price;
                remaining = 0;
            }
            else
            {
                quantity += levelNotional / price;
                remaining -= levelNotional;
            }
        }
        if (remaining > 0 || quantity <= 0)
        {
            return Double.NaN;
        }
        final double averagePrice = notional / quantity;
        final double mid = (value(bid, priceExponent) + value(ask, priceExponent)) / 2.0;
        final double signed = side.isBids() ? mid - averagePrice : averagePrice - mid;
        return signed / mid * BPS;
    }

    /**
     * One step of order-flow imbalance (Cont, Kukanov and Stoikov 2014) between two
     * top-of-book states, in base quantity: bid-side inflow minus ask-side inflow.
     */
    public static double ofiStep(
        final long prevBid, final double prevBidQty, final long prevAsk, final double prevAskQty,
        final long bid, final double bidQty, final long ask, final double askQty)
    {
        double e = 0;
        if (bid >= prevBid)
        {
            e += bidQty;
        }
        if (bid <= prevBid)
        {
            e -= prevBidQty;
        }
        if (ask <= prevAsk)
        {
            e -= askQty;
        }
        if (ask >= prevAsk)
        {
            e += prevAskQty;
        }
        return e;
    }

    /**
     * z = (x - mean) / stddev. A baseline with no variance (stddev within rounding, 1e-9
     * relative, of zero) gives 0 when x equals its mean to that precision and ±{@link #Z_CAP}
     * otherwise, so that a move off a flat baseline still shows; |z| is capped at Z_CAP.
     */
    public static double zScore(final double x, final double mean, final double stddev)
    {
        final double tolerance = 1e-9 * Math.max(1.0, Math.abs(mean));
        if (!(stddev > tolerance))
        {
            return Math.abs(x - mean) <= tolerance ? 0.0 : Math.copySign(Z_CAP, x - mean);
        }
        final double z = (x - mean) / stddev;
        return Math.max(-Z_CAP, Math.min(Z_CAP, z));
    }
}
