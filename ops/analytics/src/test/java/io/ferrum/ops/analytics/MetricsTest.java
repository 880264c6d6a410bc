package io.ferrum.ops.analytics;

import io.ferrum.engine.book.PriceLadder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest
{
    /** A book as (best bid, tick gaps, quantities): bids below, asks above, never crossed. */
    record Book(PriceLadder bids, PriceLadder asks)
    {
        long bid()
        {
            return bids.price(0);
        }

        long ask()
        {
            return asks.price(0);
        }
    }

    @Provide
    Arbitrary<Book> books()
    {
        final Arbitrary<Long> bestBid = Arbitraries.longs().between(1_000L, 10_000_000_000L);
        final Arbitrary<Integer> spreadTicks = Arbitraries.integers().between(1, 50);
        final Arbitrary<List<Long>> gaps = Arbitraries.longs().between(1, 500).list().ofMinSize(1).ofMaxSize(40);
        final Arbitrary<List<Long>> quantities = Arbitraries.longs().between(1, 1_000_000_000_000L).list().ofSize(40);
        return Combinators.combine(bestBid, spreadTicks, gaps, gaps, quantities).as((bid, spread, bidGaps, askGaps, qty) ->
        {
            final PriceLadder bids = PriceLadder.growing(true, 64);
            final PriceLadder asks = PriceLadder.growing(false, 64);
            long price = bid;
            for (int i = 0; i < bidGaps.size() && price > 0; i++)
            {
                bids.set(price, qty.get(i));
                price -= bidGaps.get(i);
            }
            price = bid + spread;
            for (int i = 0; i < askGaps.size(); i++)
            {
                asks.set(price, qty.get(39 - i));
                price += askGaps.get(i);
            }
            return new Book(bids, asks);
        });
    }

    @Property
    void slippageNeverDecreasesWithSize(
        @ForAll("books") final Book book,
        @ForAll @DoubleRange(min = 1, max = 1e9) final double small,
        @ForAll @DoubleRange(min = 1, max = 1e3) final double factor)
    {
        for (final PriceLadder side : new PriceLadder[]{book.bids(), book.asks()})
        {
            final double a = Metrics.slippageBps(side, book.bid(), book.ask(), small, -8, -8);
            final double b = Metrics.slippageBps(side, book.bid(), book.ask(), small * factor, -8, -8);
            if (Double.isNaN(a))
            {
                assertTrue(Double.isNaN(b), "a book that cannot fill the smaller order cannot fill a larger one");
            }
            else if (!Double.isNaN(b))
            {
                assertTrue(b >= a - 1e-9 * Math.max(1, Math.abs(a)), "slippage " + a + " then " + b);
            }
            if (!Double.isNaN(a))
            {
                // Walking the book from the best level can never do better than the touch (half the spread).
                assertTrue(a >= Metrics.spreadBps(book.bid(), book.ask()) / 2 * (1 - 1e-9) - 1e-9, "slippage below half spread: " + a);
            }
        }
    }

    @Property
    void depthGrowsWithTheBand(@ForAll("books") final Book book)
    {
        for (final PriceLadder side : new PriceLadder[]{book.bids(), book.asks()})
        {
            long previousQty = 0;
            double previousNotional = 0;
            for (final int bps : new int[]{10, 25, 50, 100})
            {
                final long qty = Metrics.depthQuantity(side, book.bid(), book.ask(), bps);
                final double notional = Metrics.depthNotional(side, book.bid(), book.ask(), bps, -8, -8);
                assertTrue(qty >= previousQty, "depth within " + bps + " bps shrank");
                assertTrue(notional >= previousNotional * (1 - 1e-12), "notional within " + bps + " bps shrank");
                previousQty = qty;
                previousNotional = notional;
            }
        }
    }

    @Property
    void bandTestIsExact(
        @ForAll @LongRange(min = 1, max = 4_000_000_000_000_000L) final long bid,
        @ForAll @LongRange(min = 0, max = 1_000_000) final long spread,
        @ForAll @LongRange(min = 1, max = 4_000_000_000_000_000L) final long price,
        @ForAll @IntRange(min = 0, max = 10_000) final int bps)
    {
        final long ask = bid + spread;
        final BigDecimal mid = BigDecimal.valueOf(bid).add(BigDecimal.valueOf(ask)).divide(BigDecimal.valueOf(2));
        final BigDecimal lower = mid.multiply(BigDecimal.valueOf(10_000 - bps)).divide(BigDecimal.valueOf(10_000));
        final BigDecimal upper = mid.multiply(BigDecimal.valueOf(10_000 + bps)).divide(BigDecimal.valueOf(10_000));
        final BigDecimal p = BigDecimal.valueOf(price);
        assertEquals(p.compareTo(lower) >= 0, Metrics.withinBand(true, price, bid, ask, bps));
        assertEquals(p.compareTo(upper) <= 0, Metrics.withinBand(false, price, bid, ask, bps));
    }

    @Property
    void micropriceLiesBetweenBidAndAsk(
        @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) final long bid,
        @ForAll @LongRange(min = 0, max = 1_000_000) final long spread,
        @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) final long bidQty,
        @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) final long askQty)
    {
        final long ask = bid + spread;
        final double micro = Metrics.micropriceMantissa(bid, bidQty, ask, askQty);
        assertTrue(micro >= bid * (1 - 1e-15) && micro <= ask * (1 + 1e-15), "microprice " + micro);
        final double imbalance = Metrics.imbalance(bidQty, askQty);
        assertTrue(Double.isNaN(imbalance) ? bidQty + askQty == 0 : imbalance >= -1 && imbalance <= 1);
        assertTrue(Metrics.spreadBps(bid, ask) >= 0);
    }

    @Property
    void zScoresOfAConstantSeriesAreZero(
        @ForAll @DoubleRange(min = -1e9, max = 1e9) final double value,
        @ForAll @IntRange(min = 1, max = 500) final int samples)
    {
        final RollingStats stats = new RollingStats(300);
        for (int i = 0; i < samples; i++)
        {
            stats.add(value);
        }
        assertEquals(0.0, stats.zScore(value, 1));
        assertEquals(0.0, stats.stddev(), Math.abs(value) * 1e-12);
    }

    @Property
    void zScoreIsSymmetricAndScaleFree(
        @ForAll @DoubleRange(min = -1e6, max = 1e6) final double x,
        @ForAll @DoubleRange(min = -1e3, max = 1e3) final double mean,
        @ForAll @DoubleRange(min = 1, max = 1e6) final double sd,
        @ForAll @DoubleRange(min = 0.01, max = 1e3) final double scale)
    {
        final double z = Metrics.zScore(x, mean, sd);
        assertEquals(-z, Metrics.zScore(2 * mean - x, mean, sd), 1e-6 * Math.max(1, Math.abs(z)));
        assertEquals(z, Metrics.zScore(x * scale, mean * scale, sd * scale), 1e-6 * Math.max(1, Math.abs(z)));
        assertTrue(Math.abs(z) <= Metrics.Z_CAP);
    }

    @Property
    void ofiIsZeroWhenTheTopDoesNotChange(
        @ForAll @LongRange(min = 1, max = 1_000_000) final long bid,
        @ForAll @LongRange(min = 1, max = 1_000) final long spread,
        @ForAll @DoubleRange(min = 0, max = 1e6) final double bidQty,
        @ForAll @DoubleRange(min = 0, max = 1e6) final double askQty)
    {
        assertEquals(0.0, Metrics.ofiStep(bid, bidQty, bid + spread, askQty, bid, bidQty, bid + spread, askQty));
    }

    @Test
    void ofiFollowsContKukanovStoikov()
    {
        // Bid size grows by 3 at the same price: +3.
        assertEquals(3.0, Metrics.ofiStep(100, 5, 101, 7, 100, 8, 101, 7));
        // Bid price improves: the whole new bid size, 2, flows in.
        assertEquals(2.0, Metrics.ofiStep(100, 5, 102, 7, 101, 2, 102, 7));
        // Ask price drops to 101 with 4: sell pressure of 4.
        assertEquals(-4.0, Metrics.ofiStep(100, 5, 102, 7, 100, 5, 101, 4));
        // Bid level removed, next bid lower: the old bid size, 5, flowed out.
        assertEquals(-5.0, Metrics.ofiStep(100, 5, 102, 7, 99, 9, 102, 7));
    }

    @Test
    void spreadMidAndMicropriceByHand()
    {
        // bid 100.00, ask 100.10 (exponent -2): spread 10 ticks over mid 100.05.
        assertEquals(0.10 / 100.05 * 10_000, Metrics.spreadBps(10_000, 10_010), 1e-9);
        // 1 on the bid, 3 on the ask: the microprice leans to the bid.
        assertEquals((10_000.0 * 3 + 10_010.0 * 1) / 4, Metrics.micropriceMantissa(10_000, 1, 10_010, 3), 1e-9);
        assertEquals(-0.5, Metrics.imbalance(1, 3), 1e-12);
    }

    @Test
    void slippageWalksLevelsByHand()
    {
        // asks: 1 @ 100, 2 @ 101, 10 @ 110 (exponent 0); bid 99, so mid 99.5.
        final PriceLadder asks = PriceLadder.growing(false, 64);
        asks.set(101, 2);
        asks.set(100, 1);
        asks.set(110, 10);
        // 302 quote units: 1 @ 100 + 2 @ 101 = 3 units, average 100.6667.
        final double avg = 302.0 / 3.0;
        assertEquals((avg - 99.5) / 99.5 * 10_000, Metrics.slippageBps(asks, 99, 100, 302, 0, 0), 1e-9);
        // 50 quote units fill inside the first level at 100.
        assertEquals((100 - 99.5) / 99.5 * 10_000, Metrics.slippageBps(asks, 99, 100, 50, 0, 0), 1e-9);
        // More than the book holds (1402) cannot be filled.
        assertTrue(Double.isNaN(Metrics.slippageBps(asks, 99, 100, 1_403, 0, 0)));

        final PriceLadder bids = PriceLadder.growing(true, 64);
        bids.set(99, 1);
        bids.set(98, 1);
        // Selling 197: 1 @ 99 + 1 @ 98, average 98.5, one unit below mid.
        assertEquals(1.0 / 99.5 * 10_000, Metrics.slippageBps(bids, 99, 100, 197, 0, 0), 1e-9);
    }

    @Test
    void depthCountsOnlyLevelsInsideTheBand()
    {
        // mid 100.00 at exponent -2: bid 99.99 / ask 100.01; 10 bps = 0.10.
        final PriceLadder bids = PriceLadder.growing(true, 64);
        bids.set(9_999, 5);
        bids.set(9_990, 7);   // exactly mid - 10 bps: in
        bids.set(9_989, 11);  // just outside
        final PriceLadder asks = PriceLadder.growing(false, 64);
        asks.set(10_001, 2);
        asks.set(10_010, 3);  // exactly mid + 10 bps: in
        asks.set(10_011, 13);
        assertEquals(12, Metrics.depthQuantity(bids, 9_999, 10_001, 10));
        assertEquals(5, Metrics.depthQuantity(asks, 9_999, 10_001, 10));
        assertEquals(99.99 * 5 + 99.90 * 7, Metrics.depthNotional(bids, 9_999, 10_001, 10, -2, 0), 1e-9);
        assertFalse(Metrics.withinBand(true, 9_989, 9_999, 10_001, 10));
    }

    @Test
    void zScoreOffAFlatBaselineIsCapped()
    {
        assertEquals(Metrics.Z_CAP, Metrics.zScore(2, 1, 0));
        assertEquals(-Metrics.Z_CAP, Metrics.zScore(0, 1, 0));
        final RollingStats stats = new RollingStats(4);
        for (final double x : new double[]{1, 2, 3, 4, 100})
        {
            stats.add(x);
        }
        // The ring keeps 2, 3, 4, 100: mean 27.25.
        assertEquals(27.25, stats.mean(), 1e-12);
        assertEquals(new BigDecimal("42.0079").doubleValue(), stats.stddev(), 1e-3);
        assertTrue(Double.isNaN(new RollingStats(3).zScore(1, 1)));
    }

    @Test
    void bookSideKeepsBestFirst()
    {
        final PriceLadder bids = PriceLadder.growing(true, 64);
        for (long p = 1; p <= 200; p++)
        {
            bids.set(p, p);
        }
        bids.set(200, 0);
        bids.set(50, 0);
        bids.set(7, 0);
        bids.set(1_000, 0);
        assertEquals(197, bids.size());
        assertEquals(199, bids.price(0));
        for (int i = 1; i < bids.size(); i++)
        {
            assertTrue(bids.price(i) < bids.price(i - 1));
        }
    }
}
