package io.ferrum.risk;

import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradingState;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.ferrum.risk.Risk.BTC;
import static io.ferrum.risk.Risk.NS;
import static io.ferrum.risk.Risk.T0;
import static io.ferrum.risk.Risk.e8;
import static io.ferrum.risk.TestPortfolio.PE;
import static io.ferrum.risk.TestPortfolio.SE;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever the sequence of orders, fills and cancels, no limit is ever exceeded by what
 * risk accepted.
 */
class RiskLimitProperties
{
    private static final long REF = e8("50000");
    private static final long CENT = 1_000_000L; // 0.01 BTC at -8

    /** kind 0-1 submit, 2 fill resting orders, 3 cancel resting orders. */
    record Action(int kind, int strategy, boolean buy, long quantity, int priceOffsetBps, int percent)
    {
    }

    @Provide
    Arbitrary<Action> actions()
    {
        return Combinators.combine(
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 2),
            Arbitraries.of(true, false),
            Arbitraries.longs().between(1, 300).map(n -> n * CENT),
            Arbitraries.integers().between(-300, 300),
            Arbitraries.integers().between(1, 100)).as(Action::new);
    }

    private static RiskOrder order(final RiskOrder order, final Action a, final OrderType type)
    {
        final long price = REF + REF / 10_000 * a.priceOffsetBps();
        return order.newOrder(a.strategy(), BTC, 1, a.buy() ? Side.BUY : Side.SELL, type, PE, price, SE,
            a.quantity(), false);
    }

    /** Applies fills and cancels to resting orders; fills at the reference price so that equity stays put. */
    private static void applyResting(final TestPortfolio portfolio, final Action a)
    {
        final Side side = a.buy() ? Side.BUY : Side.SELL;
        final long open = a.buy() ? portfolio.openBuyQuantity(a.strategy(), BTC) :
            portfolio.openSellQuantity(a.strategy(), BTC);
        final long quantity = open / CENT * a.percent() / 100 * CENT;
        if (quantity == 0)
        {
            return;
        }
        if (a.kind() == 2)
        {
            portfolio.fillResting(a.strategy(), BTC, side, REF, quantity);
        }
        else
        {
            portfolio.removeOpen(a.strategy(), BTC, side, quantity);
            portfolio.addOpen(a.strategy(), BTC, side, 0); // keep the order count: a partial cancel
        }
    }

    @Property(tries = 300)
    void noAcceptedOrderEverTakesAPositionBeyondItsLimit(@ForAll @Size(max = 80) final List<@From("actions") Action> actions)
    {
        // equity 1,000,000: 10% per strategy = 2 BTC, 15% per instrument = 3 BTC
        final RiskManager risk = Risk.manager("risk.strategy.0.max_position_pct_equity = 10\n" +
            "risk.strategy.1.max_position_pct_equity = 10\nrisk.strategy.2.max_position_pct_equity = 10\n" +
            "risk.instrument.BTCUSDT.max_position_pct_equity = 15\n");
        final TestPortfolio portfolio = new TestPortfolio(8, 16, e8("1000000"));
        portfolio.reference(BTC, REF);
        final RiskOrder order = new RiskOrder();
        long now = T0;
        for (final Action a : actions)
        {
            now += 1000;
            if (a.kind() < 2)
            {
                if (risk.check(order(order, a, OrderType.LIMIT), portfolio, now))
                {
                    portfolio.addOpen(a.strategy(), BTC, a.buy() ? Side.BUY : Side.SELL, a.quantity());
                }
            }
            else
            {
                applyResting(portfolio, a);
            }
            for (int s = 0; s < 3; s++)
            {
                // as if every resting order on one side filled: still within the limit
                final long worstLong = portfolio.position(s, BTC) + portfolio.openBuyQuantity(s, BTC);
                final long worstShort = -portfolio.position(s, BTC) + portfolio.openSellQuantity(s, BTC);
                assertTrue(worstLong <= e8("2") && worstShort <= e8("2"), "strategy " + s);
            }
            assertTrue(portfolio.instrumentPosition(BTC) + portfolio.instrumentOpenBuyQuantity(BTC) <= e8("3"));
            assertTrue(-portfolio.instrumentPosition(BTC) + portfolio.instrumentOpenSellQuantity(BTC) <= e8("3"));
            assertTrue(Math.abs(portfolio.instrumentPosition(BTC)) <= e8("3"), "instrument position");
        }
    }

    @Property(tries = 300)
    void reducingNeverAcceptsAnOrderThatCanGrowOrFlipThePosition(
        @ForAll @LongRange(min = -300, max = 300) final long startCents,
        @ForAll @Size(max = 60) final List<@From("actions") Action> actions)
    {
        final RiskManager risk = Risk.manager("");
        final TestPortfolio portfolio = new TestPortfolio(8, 16, e8("1000000"));
        portfolio.reference(BTC, REF);
        for (int s = 0; s < 3; s++)
        {
            if (startCents != 0)
            {
                portfolio.fill(s, BTC, startCents > 0 ? Side.BUY : Side.SELL, REF, Math.abs(startCents) * CENT);
            }
        }
        risk.setTradingState(Scope.GLOBAL, 0, TradingState.REDUCING);
        final RiskOrder order = new RiskOrder();
        final long start = startCents * CENT;
        long now = T0;
        for (final Action a : actions)
        {
            now += 1000;
            if (a.kind() < 2)
            {
                final boolean accepted = risk.check(order(order, a, a.kind() == 0 ? OrderType.LIMIT : OrderType.MARKET),
                    portfolio, now);
                if (accepted)
                {
                    portfolio.addOpen(a.strategy(), BTC, a.buy() ? Side.BUY : Side.SELL, a.quantity());
                }
            }
            else
            {
                applyResting(portfolio, a);
            }
            for (int s = 0; s < 3; s++)
            {
                final long position = portfolio.position(s, BTC);
                // every order accepted, all filled, still on the same side and no larger
                final long allBuysFilled = position + portfolio.openBuyQuantity(s, BTC);
                final long allSellsFilled = position - portfolio.openSellQuantity(s, BTC);
                if (start > 0)
                {
                    assertTrue(allSellsFilled >= 0 && allBuysFilled == position, "long reduced only: " + s);
                }
                else if (start < 0)
                {
                    assertTrue(allBuysFilled <= 0 && allSellsFilled == position, "short reduced only: " + s);
                }
                else
                {
                    assertTrue(allBuysFilled == 0 && allSellsFilled == 0, "flat stays flat: " + s);
                }
            }
        }
    }

    @Property(tries = 300)
    void haltedNeverAcceptsANewOrder(
        @ForAll @IntRange(min = 0, max = 2) final int scope,
        @ForAll @LongRange(min = -300, max = 300) final long startCents,
        @ForAll @Size(min = 1, max = 40) final List<@From("actions") Action> actions)
    {
        final RiskManager risk = Risk.manager("");
        final TestPortfolio portfolio = new TestPortfolio(8, 16, e8("1000000"));
        portfolio.reference(BTC, REF);
        if (startCents != 0)
        {
            portfolio.fill(1, BTC, startCents > 0 ? Side.BUY : Side.SELL, REF, Math.abs(startCents) * CENT);
        }
        switch (scope)
        {
            case 0 -> risk.killSwitch(Scope.GLOBAL, 0);
            case 1 -> risk.killSwitch(Scope.INSTRUMENT, BTC);
            default -> risk.setTradingState(Scope.STRATEGY, 1, TradingState.HALTED);
        }
        final RiskOrder order = new RiskOrder();
        for (final Action a : actions)
        {
            final Action forStrategy1 = new Action(a.kind(), 1, a.buy(), a.quantity(), a.priceOffsetBps(), a.percent());
            assertFalse(risk.check(order(order, forStrategy1, a.kind() == 0 ? OrderType.MARKET : OrderType.LIMIT),
                portfolio, T0));
        }
    }

    @Property(tries = 200)
    void neverMoreAcceptedOrdersInAnySecondThanTheRateLimit(
        @ForAll @IntRange(min = 1, max = 10) final int limit,
        @ForAll @Size(max = 200) final List<@LongRange(min = 0, max = 400_000_000L) Long> gaps)
    {
        final RiskManager risk = Risk.manager("risk.strategy.1.max_orders_per_second = " + limit + "\n");
        final TestPortfolio portfolio = new TestPortfolio(8, 16, e8("1000000"));
        portfolio.reference(BTC, REF);
        final RiskOrder order = new RiskOrder();
        final List<Long> accepted = new ArrayList<>();
        long now = T0;
        for (final long gap : gaps)
        {
            now += gap;
            if (risk.check(order.newOrder(1, BTC, 1, Side.BUY, OrderType.LIMIT, PE, REF, SE, CENT, false), portfolio, now))
            {
                accepted.add(now);
            }
        }
        for (int i = 0; i < accepted.size(); i++)
        {
            int inWindow = 0;
            for (int j = 0; j <= i; j++)
            {
                if (accepted.get(j) > accepted.get(i) - NS)
                {
                    inWindow++;
                }
            }
            assertTrue(inWindow <= limit, "window ending at accept " + i);
        }
    }

    @Property(tries = 1000)
    void acceptedOrdersRespectQuantityNotionalAndPriceBand(
        @ForAll @LongRange(min = 1, max = 100_000_000_000_000L) final long price,
        @ForAll @LongRange(min = 1, max = 100_000_000_000_000L) final long quantity,
        @ForAll @IntRange(min = -12, max = 0) final int priceExponent,
        @ForAll @IntRange(min = -12, max = 0) final int sizeExponent,
        @ForAll @IntRange(min = -400, max = 400) final int referenceOffsetBps)
    {
        final long reference = Math.max(1, price + price / 10_000 * referenceOffsetBps);
        final RiskManager risk = Risk.manager("risk.instrument.BTCUSDT.max_order_quantity = 1000\n" +
            "risk.global.max_order_notional = 1000000\nrisk.global.price_band_bps = 250\n");
        final TestPortfolio portfolio = new TestPortfolio(8, 16, e8("1000000"));
        portfolio.reference(BTC, reference);
        final RiskOrder order = new RiskOrder().newOrder(1, BTC, 1, Side.BUY, OrderType.LIMIT, priceExponent, price,
            sizeExponent, quantity, false);
        if (risk.check(order, portfolio, T0))
        {
            final BigDecimal p = BigDecimal.valueOf(price, -priceExponent);
            final BigDecimal q = BigDecimal.valueOf(quantity, -sizeExponent);
            final BigDecimal ref = BigDecimal.valueOf(reference, -priceExponent);
            assertTrue(q.compareTo(BigDecimal.valueOf(1000)) <= 0, "quantity");
            assertTrue(p.multiply(q).compareTo(BigDecimal.valueOf(1_000_000)) <= 0, "notional");
            assertTrue(p.subtract(ref).abs().multiply(BigDecimal.valueOf(10_000))
                .compareTo(ref.multiply(BigDecimal.valueOf(250))) <= 0, "band");
        }
    }

    @Property(tries = 300)
    void openOrdersNeverExceedTheirLimit(
        @ForAll @IntRange(min = 0, max = 6) final int limit, @ForAll @Size(max = 60) final List<Boolean> submitOrCancel)
    {
        final RiskManager risk = Risk.manager("risk.strategy.1.max_open_orders = " + limit + "\n");
        final TestPortfolio portfolio = new TestPortfolio(8, 16, e8("1000000"));
        portfolio.reference(BTC, REF);
        final RiskOrder order = new RiskOrder();
        for (final boolean submit : submitOrCancel)
        {
            if (submit)
            {
                if (risk.check(order.newOrder(1, BTC, 1, Side.BUY, OrderType.LIMIT, PE, REF, SE, CENT, false), portfolio, T0))
                {
                    portfolio.addOpen(1, BTC, Side.BUY, CENT);
                }
            }
            else if (portfolio.openOrders(1) > 0)
            {
                portfolio.removeOpen(1, BTC, Side.BUY, CENT);
            }
            assertTrue(portfolio.openOrders(1) <= limit);
        }
    }

    @Property(tries = 300)
    void afterADailyLossBreachNoOrderThatGrowsIsAcceptedThatDay(
        @ForAll @Size(min = 1, max = 40) final List<@IntRange(min = -200, max = 200) Integer> movesBps,
        @ForAll @Size(min = 1, max = 40) final List<Boolean> buys)
    {
        final RiskManager risk = Risk.manager("risk.global.daily_loss_limit = 2000\n");
        final TestPortfolio portfolio = new TestPortfolio(8, 16, e8("1000000"));
        portfolio.reference(BTC, REF);
        portfolio.fill(1, BTC, Side.BUY, REF, e8("1"));
        final RiskOrder order = new RiskOrder();
        long now = T0;
        risk.onPrice(BTC, now, portfolio);
        boolean breached = false;
        long price = REF;
        for (int n = 0; n < movesBps.size(); n++)
        {
            now += NS;
            price = price + price / 10_000 * movesBps.get(n);
            portfolio.reference(BTC, price);
            risk.onPrice(BTC, now, portfolio);
            breached |= -portfolio.totalPnl() > e8("2000");
            final boolean buy = buys.get(n % buys.size());
            final boolean accepted = risk.check(order.newOrder(1, BTC, 1, buy ? Side.BUY : Side.SELL, OrderType.LIMIT,
                PE, price, SE, e8("0.1"), false), portfolio, now);
            if (breached && buy)
            {
                assertFalse(accepted, "growing a long after the breach");
            }
            if (!breached)
            {
                assertTrue(accepted, "no breach, no other limit");
            }
        }
    }
}
