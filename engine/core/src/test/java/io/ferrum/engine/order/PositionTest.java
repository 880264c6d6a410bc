package io.ferrum.engine.order;

import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.instrument.Instrument;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PositionTest
{
    // Price exponent -2, size exponent -3, money exponent -4.
    private final Instrument instrument = new Instrument(7, "ABCUSD", Venue.SIMULATED, -2, -3, 1, 1);

    @Test
    void averageCostRealizedAndUnrealized()
    {
        final Position p = new Position(1, instrument, -4);
        // Buy 2.000 @ 100.00 then 1.000 @ 103.00: cost 303.0000, average 101.00.
        assertEquals(0, p.applyFill(Side.BUY, 10_000, 2_000, 0));
        assertEquals(0, p.applyFill(Side.BUY, 10_300, 1_000, 0));
        assertEquals(3_000, p.quantity());
        assertEquals(3_030_000, p.costBasis());
        assertEquals(10_100, p.averagePrice());
        // Marked at 102.00: 306 - 303 = 3.0000.
        assertEquals(30_000, p.unrealizedPnl(10_200));

        // Sell 1.500 @ 105.00: realized (105 - 101) * 1.5 = 6.0000; fee 0.1000 kept apart.
        assertEquals(60_000, p.applyFill(Side.SELL, 10_500, 1_500, 1_000));
        assertEquals(1_500, p.quantity());
        assertEquals(1_515_000, p.costBasis());
        assertEquals(60_000, p.realizedPnl());
        assertEquals(1_000, p.fees());

        // Sell 2.500 @ 99.00: closes 1.500 (realized (99 - 101) * 1.5 = -3.0000) and opens short 1.000 @ 99.00.
        assertEquals(-30_000, p.applyFill(Side.SELL, 9_900, 2_500, 0));
        assertEquals(-1_000, p.quantity());
        assertEquals(-990_000, p.costBasis());
        assertEquals(9_900, p.averagePrice());
        assertEquals(30_000, p.realizedPnl());
        // Short 1 @ 99 marked at 97: +2.0000.
        assertEquals(20_000, p.unrealizedPnl(9_700));

        // Buy back 1.000 @ 98.00: realized +1.0000; flat, no cost left.
        assertEquals(10_000, p.applyFill(Side.BUY, 9_800, 1_000, 0));
        assertEquals(0, p.quantity());
        assertEquals(0, p.costBasis());
        assertEquals(40_000, p.realizedPnl());
        assertEquals(5, p.fillCount());
        assertEquals(3_000, p.boughtQuantity() - 1_000);
        assertEquals(4_000, p.soldQuantity());
    }

    @Test
    void realizedPnlIsPathIndependentForRoundTrips()
    {
        // Whatever the split of fills, buying N then selling N realizes sum(sell) - sum(buy).
        final Position p = new Position(1, instrument, -4);
        p.applyFill(Side.BUY, 10_001, 1_000, 0);
        p.applyFill(Side.BUY, 10_003, 2_000, 0);
        p.applyFill(Side.BUY, 10_007, 4_000, 0);
        p.applyFill(Side.SELL, 10_011, 3_000, 0);
        p.applyFill(Side.SELL, 10_002, 4_000, 0);
        final long bought = 10_001L * 1_000 + 10_003L * 2_000 + 10_007L * 4_000;
        final long sold = 10_011L * 3_000 + 10_002L * 4_000;
        // At exponent -5 (price -2 + size -3); money is -4: divide by 10. Truncation of the average may cost a unit.
        final long expected = (sold - bought) / 10;
        assertEquals(0, p.quantity());
        assertEquals(expected, p.realizedPnl(), 1);
    }
}
