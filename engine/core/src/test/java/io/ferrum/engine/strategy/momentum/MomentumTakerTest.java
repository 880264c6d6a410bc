package io.ferrum.engine.strategy.momentum;

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

class MomentumTakerTest
{
    private static final long S = 1_000_000_000L;
    private final Instrument instrument = new Instrument(1, "TESTUSDT", Venue.SIMULATED, -2, -3, 1, 1);

    private static MomentumParameters parameters()
    {
        return new MomentumParameters().strategyId(21).instrumentId(1).lookbackTrades(3).thresholdBps(10)
            .orderQuantity(100).maxPosition(200).holdNs(5 * S).cooldownNs(S);
    }

    @Test
    void buysARiseAndFlattensWhenTheHoldTimerFires()
    {
        final MomentumTaker taker = new MomentumTaker(parameters());
        final EngineHarness h = new EngineHarness(instrument, taker);
        h.trade(10_000, 1, 100 * S);
        h.trade(10_005, 1, 101 * S);
        assertEquals(List.of(), h.sent(), "window not full yet");
        h.trade(10_009, 1, 102 * S); // +9 bps: below the threshold
        assertEquals(List.of(), h.sent());
        h.trade(10_020, 1, 103 * S); // from 10 005: +14 bps
        assertEquals(List.of("new 1 BUY MARKET 0 qty=100"), h.sent());
        h.fill(1, 10_021, 100);
        assertEquals(1, h.timers.armed.size());
        assertEquals(108 * S, h.timers.armed.firstEntry().getValue().longValue());

        h.clearOutput();
        h.advanceTo(107 * S);
        assertEquals(List.of(), h.sent());
        h.advanceTo(108 * S);
        assertEquals(List.of("new 2 SELL MARKET 0 qty=100 reduceOnly"), h.sent());
        h.fill(2, 10_031, 100);
        assertEquals(0, h.engine.portfolio().quantity(21, 1));
        assertEquals(10 * 100 * 1000L, h.engine.portfolio().realizedPnl(21)); // 0.10 * 0.1 = 0.01 at -8
        assertEquals(1, taker.entries());
        assertEquals(1, taker.exits());
    }

    @Test
    void sellsAFallRespectsCooldownAndMaxPosition()
    {
        final EngineHarness h = new EngineHarness(instrument, new MomentumTaker(parameters()));
        h.trade(10_000, 1, 100 * S);
        h.trade(9_995, 1, 100 * S + 1);
        h.trade(9_980, 1, 100 * S + 2); // -20 bps
        assertEquals(List.of("new 1 SELL MARKET 0 qty=100"), h.sent());
        h.fill(1, 9_980, 100);
        h.clearOutput();
        h.trade(9_960, 1, 100 * S + 3); // still falling, inside the cooldown
        assertEquals(List.of(), h.sent());
        h.trade(9_940, 1, 101 * S + 3);
        assertEquals(List.of("new 2 SELL MARKET 0 qty=100"), h.sent());
        h.fill(2, 9_940, 100);
        h.clearOutput();
        h.trade(9_900, 1, 103 * S); // at -200: the limit
        assertEquals(List.of(), h.sent());
    }

    @Test
    void restoredStrategyContinuesIdentically()
    {
        final MomentumTaker a = new MomentumTaker(parameters());
        final EngineHarness ha = new EngineHarness(instrument, a);
        ha.trade(10_000, 1, 100 * S);
        ha.trade(10_001, 1, 101 * S);
        final MomentumTaker b = new MomentumTaker(parameters());
        final EngineHarness hb = new EngineHarness(instrument, b);
        hb.restoreFrom(ha);
        for (final EngineHarness h : List.of(ha, hb))
        {
            h.clearOutput();
            h.trade(10_030, 1, 102 * S);
        }
        assertEquals(List.of("new 1 BUY MARKET 0 qty=100"), hb.sent());
        assertEquals(ha.sent(), hb.sent());
        assertEquals(ha.engine.stateHash(), hb.engine.stateHash());
        assertThrows(IllegalStateException.class, () -> new EngineHarness(instrument,
            new MomentumTaker(parameters().lookbackTrades(4))).restoreFrom(ha));
    }

    @Test
    void parametersFromKeys()
    {
        final Map<String, String> values = new HashMap<>(Map.of(
            "mo.instrumentId", "1", "mo.orderQuantity", "100", "mo.maxPosition", "300", "mo.thresholdBps", "25"));
        assertEquals(2, new MomentumTaker(MomentumParameters.from(new StrategyParameters(values, "mo."))).strategyId());
        values.put("mo.lookbackTrades", "1");
        assertThrows(IllegalArgumentException.class, () -> MomentumParameters.from(new StrategyParameters(values, "mo.")));
        values.put("mo.lookbackTrades", "20");
        values.put("mo.lookback", "20");
        assertThrows(IllegalArgumentException.class, () -> MomentumParameters.from(new StrategyParameters(values, "mo.")));
    }
}
