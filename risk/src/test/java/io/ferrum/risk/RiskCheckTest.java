package io.ferrum.risk;

import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.Side;
import org.junit.jupiter.api.Test;

import static io.ferrum.risk.Risk.BTC;
import static io.ferrum.risk.Risk.ETH;
import static io.ferrum.risk.Risk.NS;
import static io.ferrum.risk.Risk.T0;
import static io.ferrum.risk.Risk.e8;
import static io.ferrum.risk.TestPortfolio.PE;
import static io.ferrum.risk.TestPortfolio.SE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiskCheckTest
{
    private static final long BTC_PRICE = e8("50000");
    private final TestPortfolio portfolio = new TestPortfolio(8, 16, e8("1000000"));
    private final RiskOrder order = new RiskOrder();

    RiskCheckTest()
    {
        portfolio.reference(BTC, BTC_PRICE);
        portfolio.reference(ETH, e8("3000"));
    }

    private RiskOrder limit(final int strategy, final int instrument, final Side side, final String price, final String qty)
    {
        return order.newOrder(strategy, instrument, 42, side, OrderType.LIMIT, PE, e8(price), SE, e8(qty), false);
    }

    private static void assertReject(
        final RiskManager risk, final RiskRejectReason reason, final long observed, final long limit)
    {
        final RiskDecision d = risk.decision();
        assertFalse(d.accepted(), "expected a reject");
        assertEquals(reason, d.reason(), d.toString());
        assertEquals(observed, d.observed(), d.toString());
        assertEquals(limit, d.limit(), d.toString());
    }

    @Test
    void acceptsEverythingWithoutLimits()
    {
        final RiskManager risk = Risk.manager("");
        assertTrue(risk.check(limit(1, BTC, Side.BUY, "50000", "1000"), portfolio, T0));
        assertTrue(risk.decision().accepted());
    }

    @Test
    void maxOrderQuantityPerInstrumentAndStrategyTightestWins()
    {
        final RiskManager risk = Risk.manager(
            "risk.instrument.BTCUSDT.max_order_quantity = 2\nrisk.strategy.1.max_order_quantity = 1.5\n");
        assertTrue(risk.check(limit(1, BTC, Side.BUY, "50000", "1.5"), portfolio, T0));
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "50000", "1.50000001"), portfolio, T0));
        assertReject(risk, RiskRejectReason.MAX_ORDER_QUANTITY, e8("1.50000001"), e8("1.5"));
        assertEquals(Scope.STRATEGY, risk.decision().scope());
        assertEquals(RiskManager.QUANTITY_EXPONENT, risk.decision().valueExponent());

        assertTrue(risk.check(limit(2, BTC, Side.SELL, "50000", "2"), portfolio, T0));
        assertFalse(risk.check(limit(2, BTC, Side.SELL, "50000", "2.1"), portfolio, T0));
        assertEquals(Scope.INSTRUMENT, risk.decision().scope());
        assertEquals(BTC, risk.decision().scopeTarget());
        assertTrue(risk.check(limit(2, ETH, Side.SELL, "3000", "100"), portfolio, T0), "other instrument unaffected");
    }

    @Test
    void quantityAtAnotherExponentIsCompared()
    {
        final RiskManager risk = Risk.manager("risk.instrument.BTCUSDT.max_order_quantity = 2\n");
        // 2.001 at exponent -3 is 2001
        assertFalse(risk.check(
            order.newOrder(1, BTC, 1, Side.BUY, OrderType.LIMIT, -2, 5_000_000, -3, 2001, false), portfolio, T0));
        assertReject(risk, RiskRejectReason.MAX_ORDER_QUANTITY, e8("2.001"), e8("2"));
        assertTrue(risk.check(
            order.newOrder(1, BTC, 1, Side.BUY, OrderType.LIMIT, -2, 5_000_000, -3, 2000, false), portfolio, T0));
    }

    @Test
    void maxOrderNotionalGlobalStrategyInstrument()
    {
        final RiskManager risk = Risk.manager("risk.global.max_order_notional = 100000\n" +
            "risk.strategy.3.max_order_notional = 50000\nrisk.instrument.ETHUSDT.max_order_notional = 30000\n");
        assertTrue(risk.check(limit(1, BTC, Side.BUY, "50000", "2"), portfolio, T0)); // exactly 100000
        assertEquals(e8("100000"), risk.decision().observed(), "accepted: notional kept for the audit");
        assertEquals(e8("100000"), risk.decision().limit());
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "50000.01", "2"), portfolio, T0));
        assertReject(risk, RiskRejectReason.MAX_ORDER_NOTIONAL, e8("100000.02"), e8("100000"));
        assertEquals(Scope.GLOBAL, risk.decision().scope());

        assertFalse(risk.check(limit(3, BTC, Side.BUY, "50000", "1.1"), portfolio, T0));
        assertReject(risk, RiskRejectReason.MAX_ORDER_NOTIONAL, e8("55000"), e8("50000"));
        assertEquals(Scope.STRATEGY, risk.decision().scope());

        assertFalse(risk.check(limit(1, ETH, Side.SELL, "3000", "10.00000001"), portfolio, T0));
        assertEquals(Scope.INSTRUMENT, risk.decision().scope());
    }

    @Test
    void notionalRoundsUpSoAFractionAboveTheLimitIsRefused()
    {
        final RiskManager risk = Risk.manager("risk.global.max_order_notional = 1\n");
        // 1 * 1.00000001 = 1.00000001 exactly at -8; 0.99999999 * 1.00000001 = 0.9999999999999999 -> rounds up to 1
        assertTrue(risk.check(limit(1, BTC, Side.BUY, "1.00000001", "0.99999999"), portfolio, T0));
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "1.00000001", "1"), portfolio, T0));
        assertReject(risk, RiskRejectReason.MAX_ORDER_NOTIONAL, e8("1.00000001"), e8("1"));
        // 0.5 * 2.00000001 = 1.000000005: above 1 by less than one unit at -8, still refused
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "2.00000001", "0.5"), portfolio, T0));
        assertReject(risk, RiskRejectReason.MAX_ORDER_NOTIONAL, e8("1.00000001"), e8("1"));
    }

    @Test
    void notionalThatOverflowsALongIsRefusedNotWrapped()
    {
        final RiskManager risk = Risk.manager("risk.global.max_order_notional = 90000000000\n");
        // 1e6 * 1e5 at -8/-8: mantissas 1e14 * 1e13 = 1e27, far beyond a long; the product wraps if done naively
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "1000000", "100000"), portfolio, T0));
        assertEquals(RiskRejectReason.MAX_ORDER_NOTIONAL, risk.decision().reason());
        assertEquals(FixedMath.SATURATED, risk.decision().observed());
        // a product beyond a long whose notional still fits: 50000 * 1000 = 5e7, mantissa product 5e12 * 1e11 = 5e23
        assertTrue(risk.check(limit(1, BTC, Side.BUY, "50000", "1000"), portfolio, T0));
    }

    @Test
    void marketOrderNotionalUsesReferencePriceAndNeedsOne()
    {
        final RiskManager risk = Risk.manager("risk.global.max_order_notional = 60000\n");
        assertFalse(risk.check(
            order.newOrder(1, BTC, 1, Side.BUY, OrderType.MARKET, PE, 0, SE, e8("1.3"), false), portfolio, T0));
        assertReject(risk, RiskRejectReason.MAX_ORDER_NOTIONAL, e8("65000"), e8("60000"));
        assertFalse(risk.check(
            order.newOrder(1, 5, 1, Side.BUY, OrderType.MARKET, PE, 0, SE, e8("1"), false), portfolio, T0));
        assertEquals(RiskRejectReason.NO_REFERENCE_PRICE, risk.decision().reason());
    }

    @Test
    void priceBandAroundReference()
    {
        final RiskManager risk = Risk.manager("risk.global.price_band_bps = 500\nrisk.instrument.BTCUSDT.price_band_bps = 100\n");
        assertTrue(risk.check(limit(1, BTC, Side.BUY, "50500", "1"), portfolio, T0)); // exactly 100 bps
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "50500.01", "1"), portfolio, T0));
        assertReject(risk, RiskRejectReason.PRICE_BAND, 101, 100);
        assertFalse(risk.check(limit(1, BTC, Side.SELL, "5000", "1"), portfolio, T0)); // fat finger: 9000 bps
        assertReject(risk, RiskRejectReason.PRICE_BAND, 9000, 100);
        assertTrue(risk.check(limit(1, ETH, Side.SELL, "2850", "1"), portfolio, T0)); // global 500 on ETH
        assertFalse(risk.check(limit(1, ETH, Side.SELL, "2849", "1"), portfolio, T0));
        assertFalse(risk.check(limit(1, 7, Side.SELL, "1", "1"), portfolio, T0));
        assertEquals(RiskRejectReason.NO_REFERENCE_PRICE, risk.decision().reason());
    }

    @Test
    void maxPositionAsPercentOfEquityCountsOpenOrders()
    {
        // equity 1,000,000; 10% = 100,000 = 2 BTC at 50,000
        final RiskManager risk = Risk.manager("risk.strategy.1.max_position_pct_equity = 10\n");
        assertTrue(risk.check(limit(1, BTC, Side.BUY, "50000", "2"), portfolio, T0));
        portfolio.addOpen(1, BTC, Side.BUY, e8("2"));
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "50000", "0.00000001"), portfolio, T0));
        assertReject(risk, RiskRejectReason.MAX_POSITION, e8("100000.0005"), e8("100000"));
        assertEquals(Scope.STRATEGY, risk.decision().scope());
        // the other side is still free: it reduces worst-case long exposure... and short side is 1 BTC only
        assertTrue(risk.check(limit(1, BTC, Side.SELL, "50000", "2"), portfolio, T0));
        // a replace of the open buy takes its quantity out
        assertTrue(risk.check(order.replace(1, BTC, 43, Side.BUY, OrderType.LIMIT, PE, BTC_PRICE, SE, e8("2"), false,
            e8("2")), portfolio, T0));
        assertFalse(risk.check(order.replace(1, BTC, 43, Side.BUY, OrderType.LIMIT, PE, BTC_PRICE, SE, e8("2.1"), false,
            e8("2")), portfolio, T0));
    }

    @Test
    void maxPositionPerInstrumentAggregatesStrategies()
    {
        final RiskManager risk = Risk.manager("risk.instrument.BTCUSDT.max_position_pct_equity = 10\n");
        portfolio.fill(1, BTC, Side.BUY, BTC_PRICE, e8("1.5"));
        assertTrue(risk.check(limit(2, BTC, Side.BUY, "50000", "0.5"), portfolio, T0));
        assertFalse(risk.check(limit(2, BTC, Side.BUY, "50000", "0.6"), portfolio, T0));
        assertEquals(RiskRejectReason.MAX_POSITION, risk.decision().reason());
        assertEquals(Scope.INSTRUMENT, risk.decision().scope());
    }

    @Test
    void reducingOrderPassesPositionLimitEvenWhenAlreadyOver()
    {
        final RiskManager risk = Risk.manager("risk.strategy.1.max_position_pct_equity = 1\n");
        portfolio.fill(1, BTC, Side.BUY, BTC_PRICE, e8("3")); // 15% of equity, over the 1% limit
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "50000", "0.01"), portfolio, T0));
        assertTrue(risk.check(limit(1, BTC, Side.SELL, "50000", "3"), portfolio, T0));
        assertFalse(risk.check(limit(1, BTC, Side.SELL, "50000", "3.5"), portfolio, T0), "a flip past the limit");
    }

    @Test
    void zeroOrNegativeEquityAllowsNoExposure()
    {
        final TestPortfolio broke = new TestPortfolio(8, 16, 0);
        broke.reference(BTC, BTC_PRICE);
        final RiskManager risk = Risk.manager("risk.strategy.1.max_position_pct_equity = 50\n");
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "50000", "0.00000001"), broke, T0));
        assertReject(risk, RiskRejectReason.MAX_POSITION, 50_000, 0);
    }

    @Test
    void maxOpenOrdersPerScopeIgnoredByReplace()
    {
        final RiskManager risk = Risk.manager("risk.global.max_open_orders = 3\nrisk.strategy.1.max_open_orders = 2\n" +
            "risk.instrument.ETHUSDT.max_open_orders = 1\n");
        portfolio.addOpen(1, BTC, Side.BUY, e8("0.1"));
        portfolio.addOpen(1, BTC, Side.BUY, e8("0.1"));
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "50000", "0.1"), portfolio, T0));
        assertReject(risk, RiskRejectReason.MAX_OPEN_ORDERS, 3, 2);
        assertTrue(risk.check(order.replace(1, BTC, 9, Side.BUY, OrderType.LIMIT, PE, BTC_PRICE, SE, e8("0.1"), false,
            e8("0.1")), portfolio, T0));
        assertTrue(risk.check(limit(2, ETH, Side.BUY, "3000", "0.1"), portfolio, T0));
        portfolio.addOpen(2, ETH, Side.BUY, e8("0.1"));
        assertFalse(risk.check(limit(3, ETH, Side.BUY, "3000", "0.1"), portfolio, T0));
        assertEquals(RiskRejectReason.MAX_OPEN_ORDERS, risk.decision().reason());
        assertFalse(risk.check(limit(3, BTC, Side.BUY, "50000", "0.1"), portfolio, T0));
        assertReject(risk, RiskRejectReason.MAX_OPEN_ORDERS, 4, 3);
        assertEquals(Scope.GLOBAL, risk.decision().scope());
    }

    @Test
    void orderRatePerStrategyAndGlobalOverASlidingSecond()
    {
        final RiskManager risk = Risk.manager("risk.global.max_orders_per_second = 5\nrisk.strategy.1.max_orders_per_second = 3\n");
        for (int n = 0; n < 3; n++)
        {
            assertTrue(risk.check(limit(1, BTC, Side.BUY, "50000", "0.1"), portfolio, T0 + n));
        }
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "50000", "0.1"), portfolio, T0 + 10));
        assertReject(risk, RiskRejectReason.ORDER_RATE, 4, 3);
        assertTrue(risk.check(limit(2, BTC, Side.BUY, "50000", "0.1"), portfolio, T0 + 11));
        assertTrue(risk.check(limit(2, BTC, Side.BUY, "50000", "0.1"), portfolio, T0 + 12));
        assertFalse(risk.check(limit(2, BTC, Side.BUY, "50000", "0.1"), portfolio, T0 + 13));
        assertReject(risk, RiskRejectReason.ORDER_RATE, 6, 5);
        assertEquals(Scope.GLOBAL, risk.decision().scope());
        // rejected orders did not count: one second after the first accept, exactly one slot frees
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "50000", "0.1"), portfolio, T0 + NS - 1));
        assertTrue(risk.check(limit(1, BTC, Side.BUY, "50000", "0.1"), portfolio, T0 + NS));
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "50000", "0.1"), portfolio, T0 + NS));
        // replaces count as modifications
        assertTrue(risk.check(order.replace(1, BTC, 9, Side.BUY, OrderType.LIMIT, PE, BTC_PRICE, SE, e8("0.1"), false, 0),
            portfolio, T0 + NS + 1));
        assertFalse(risk.check(order.replace(1, BTC, 9, Side.BUY, OrderType.LIMIT, PE, BTC_PRICE, SE, e8("0.1"), false, 0),
            portfolio, T0 + NS + 1));
        assertEquals(RiskRejectReason.ORDER_RATE, risk.decision().reason());
    }

    @Test
    void invalidOrdersAreRefusedWithTheirReason()
    {
        final RiskManager risk = Risk.manager("");
        assertFalse(risk.check(limit(1, 0, Side.BUY, "1", "1"), portfolio, T0));
        assertEquals(RiskRejectReason.UNKNOWN_INSTRUMENT, risk.decision().reason());
        assertFalse(risk.check(limit(1, 16, Side.BUY, "1", "1"), portfolio, T0));
        assertEquals(RiskRejectReason.UNKNOWN_INSTRUMENT, risk.decision().reason());
        assertFalse(risk.check(limit(8, BTC, Side.BUY, "1", "1"), portfolio, T0));
        assertEquals(RiskRejectReason.UNKNOWN_STRATEGY, risk.decision().reason());
        assertFalse(risk.check(limit(-1, BTC, Side.BUY, "1", "1"), portfolio, T0));
        assertEquals(RiskRejectReason.UNKNOWN_STRATEGY, risk.decision().reason());
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "50000", "0"), portfolio, T0));
        assertEquals(RiskRejectReason.INVALID_QUANTITY, risk.decision().reason());
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "50000", "-1"), portfolio, T0));
        assertEquals(RiskRejectReason.INVALID_QUANTITY, risk.decision().reason());
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "0", "1"), portfolio, T0));
        assertEquals(RiskRejectReason.INVALID_PRICE, risk.decision().reason());
        assertFalse(risk.check(order.newOrder(1, BTC, 1, Side.BUY, OrderType.LIMIT, 3, 1, SE, 1, false), portfolio, T0));
        assertEquals(RiskRejectReason.INVALID_PRICE, risk.decision().reason());
        assertFalse(risk.check(order.newOrder(1, BTC, 1, null, OrderType.LIMIT, PE, 1, SE, 1, false), portfolio, T0));
        assertEquals(RiskRejectReason.INVALID_QUANTITY, risk.decision().reason());
        assertFalse(risk.check(order.newOrder(1, BTC, 1, Side.BUY, OrderType.NULL_VAL, PE, 1, SE, 1, false),
            portfolio, T0));
        assertEquals(RiskRejectReason.INVALID_PRICE, risk.decision().reason());
    }

    @Test
    void reduceOnlyMustReduce()
    {
        final RiskManager risk = Risk.manager("");
        portfolio.fill(1, BTC, Side.BUY, BTC_PRICE, e8("1"));
        assertTrue(risk.check(order.newOrder(1, BTC, 1, Side.SELL, OrderType.LIMIT, PE, BTC_PRICE, SE, e8("1"), true),
            portfolio, T0));
        assertFalse(risk.check(order.newOrder(1, BTC, 1, Side.SELL, OrderType.LIMIT, PE, BTC_PRICE, SE, e8("1.1"), true),
            portfolio, T0));
        assertReject(risk, RiskRejectReason.INVALID_QUANTITY, e8("1.1"), e8("1"));
        assertFalse(risk.check(order.newOrder(1, BTC, 1, Side.BUY, OrderType.LIMIT, PE, BTC_PRICE, SE, e8("0.1"), true),
            portfolio, T0));
    }

    @Test
    void dailyLossLimitLatchesReducingAndResetsAtConfiguredUtcTime()
    {
        final RiskManager risk = Risk.manager("risk.global.daily_loss_limit = 1000\nrisk.daily_reset_utc = 08:00\n");
        portfolio.fill(1, BTC, Side.BUY, BTC_PRICE, e8("1"));
        final long morning = T0 + 9 * 3600 * NS; // 09:00, after the reset at 08:00
        risk.onPrice(BTC, morning, portfolio); // starts the day at P&L 0
        portfolio.reference(BTC, e8("48999.99"));
        risk.onPrice(BTC, morning + NS, portfolio);
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "49000", "0.1"), portfolio, morning + 2 * NS));
        assertReject(risk, RiskRejectReason.DAILY_LOSS, e8("1000.01"), e8("1000"));
        assertTrue(risk.check(limit(1, BTC, Side.SELL, "49000", "1"), portfolio, morning + 3 * NS), "reducing allowed");
        assertEquals(io.ferrum.codecs.sbe.TradingState.REDUCING, risk.state(Scope.GLOBAL, 0));

        portfolio.reference(BTC, BTC_PRICE); // price recovers: the latch holds for the day
        risk.onPrice(BTC, morning + 4 * NS, portfolio);
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "50000", "0.1"), portfolio, morning + 5 * NS));

        final long nextDayBeforeReset = T0 + (24 + 7) * 3600 * NS; // 07:00 next day: still the same risk day
        risk.onTimer(nextDayBeforeReset, portfolio);
        assertFalse(risk.check(limit(1, BTC, Side.BUY, "50000", "0.1"), portfolio, nextDayBeforeReset));
        final long nextDay = T0 + (24 + 8) * 3600 * NS;
        risk.onTimer(nextDay, portfolio);
        assertTrue(risk.check(limit(1, BTC, Side.BUY, "50000", "0.1"), portfolio, nextDay));
    }

    @Test
    void dailyLossPerStrategyMovesOnlyThatStrategy()
    {
        final RiskManager risk = Risk.manager("risk.strategy.2.daily_loss_limit = 100\n");
        portfolio.fill(2, ETH, Side.BUY, e8("3000"), e8("1"));
        risk.onPrice(ETH, T0, portfolio);
        portfolio.reference(ETH, e8("2800"));
        risk.onPrice(ETH, T0 + NS, portfolio);
        assertEquals(io.ferrum.codecs.sbe.TradingState.REDUCING, risk.state(Scope.STRATEGY, 2));
        assertEquals(io.ferrum.codecs.sbe.TradingState.ACTIVE, risk.state(Scope.GLOBAL, 0));
        assertFalse(risk.check(limit(2, BTC, Side.BUY, "50000", "0.1"), portfolio, T0 + 2 * NS));
        assertEquals(RiskRejectReason.DAILY_LOSS, risk.decision().reason());
        assertEquals(Scope.STRATEGY, risk.decision().scope());
        assertTrue(risk.check(limit(1, BTC, Side.BUY, "50000", "0.1"), portfolio, T0 + 2 * NS));
    }

    @Test
    void drawdownFromPeakHaltsByDefault()
    {
        final RiskManager risk = Risk.manager("risk.global.max_drawdown_pct = 5\n");
        portfolio.fill(1, BTC, Side.BUY, BTC_PRICE, e8("10")); // 500k of BTC on 1M equity
        portfolio.reference(BTC, e8("55000")); // peak 1.05M
        risk.onPrice(BTC, T0, portfolio);
        portfolio.reference(BTC, e8("49750")); // equity 997.5k: drawdown exactly 5%, allowed
        risk.onPrice(BTC, T0 + NS, portfolio);
        assertTrue(risk.check(limit(1, ETH, Side.BUY, "3000", "1"), portfolio, T0 + 2 * NS));
        portfolio.reference(BTC, e8("49700"));
        risk.onPrice(BTC, T0 + 3 * NS, portfolio);
        assertFalse(risk.check(limit(1, BTC, Side.SELL, "49700", "1"), portfolio, T0 + 4 * NS), "HALTED: nothing goes");
        assertReject(risk, RiskRejectReason.DRAWDOWN, 505, 500);
        assertEquals(io.ferrum.codecs.sbe.TradingState.HALTED, risk.state(Scope.GLOBAL, 0));
    }

    @Test
    void balanceRuleBuyNeedsNotionalInQuoteSellItsQuantityInBase()
    {
        final RiskManager risk = Risk.manager("");
        assertTrue(risk.check(limit(1, BTC, Side.BUY, "50000", "1"), portfolio, T0), "not checked: no balances");
        portfolio.spendable(BTC, true, e8("49999.99999999"));
        portfolio.spendable(BTC, false, e8("0.5"));

        assertFalse(risk.check(limit(1, BTC, Side.BUY, "50000", "1"), portfolio, T0));
        assertReject(risk, RiskRejectReason.INSUFFICIENT_BALANCE, e8("50000"), e8("49999.99999999"));
        assertEquals(Scope.INSTRUMENT, risk.decision().scope());
        assertEquals(RiskManager.BALANCE_EXPONENT, risk.decision().valueExponent());
        final RiskDecision d = risk.decision();
        assertEquals(RiskRejectReason.INSUFFICIENT_BALANCE, d.checkRule(d.checkCount() - 1), "the audit's last check");
        assertTrue(risk.check(limit(1, BTC, Side.BUY, "49999.99", "1"), portfolio, T0));

        assertFalse(risk.check(limit(1, BTC, Side.SELL, "50000", "0.50000001"), portfolio, T0));
        assertReject(risk, RiskRejectReason.INSUFFICIENT_BALANCE, e8("0.50000001"), e8("0.5"));
        assertTrue(risk.check(limit(1, BTC, Side.SELL, "50000", "0.5"), portfolio, T0));
        assertTrue(risk.check(limit(1, ETH, Side.BUY, "3000", "1000"), portfolio, T0), "ETHUSDT is not checked");
    }

    @Test
    void balanceRuleMeasuresAMarketBuyAtTheReferencePrice()
    {
        final RiskManager risk = Risk.manager("");
        portfolio.spendable(BTC, true, e8("25000"));
        assertFalse(risk.check(
            order.newOrder(1, BTC, 7, Side.BUY, OrderType.MARKET, PE, 0, SE, e8("0.50000001"), false), portfolio, T0));
        assertReject(risk, RiskRejectReason.INSUFFICIENT_BALANCE, e8("25000.0005"), e8("25000"));
        assertTrue(risk.check(
            order.newOrder(1, BTC, 8, Side.BUY, OrderType.MARKET, PE, 0, SE, e8("0.5"), false), portfolio, T0));
    }

    @Test
    void balanceNeededRoundsUpAndSaturates()
    {
        // 0.00000001 at a price of 0.5 (exponent -1, size -8) is half a unit at -8: rounded up to one
        assertEquals(1, RiskManager.balanceNeeded(true, 5, -1, 1, -8));
        assertEquals(1, RiskManager.balanceNeeded(false, 1, -1, 1, -9), "0.1 of a unit at -8, rounded up");
        assertEquals(FixedMath.SATURATED, RiskManager.balanceNeeded(true, Long.MAX_VALUE, 0, 2, 0));
    }
}
