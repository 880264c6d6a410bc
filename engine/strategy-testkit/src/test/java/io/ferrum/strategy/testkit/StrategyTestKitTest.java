package io.ferrum.strategy.testkit;

import io.ferrum.engine.strategy.marketmaker.MarketMaker;
import io.ferrum.engine.strategy.marketmaker.MarketMakerParameters;
import io.ferrum.engine.strategy.momentum.MomentumParameters;
import io.ferrum.engine.strategy.momentum.MomentumTaker;
import io.ferrum.strategy.OrderType;
import io.ferrum.strategy.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategyTestKitTest
{
    private static final int BTC = 1;

    @TempDir
    Path dir;

    private static StrategyTestKit.Context btc()
    {
        // prices at -2 (cents, tick 1), quantities at -8 (lot 0.00001 BTC)
        return new StrategyTestKit.Context().instrument("BTCUSDT", BTC, -2, -8, 1, 1_000);
    }

    @Test
    void aMarketMakerQuotesBothSidesAndItsFillBecomesItsPosition()
    {
        final StrategyTestKit kit = new StrategyTestKit(btc().strategy(new MarketMaker(new MarketMakerParameters()
            .strategyId(1).instrumentId(BTC).quoteQuantity(100_000).maxPosition(1_000_000).halfSpreadTicks(2))));
        kit.book(BTC, 6_500_000, 50_000_000, 6_500_010, 50_000_000);
        final List<SentOrder> quotes = kit.takeSent();
        assertEquals(2, quotes.size());
        final SentOrder bid = quotes.get(0);
        assertEquals(Side.BUY, bid.side());
        assertEquals(OrderType.LIMIT, bid.type());
        assertEquals(6_500_003, bid.price());
        assertTrue(bid.postOnly());
        assertEquals(Side.SELL, quotes.get(1).side());
        assertEquals(6_500_007, quotes.get(1).price());

        kit.ack(bid.clientOrderId()).ack(quotes.get(1).clientOrderId());
        kit.fill(bid.clientOrderId(), bid.price(), bid.quantity(), 6_500, true);
        assertEquals(100_000, kit.position(1, BTC).quantity());
        assertEquals(6_500, kit.fees(1));
        assertEquals(0, kit.rejects());
        assertEquals(0, kit.strategyErrors());
    }

    @Test
    void aMomentumEntryIsFlattenedByItsTimerWithRealizedPnl()
    {
        final StrategyTestKit kit = new StrategyTestKit(btc().strategy(new MomentumTaker(new MomentumParameters()
            .strategyId(2).instrumentId(BTC).lookbackTrades(2).thresholdBps(5).orderQuantity(100_000)
            .maxPosition(100_000).holdNs(10_000_000_000L).cooldownNs(0))));
        kit.book(BTC, 6_500_000, 50_000_000, 6_500_010, 50_000_000);
        kit.trade(BTC, 6_500_000, 1_000, Side.BUY).trade(BTC, 6_510_000, 1_000, Side.BUY);
        final SentOrder entry = kit.takeSent().get(0);
        assertEquals(Side.BUY, entry.side());
        assertEquals(OrderType.MARKET, entry.type());
        kit.fill(entry.clientOrderId(), 6_510_000, 100_000);

        kit.advanceTo(kit.timeNs() + 10_000_000_000L);
        final SentOrder exit = kit.takeSent().get(0);
        assertEquals(Side.SELL, exit.side());
        assertTrue(exit.reduceOnly());
        kit.fill(exit.clientOrderId(), 6_520_000, 100_000);
        assertEquals(0, kit.position(2, BTC).quantity());
        // 0.001 BTC * (65 200 - 65 100) = 0.1 USDT at the money exponent -8
        assertEquals(10_000_000, kit.realizedPnl(2));
    }

    @Test
    void riskLimitsFromAFileRefuseWhatTheyForbid() throws Exception
    {
        final Path limits = dir.resolve("risk.properties");
        Files.writeString(limits, "risk.global.max_order_notional = 10\n");
        final StrategyTestKit kit = new StrategyTestKit(btc().riskConfig(limits).strategy(new MarketMaker(
            new MarketMakerParameters().strategyId(1).instrumentId(BTC).quoteQuantity(100_000).maxPosition(1_000_000))));
        kit.book(BTC, 6_500_000, 50_000_000, 6_500_010, 50_000_000);
        assertEquals(List.of(), kit.sent(), "65 USDT orders above a 10 USDT limit");
        assertEquals(2, kit.rejects());
    }

    @Test
    void theKitNeedsAnInstrumentAndAStrategyAndRefusesUnknownOnes()
    {
        assertThrows(IllegalStateException.class, () -> new StrategyTestKit(new StrategyTestKit.Context()));
        assertThrows(IllegalStateException.class, () -> new StrategyTestKit(btc()));
        final StrategyTestKit kit = new StrategyTestKit(btc().strategy(new MarketMaker(new MarketMakerParameters()
            .strategyId(1).instrumentId(BTC).quoteQuantity(100_000).maxPosition(1_000_000))));
        assertThrows(IllegalArgumentException.class, () -> kit.trade(9, 1, 1, Side.BUY));
        assertThrows(IllegalArgumentException.class, () -> kit.fill(42, 1, 1));
    }
}
