package io.ferrum.risk;

import io.ferrum.codecs.sbe.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ferrum.risk.Risk.BTC;
import static io.ferrum.risk.Risk.ETH;
import static io.ferrum.risk.Risk.NS;
import static io.ferrum.risk.Risk.T0;
import static io.ferrum.risk.Risk.e8;
import static io.ferrum.risk.TestPortfolio.PE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StopLossTest
{
    record Trigger(int strategy, int instrument, StopRule rule, long position, long price, long level, long time)
    {
    }

    private final TestPortfolio portfolio = new TestPortfolio(8, 16, e8("1000000"));
    private final List<Trigger> triggers = new ArrayList<>();

    private RiskManager manager(final String config)
    {
        return Risk.manager(config, (s, i, rule, position, price, level, time) ->
            triggers.add(new Trigger(s, i, rule, position, price, level, time)));
    }

    private void fill(final RiskManager risk, final int s, final int i, final Side side, final String price,
        final String qty, final long time)
    {
        portfolio.fill(s, i, side, e8(price), e8(qty));
        risk.onFill(s, i, PE, e8(price), time, portfolio);
    }

    private void price(final RiskManager risk, final int i, final String price, final long time)
    {
        portfolio.reference(i, e8(price));
        risk.onPrice(i, time, portfolio);
    }

    @Test
    void fixedStopInBpsFromEntryForLongAndShort()
    {
        final RiskManager risk = manager("risk.global.stop_loss_bps = 200\n");
        fill(risk, 1, BTC, Side.BUY, "50000", "1", T0);
        price(risk, BTC, "49001", T0 + 1);
        assertTrue(triggers.isEmpty());
        price(risk, BTC, "49000", T0 + 2);
        assertEquals(List.of(new Trigger(1, BTC, StopRule.FIXED, e8("1"), e8("49000"), e8("49000"), T0 + 2)), triggers);

        triggers.clear();
        fill(risk, 2, ETH, Side.SELL, "3000", "2", T0);
        price(risk, ETH, "3059", T0 + 3);
        assertTrue(triggers.isEmpty());
        price(risk, ETH, "3060", T0 + 4);
        assertEquals(List.of(new Trigger(2, ETH, StopRule.FIXED, e8("-2"), e8("3060"), e8("3060"), T0 + 4)), triggers);
    }

    @Test
    void fixedStopByAmountPerInstrument()
    {
        final RiskManager risk = manager("risk.instrument.BTCUSDT.stop_loss_amount = 250.5\n");
        fill(risk, 1, BTC, Side.BUY, "50000", "1", T0);
        price(risk, BTC, "49749.51", T0 + 1);
        assertTrue(triggers.isEmpty());
        price(risk, BTC, "49749.5", T0 + 2);
        assertEquals(StopRule.FIXED, triggers.get(0).rule());
    }

    @Test
    void trailingStopFollowsTheBestPrice()
    {
        final RiskManager risk = manager("risk.strategy.1.trailing_stop_bps = 100\n");
        fill(risk, 1, BTC, Side.BUY, "50000", "1", T0);
        price(risk, BTC, "52000", T0 + 1);
        price(risk, BTC, "51481", T0 + 2); // 52000 - 1% = 51480
        assertTrue(triggers.isEmpty());
        price(risk, BTC, "51480", T0 + 3);
        assertEquals(List.of(new Trigger(1, BTC, StopRule.TRAILING, e8("1"), e8("51480"), e8("51480"), T0 + 3)),
            triggers);
        fill(risk, 2, BTC, Side.BUY, "50000", "1", T0 + 4); // strategy 2 has no trailing stop
        price(risk, BTC, "40000", T0 + 5);
        assertEquals(1, triggers.size());
    }

    @Test
    void trailingAmountForAShort()
    {
        final RiskManager risk = manager("risk.instrument.ETHUSDT.trailing_stop_amount = 50\n");
        fill(risk, 1, ETH, Side.SELL, "3000", "1", T0);
        price(risk, ETH, "2900", T0 + 1);
        price(risk, ETH, "2949", T0 + 2);
        assertTrue(triggers.isEmpty());
        price(risk, ETH, "2950", T0 + 3);
        assertEquals(StopRule.TRAILING, triggers.get(0).rule());
        assertEquals(e8("2950"), triggers.get(0).level());
    }

    @Test
    void timeStopClosesAfterHoldingPeriodFromOpenNotFromAdds()
    {
        final RiskManager risk = manager("risk.global.max_holding_seconds = 60\n");
        price(risk, BTC, "50000", T0);
        fill(risk, 1, BTC, Side.BUY, "50000", "1", T0);
        fill(risk, 1, BTC, Side.BUY, "50000", "1", T0 + 30 * NS);
        risk.onTimer(T0 + 60 * NS - 1, portfolio);
        assertTrue(triggers.isEmpty());
        risk.onTimer(T0 + 60 * NS, portfolio);
        assertEquals(List.of(new Trigger(1, BTC, StopRule.TIME, e8("2"), e8("50000"), T0 + 60 * NS, T0 + 60 * NS)),
            triggers);
    }

    @Test
    void aFiredStopRepeatsAfterTheRetryIntervalWhileOpenAndStopsWhenFlat()
    {
        final RiskManager risk = manager("risk.global.stop_loss_bps = 100\nrisk.stop.retry_ms = 500\n");
        fill(risk, 1, BTC, Side.BUY, "50000", "1", T0);
        price(risk, BTC, "49000", T0 + NS);
        price(risk, BTC, "48900", T0 + NS + 1);
        assertEquals(1, triggers.size(), "not again before the retry interval");
        risk.onTimer(T0 + NS + 500_000_000L, portfolio);
        assertEquals(2, triggers.size());
        fill(risk, 1, BTC, Side.SELL, "48900", "1", T0 + 2 * NS);
        risk.onTimer(T0 + 10 * NS, portfolio);
        price(risk, BTC, "10000", T0 + 11 * NS);
        assertEquals(2, triggers.size());
    }

    @Test
    void everyStrategyWithAPositionIsEvaluatedWhateverItsIdAndWhoeverClosedBefore()
    {
        final RiskManager risk = manager("risk.global.stop_loss_bps = 100\n");
        fill(risk, 1, BTC, Side.BUY, "50000", "1", T0);
        fill(risk, 7, BTC, Side.BUY, "50000", "1", T0);
        fill(risk, 1, BTC, Side.SELL, "50000", "1", T0 + 1); // the lower id closes first
        price(risk, BTC, "49500", T0 + 2);
        assertEquals(List.of(new Trigger(7, BTC, StopRule.FIXED, e8("1"), e8("49500"), e8("49500"), T0 + 2)), triggers);

        triggers.clear();
        fill(risk, 7, BTC, Side.SELL, "49500", "1", T0 + 3); // nothing open any more
        fill(risk, 3, ETH, Side.SELL, "3000", "1", T0 + 4);
        price(risk, ETH, "3030", T0 + 5);
        assertEquals(List.of(new Trigger(3, ETH, StopRule.FIXED, e8("-1"), e8("3030"), e8("3030"), T0 + 5)), triggers);

        // a restored monitor knows its positions' strategies without any fill after the restore
        final org.agrona.ExpandableArrayBuffer buffer = new org.agrona.ExpandableArrayBuffer(64);
        final int length = risk.snapshotTo(buffer, 0);
        final RiskManager restored = manager("risk.global.stop_loss_bps = 100\nrisk.stop.retry_ms = 1\n");
        restored.restoreFrom(buffer, 0, length);
        triggers.clear();
        price(restored, ETH, "3040", T0 + NS);
        assertEquals(List.of(new Trigger(3, ETH, StopRule.FIXED, e8("-1"), e8("3040"), e8("3030"), T0 + NS)), triggers);
    }

    @Test
    void flipStartsANewPositionWithItsOwnEntry()
    {
        final RiskManager risk = manager("risk.global.stop_loss_bps = 100\n");
        fill(risk, 1, BTC, Side.BUY, "50000", "1", T0);
        fill(risk, 1, BTC, Side.SELL, "49600", "3", T0 + 1); // now short 2 from 49600
        price(risk, BTC, "49000", T0 + 2);
        assertTrue(triggers.isEmpty(), "a short gains when the price falls");
        price(risk, BTC, "50096", T0 + 3);
        assertEquals(StopRule.FIXED, triggers.get(0).rule());
        assertEquals(e8("-2"), triggers.get(0).position());
    }

    @Test
    void volatilityStopUsesRollingIntegerVolatility()
    {
        final RiskManager risk = manager("risk.global.volatility_stop_multiple = 3\nrisk.volatility.window = 4\n" +
            "risk.volatility.sample_interval_ms = 1000\n");
        // returns of +-1% per second: volatility 10000 ppm
        final String[] prices = { "50000", "50500", "49995", "50494.95", "49990.0005" };
        long t = T0;
        for (final String p : prices)
        {
            price(risk, BTC, p, t);
            t += NS;
        }
        assertEquals(10_000, risk.volatilityPpm(BTC));
        t -= NS; // back to the last sample's second: the next prices are not sampled
        fill(risk, 1, BTC, Side.BUY, "50000", "1", t);
        price(risk, BTC, "48501", t + 1); // stop at 50000 - 3 * 1% of 50000 = 48500
        assertTrue(triggers.isEmpty());
        price(risk, BTC, "48500", t + 2);
        assertEquals(StopRule.VOLATILITY, triggers.get(0).rule());
        assertEquals(e8("48500"), triggers.get(0).level());
    }

    @Test
    void volatilityIsNotUsedBeforeTheWindowIsFull()
    {
        final RiskManager risk = manager("risk.global.volatility_stop_multiple = 1\nrisk.volatility.window = 10\n");
        price(risk, BTC, "50000", T0);
        price(risk, BTC, "51000", T0 + NS);
        assertEquals(-1, risk.volatilityPpm(BTC));
        fill(risk, 1, BTC, Side.BUY, "51000", "1", T0 + NS);
        price(risk, BTC, "20000", T0 + NS + 1);
        assertTrue(triggers.isEmpty());
    }
}
