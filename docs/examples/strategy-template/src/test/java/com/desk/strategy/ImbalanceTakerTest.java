package com.desk.strategy;

import io.ferrum.strategy.OrderType;
import io.ferrum.strategy.Side;
import io.ferrum.strategy.StrategyParameters;
import io.ferrum.strategy.testkit.SentOrder;
import io.ferrum.strategy.testkit.StrategyTestKit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImbalanceTakerTest
{
    private static final int DENT = 4;

    private static StrategyTestKit kit(final String ratioPercent)
    {
        final StrategyParameters parameters = new StrategyParameters(Map.of(
            "strategy.t.strategyId", "7", "strategy.t.instrumentId", "4", "strategy.t.size", "1000000000",
            "strategy.t.ratioPercent", ratioPercent), "strategy.t.");
        return new StrategyTestKit(new StrategyTestKit.Context()
            .instrument("DENTUSDT", DENT, -8, -8, 1, 1)
            .strategy(new ImbalanceTaker(parameters)));
    }

    @Test
    void buysWhenTheBidLeansAndSellsOutWhenTheAskDoes()
    {
        final StrategyTestKit kit = kit("300");
        kit.book(DENT, 2_100_000, 10_000_000_000L, 2_100_100, 2_000_000_000L);
        final SentOrder buy = kit.takeSent().get(0);
        assertEquals(Side.BUY, buy.side());
        assertEquals(OrderType.MARKET, buy.type());
        assertEquals(1_000_000_000L, buy.quantity());
        kit.fill(buy.clientOrderId(), 2_100_100, buy.quantity(), 0, false);
        assertEquals(1_000_000_000L, kit.position(7, DENT).quantity());

        kit.book(DENT, 2_100_500, 1_000_000_000L, 2_100_600, 9_000_000_000L);
        final SentOrder sell = kit.takeSent().get(0);
        assertEquals(Side.SELL, sell.side());
        assertTrue(sell.reduceOnly());
        kit.fill(sell.clientOrderId(), 2_100_500, sell.quantity(), 0, false);
        assertEquals(0, kit.position(7, DENT).quantity());
        // 10 DENT * (0.02100500 - 0.02100100) = 0.00004 USDT
        assertEquals(4_000, kit.realizedPnl(7));
    }

    @Test
    void aBalancedBookSendsNothing()
    {
        final StrategyTestKit kit = kit("300");
        kit.book(DENT, 2_100_000, 5_000_000_000L, 2_100_100, 4_000_000_000L);
        assertEquals(List.of(), kit.sent());
    }

    @Test
    void invalidParametersAreRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> kit("100"));
    }
}
