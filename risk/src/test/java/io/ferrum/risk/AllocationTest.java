package io.ferrum.risk;

import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.tuning.jit.StringLiterals;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static io.ferrum.risk.Risk.BTC;
import static io.ferrum.risk.Risk.ETH;
import static io.ferrum.risk.Risk.T0;
import static io.ferrum.risk.Risk.e8;
import static io.ferrum.risk.TestPortfolio.PE;
import static io.ferrum.risk.TestPortfolio.SE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pre-trade checks and hooks, every rule on, allocate nothing once warm. */
class AllocationTest
{
    static final String ALL_RULES = "risk.global.max_order_notional = 1000000\n" +
        "risk.strategy.1.max_order_notional = 500000\nrisk.instrument.BTCUSDT.max_order_quantity = 5\n" +
        "risk.strategy.1.max_order_quantity = 10\nrisk.global.price_band_bps = 500\n" +
        "risk.strategy.1.max_position_pct_equity = 30\nrisk.instrument.BTCUSDT.max_position_pct_equity = 40\n" +
        "risk.global.max_orders_per_second = 100000\nrisk.strategy.1.max_orders_per_second = 100000\n" +
        "risk.global.max_open_orders = 100\nrisk.strategy.1.max_open_orders = 50\n" +
        "risk.instrument.BTCUSDT.max_open_orders = 50\nrisk.global.daily_loss_limit = 50000\n" +
        "risk.strategy.1.daily_loss_limit = 20000\nrisk.global.max_drawdown_pct = 20\n" +
        "risk.global.stop_loss_bps = 500\nrisk.global.trailing_stop_bps = 300\nrisk.global.max_holding_seconds = 86400\n" +
        "risk.global.volatility_stop_multiple = 50\nrisk.volatility.window = 10\n";

    private long checks;

    @Test
    void checksAndHooksAllocateNothingAfterWarmUp()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported());
        // A C2 compile in the measured window resolves its class's string literals on this thread
        // (CI saw 88 bytes once): interned first, that resolution allocates nothing.
        StringLiterals.preIntern("io.ferrum.", "org.agrona.");
        final TestPortfolio portfolio = new TestPortfolio(8, 16, e8("1000000"));
        final RiskManager risk = Risk.manager(ALL_RULES);
        final long btc = e8("50000");
        final long qty = e8("0.5");
        final long tooBig = e8("7");
        portfolio.reference(BTC, btc);
        portfolio.reference(ETH, e8("3000"));
        portfolio.fill(1, BTC, Side.BUY, btc, e8("1"));
        // the balance rule on: buys covered, a sell of more than 0.6 BTC refused
        portfolio.spendable(BTC, true, e8("100000000"));
        portfolio.spendable(BTC, false, e8("0.6"));
        risk.onFill(1, BTC, PE, btc, T0, portfolio);
        final RiskOrder order = new RiskOrder();

        run(risk, portfolio, order, btc, qty, tooBig, 0, 300_000);
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        final long baseline = threads.getThreadAllocatedBytes(threadId) - before; // the probe's own cost
        final long start = threads.getThreadAllocatedBytes(threadId);
        run(risk, portfolio, order, btc, qty, tooBig, 300_000, 200_000);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - start - baseline;
        assertTrue(checks > 400_000);
        assertEquals(0, allocated, "bytes allocated over 200,000 checks and hooks");
    }

    private void run(
        final RiskManager risk,
        final TestPortfolio portfolio,
        final RiskOrder order,
        final long btc,
        final long qty,
        final long tooBig,
        final int from,
        final int count)
    {
        for (int n = from; n < from + count; n++)
        {
            final long now = T0 + n * 1_000_000L;
            portfolio.reference(BTC, btc + (n % 7) * 100_000_000L);
            risk.onPrice(BTC, now, portfolio);
            risk.check(order.newOrder(1, BTC, n, (n & 1) == 0 ? Side.BUY : Side.SELL, OrderType.LIMIT, PE, btc, SE,
                (n % 5) == 0 ? tooBig : qty, false), portfolio, now);
            risk.check(order.replace(1, BTC, n, Side.SELL, OrderType.MARKET, PE, 0, SE, qty, false, 0), portfolio, now);
            checks += 2;
            if (n % 1000 == 0)
            {
                risk.onTimer(now, portfolio);
                risk.onFeedStatus(1, ETH, (n & 1) == 0 ? FeedState.STALE : FeedState.IN_SYNC);
                risk.stateHash();
            }
        }
    }
}
