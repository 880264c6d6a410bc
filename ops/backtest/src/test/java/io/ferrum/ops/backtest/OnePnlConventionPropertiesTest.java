package io.ferrum.ops.backtest;

import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.order.Portfolio;
import io.ferrum.engine.order.Position;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One P&amp;L convention: for random fills (buys and sells that open, add to, reduce, close and flip
 * positions, with fees and rebates), the backtest's ledger and the engine's own portfolio agree to
 * the unit on position, cost basis, realized P&amp;L and fees; and the ledger's cash is exactly the
 * start less the cost of what it holds plus realized P&amp;L less fees.
 */
class OnePnlConventionPropertiesTest
{
    private static final int FEE_EXPONENT = -10;

    record Fill(boolean buy, long price, long quantity, long feeAtFeeExponent)
    {
    }

    @Provide
    Arbitrary<List<Fill>> fills()
    {
        final Arbitrary<Fill> fill = Combinators.combine(
            Arbitraries.of(true, false),
            Arbitraries.longs().between(1, 100_000_000L),   // price at -2: up to 1 000 000.00
            Arbitraries.longs().between(1, 100_000_000L),   // quantity at -5: up to 1 000 (notional < 1e9, in a long)
            Arbitraries.longs().between(-1_000_000_000L, 100_000_000_000L))
            .as(Fill::new);
        return fill.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 500)
    void theBacktestAndTheEngineAgreeToTheUnit(@ForAll("fills") final List<Fill> fills)
    {
        final Instrument instrument = new Instrument(3, "BTCUSDT", Venue.SIMULATED, -2, -5, 1, 1);
        final Portfolio engine = new Portfolio(StrategyLedger.MONEY_EXPONENT, 0, 4);
        final Position position = engine.getOrCreate(7, instrument);
        final long initialCash = 100_000_000_000_000_000L;
        final StrategyLedger ledger = new StrategyLedger(7, initialCash);
        long time = 0;
        for (final Fill fill : fills)
        {
            // the fee as both receive it: an execution report's fee at its exponent, rescaled to money
            final long fee = Money.rescale(fill.feeAtFeeExponent(), FEE_EXPONENT, StrategyLedger.MONEY_EXPONENT);
            position.applyFill(fill.buy() ? Side.BUY : Side.SELL, fill.price(), fill.quantity(), fee);
            ledger.onFill(++time, instrument.instrumentId(), -2, -5, fill.buy(), fill.price(), fill.quantity(), fee, 0);
        }
        final Position backtest = ledger.positions().get(0);
        assertEquals(position.quantity(), backtest.quantity(), "position");
        assertEquals(position.costBasis(), backtest.costBasis(), "cost basis");
        assertEquals(engine.realizedPnl(7), ledger.realizedPnl(), "realized P&L");
        assertEquals(engine.fees(7), ledger.fees(), "fees");
        assertEquals(initialCash - position.costBasis() + engine.realizedPnl(7) - engine.fees(7), ledger.cash(),
            "cash is the start less what is held at cost plus realized less fees");
    }
}
