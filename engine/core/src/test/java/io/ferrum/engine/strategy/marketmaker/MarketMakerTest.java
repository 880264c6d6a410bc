package io.ferrum.engine.strategy.marketmaker;

import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.EngineHarness;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.strategy.StrategyParameters;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarketMakerTest
{
    // Price exponent -2 (tick 0.01), size exponent -3, lot 0.001.
    private final Instrument instrument = new Instrument(1, "TESTUSDT", Venue.SIMULATED, -2, -3, 1, 1);

    private static MarketMakerParameters parameters()
    {
        return new MarketMakerParameters().strategyId(11).instrumentId(1).quoteQuantity(100).maxPosition(400)
            .halfSpreadTicks(2).maxSkewTicks(4).requoteTicks(1);
    }

    @Test
    void quotesPostOnlyAroundTheMid()
    {
        final EngineHarness h = new EngineHarness(instrument, new MarketMaker(parameters()));
        h.book(10_000, 5_000, 10_010, 5_000); // mid 100.05
        assertEquals(List.of("new 1 BUY LIMIT 10003 qty=100 postOnly", "new 2 SELL LIMIT 10007 qty=100 postOnly"),
            h.sent());
        h.clearOutput();
        h.book(10_000, 6_000, 10_010, 4_000); // same mid: nothing to do
        assertEquals(List.of(), h.sent());
    }

    @Test
    void inventorySkewsBothQuotesAgainstThePosition()
    {
        final MarketMaker mm = new MarketMaker(parameters());
        final EngineHarness h = new EngineHarness(instrument, mm);
        h.book(10_000, 5_000, 10_010, 5_000);
        h.ack(1);
        h.ack(2);
        h.fill(1, 10_003, 100); // long 0.100 of a 0.400 limit: skew 4 * 100 / 400 = 1 tick down
        h.clearOutput();
        h.book(10_000, 5_000, 10_010, 5_000);
        assertEquals(List.of("new 3 BUY LIMIT 10002 qty=100 postOnly", "replace 2->4 10006 qty=100"), h.sent());
        assertEquals(4, mm.askOrderId());

        h.ack(3);
        h.ack(4);
        assertEquals(4, mm.askOrderId());
        h.fill(3, 10_002, 100);
        h.fill(4, 10_006, 100); // back to 0.100 long after buying 0.200 and selling 0.100
        assertEquals(100, h.engine.portfolio().quantity(11, 1));
        // Realized: sold 0.1 @ 100.06 against an average of 100.025 -> 0.0035 USDT at exponent -8.
        assertEquals(350_000, h.engine.portfolio().realizedPnl(11));
    }

    @Test
    void stopsQuotingTheSideThatWouldBreachTheLimit()
    {
        final EngineHarness h = new EngineHarness(instrument,
            new MarketMaker(parameters().quoteQuantity(200).maxPosition(200).maxSkewTicks(0)));
        h.book(10_000, 5_000, 10_010, 5_000);
        h.ack(1);
        h.ack(2);
        h.fill(1, 10_003, 200); // at the limit: no more bids
        h.clearOutput();
        h.book(10_000, 5_000, 10_010, 5_000);
        assertEquals(List.of(), h.sent(), "the ask stays, no new bid");
    }

    @Test
    void pullsQuotesWhenTheBookIsOneSided()
    {
        final EngineHarness h = new EngineHarness(instrument, new MarketMaker(parameters()));
        h.book(10_000, 5_000, 10_010, 5_000);
        h.ack(1);
        h.ack(2);
        h.clearOutput();
        h.book(10_000, 5_000, 0, 0);
        assertEquals(List.of("cancel 1", "cancel 2"), h.sent());
        h.clearOutput();
        h.book(10_000, 5_000, 0, 0);
        assertEquals(List.of(), h.sent(), "a cancel is requested once");
    }

    @Test
    void pullsQuotesWhileTheFeedIsStaleAndQuotesAgainWhenItRecovers()
    {
        final EngineHarness h = new EngineHarness(instrument, new MarketMaker(parameters()));
        h.book(10_000, 5_000, 10_010, 5_000);
        h.ack(1);
        h.ack(2);
        h.feedState(io.ferrum.codecs.sbe.FeedState.STALE);
        h.clearOutput();
        h.book(10_000, 5_000, 10_010, 5_000);
        assertEquals(List.of("cancel 1", "cancel 2"), h.sent());
        h.canceled(1);
        h.canceled(2);
        h.feedState(io.ferrum.codecs.sbe.FeedState.IN_SYNC);
        h.clearOutput();
        h.book(10_000, 5_000, 10_010, 5_000);
        assertEquals(List.of("new 3 BUY LIMIT 10003 qty=100 postOnly", "new 4 SELL LIMIT 10007 qty=100 postOnly"),
            h.sent());
    }

    @Test
    void seededSizeJitterIsRestoredFromTheSnapshot()
    {
        final MarketMaker a = new MarketMaker(parameters().sizeJitterLots(50).seed(42));
        final EngineHarness ha = new EngineHarness(instrument, a);
        ha.book(10_000, 5_000, 10_010, 5_000);
        final MarketMaker b = new MarketMaker(parameters().sizeJitterLots(50).seed(42));
        final EngineHarness hb = new EngineHarness(instrument, b);
        hb.restoreFrom(ha);
        for (final EngineHarness h : List.of(ha, hb))
        {
            h.clearOutput();
            h.canceled(1);
            h.canceled(2);
            h.book(10_000, 5_000, 10_010, 5_000);
        }
        assertEquals(2, hb.sent().size());
        assertEquals(ha.sent(), hb.sent());
        assertEquals(ha.engine.stateHash(), hb.engine.stateHash());
    }

    @Test
    void parametersFromKeysAndValidation()
    {
        final Map<String, String> values = new HashMap<>(Map.of(
            "mm.strategyId", "5", "mm.instrumentId", "1", "mm.quoteQuantity", "100", "mm.maxPosition", "1000",
            "other.key", "ignored"));
        final MarketMaker mm = new MarketMaker(MarketMakerParameters.from(new StrategyParameters(values, "mm.")));
        assertEquals(5, mm.strategyId());
        values.put("mm.maxPosition", "10");
        assertThrows(IllegalArgumentException.class, () -> MarketMakerParameters.from(new StrategyParameters(values, "mm.")));
        values.put("mm.maxPosition", "1000");
        values.put("mm.halfSpredTicks", "3");
        final String message = assertThrows(IllegalArgumentException.class,
            () -> MarketMakerParameters.from(new StrategyParameters(values, "mm."))).getMessage();
        assertTrue(message.startsWith("unknown key 'mm.halfSpredTicks', expected mm.<one of ["), message);
        assertTrue(message.contains("halfSpreadTicks"), message);
        values.remove("mm.halfSpredTicks");
        values.put("mm.quoteQuantity", "1e3");
        assertEquals("mm.quoteQuantity must be an integer: '1e3'",
            assertThrows(IllegalArgumentException.class, () -> MarketMakerParameters.from(new StrategyParameters(values, "mm."))).getMessage());
    }
}
