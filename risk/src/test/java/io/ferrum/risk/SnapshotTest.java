package io.ferrum.risk;

import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.RiskLimit;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradingState;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ferrum.risk.Risk.BTC;
import static io.ferrum.risk.Risk.ETH;
import static io.ferrum.risk.Risk.NS;
import static io.ferrum.risk.Risk.T0;
import static io.ferrum.risk.Risk.e8;
import static io.ferrum.risk.TestPortfolio.PE;
import static io.ferrum.risk.TestPortfolio.SE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SnapshotTest
{
    private static final String CONFIG = "risk.strategy.1.max_orders_per_second = 3\n" +
        "risk.global.daily_loss_limit = 500\nrisk.global.trailing_stop_bps = 100\n" +
        "risk.global.volatility_stop_multiple = 2\nrisk.volatility.window = 3\n";

    private final TestPortfolio portfolio = new TestPortfolio(8, 16, e8("1000000"));
    private final List<String> stops = new ArrayList<>();
    private final RiskOrder order = new RiskOrder();

    private RiskManager manager()
    {
        return Risk.manager(CONFIG, (s, i, rule, position, price, level, time) -> stops.add(s + ":" + i + ":" + rule + "@" + time));
    }

    /** Drives every kind of state: rate windows, day start, latches, feed, volatility, positions, admin limits. */
    private void drive(final RiskManager risk)
    {
        portfolio.reference(BTC, e8("50000"));
        portfolio.reference(ETH, e8("3000"));
        for (int n = 0; n < 6; n++)
        {
            portfolio.reference(BTC, e8("50000") + n * e8("100") * (n % 2 == 0 ? 1 : -1));
            risk.onPrice(BTC, T0 + n * NS, portfolio);
        }
        portfolio.fill(1, BTC, Side.BUY, e8("50000"), e8("1"));
        risk.onFill(1, BTC, PE, e8("50000"), T0 + 6 * NS, portfolio);
        risk.check(order.newOrder(1, ETH, 7, Side.BUY, OrderType.LIMIT, PE, e8("3000"), SE, e8("1"), false), portfolio,
            T0 + 6 * NS);
        risk.check(order.newOrder(1, ETH, 8, Side.BUY, OrderType.LIMIT, PE, e8("3000"), SE, e8("1"), false), portfolio,
            T0 + 6 * NS + 5);
        risk.onFeedStatus(3, ETH, FeedState.STALE);
        risk.onFeedStatus(3, 0, FeedState.IN_SYNC);
        risk.setRiskLimit(Scope.INSTRUMENT, ETH, RiskLimit.MAX_OPEN_ORDERS, 0, 4);
        risk.setTradingState(Scope.STRATEGY, 2, TradingState.REDUCING);
    }

    private void continueTrading(final RiskManager risk)
    {
        portfolio.reference(BTC, e8("49000"));
        risk.onPrice(BTC, T0 + 7 * NS, portfolio);
        for (int n = 0; n < 4; n++)
        {
            risk.check(order.newOrder(1, BTC, 9 + n, Side.SELL, OrderType.LIMIT, PE, e8("49000"), SE, e8("0.1"), false),
                portfolio, T0 + 7 * NS + n);
        }
        risk.onTimer(T0 + 9 * NS, portfolio);
    }

    @Test
    void restoredStateBehavesExactlyLikeTheOriginal()
    {
        final RiskManager original = manager();
        drive(original);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int length = original.snapshotTo(buffer, 16);

        final RiskManager restored = Risk.manager("risk.volatility.window = 3\n", (s, i, rule, position, price, level, time) ->
            stops.add(s + ":" + i + ":" + rule + "@" + time));
        restored.restoreFrom(buffer, 16, length);
        assertEquals(original.stateHash(), restored.stateHash());
        assertEquals(4, restored.limit(RiskParameter.MAX_OPEN_ORDERS, Scope.INSTRUMENT, ETH));
        assertEquals(3, restored.limit(RiskParameter.MAX_ORDERS_PER_SECOND, Scope.STRATEGY, 1));
        assertEquals(TradingState.REDUCING, restored.state(Scope.INSTRUMENT, ETH));
        assertEquals(original.volatilityPpm(BTC), restored.volatilityPpm(BTC));

        final List<String> decisions = new ArrayList<>();
        for (final RiskManager risk : List.of(original, restored))
        {
            stops.clear();
            continueTrading(risk);
            decisions.add(risk.decision().toString() + stops);
        }
        assertEquals(decisions.get(0), decisions.get(1));
        assertEquals(original.stateHash(), restored.stateHash());
    }

    @Test
    void hashFollowsState()
    {
        final RiskManager a = manager();
        final RiskManager b = manager();
        assertEquals(a.stateHash(), b.stateHash());
        a.setRiskLimit(Scope.GLOBAL, 0, RiskLimit.MAX_OPEN_ORDERS, 0, 10);
        assertNotEquals(a.stateHash(), b.stateHash());
        b.setRiskLimit(Scope.GLOBAL, 0, RiskLimit.MAX_OPEN_ORDERS, 0, 10);
        assertEquals(a.stateHash(), b.stateHash());
        a.onFeedStatus(1, BTC, FeedState.GAP);
        assertNotEquals(a.stateHash(), b.stateHash());
    }

    @Test
    void refusesForeignOrCorruptSnapshots()
    {
        final RiskManager risk = manager();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int length = risk.snapshotTo(buffer, 0);
        final RiskManager otherCapacity = new RiskManager(RiskConfig.defaults(), Risk::instrumentId, (s, i, r, p, q, l, t) -> { });
        assertThrows(IllegalStateException.class, () -> otherCapacity.restoreFrom(buffer, 0, length));
        assertThrows(IllegalStateException.class, () -> risk.restoreFrom(buffer, 4, length - 4));
        assertThrows(IllegalStateException.class, () -> risk.restoreFrom(buffer, 0, length + 8));
        buffer.putInt(0, 0xdead);
        assertThrows(IllegalStateException.class, () -> risk.restoreFrom(buffer, 0, length));
    }
}
