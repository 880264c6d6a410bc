package io.ferrum.risk;

import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.codecs.sbe.KillSwitchDecoder;
import io.ferrum.codecs.sbe.KillSwitchEncoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.RiskLimit;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.SetRiskLimitDecoder;
import io.ferrum.codecs.sbe.SetRiskLimitEncoder;
import io.ferrum.codecs.sbe.SetTradingStateDecoder;
import io.ferrum.codecs.sbe.SetTradingStateEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradingState;
import org.agrona.concurrent.UnsafeBuffer;
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

class TradingStateTest
{
    private final TestPortfolio portfolio = new TestPortfolio(8, 16, e8("1000000"));
    private final RiskOrder order = new RiskOrder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    TradingStateTest()
    {
        portfolio.reference(BTC, e8("50000"));
        portfolio.reference(ETH, e8("3000"));
    }

    private boolean buy(final RiskManager risk, final int strategy, final int instrument, final String qty)
    {
        return risk.check(order.newOrder(strategy, instrument, 1, Side.BUY, OrderType.LIMIT, PE,
            portfolio.referencePrice(instrument), SE, e8(qty), false), portfolio, T0);
    }

    private boolean sell(final RiskManager risk, final int strategy, final int instrument, final String qty)
    {
        return risk.check(order.newOrder(strategy, instrument, 1, Side.SELL, OrderType.LIMIT, PE,
            portfolio.referencePrice(instrument), SE, e8(qty), false), portfolio, T0);
    }

    @Test
    void reducingAllowsOnlyOrdersThatShrinkWithoutFlipping()
    {
        final RiskManager risk = Risk.manager("");
        portfolio.fill(1, BTC, Side.BUY, e8("50000"), e8("2"));
        assertEquals(AdminResult.APPLIED, risk.setTradingState(Scope.STRATEGY, 1, TradingState.REDUCING));
        assertFalse(buy(risk, 1, BTC, "0.1"));
        assertEquals(RiskRejectReason.STATE_REDUCING, risk.decision().reason());
        assertEquals(Scope.STRATEGY, risk.decision().scope());
        assertFalse(sell(risk, 1, BTC, "2.00000001"), "would flip short");
        assertTrue(sell(risk, 1, BTC, "2"));
        portfolio.addOpen(1, BTC, Side.SELL, e8("1.5"));
        assertFalse(sell(risk, 1, BTC, "0.6"), "with the open sell it would flip");
        assertTrue(sell(risk, 1, BTC, "0.5"));
        assertFalse(sell(risk, 1, ETH, "0.1"), "flat: any order grows");
        assertTrue(buy(risk, 2, BTC, "0.1"), "other strategies unaffected");
    }

    @Test
    void haltedRefusesEveryOrderEvenReducing()
    {
        final RiskManager risk = Risk.manager("");
        portfolio.fill(1, BTC, Side.BUY, e8("50000"), e8("2"));
        risk.setTradingState(Scope.INSTRUMENT, BTC, TradingState.HALTED);
        assertFalse(sell(risk, 1, BTC, "1"));
        assertEquals(RiskRejectReason.STATE_HALTED, risk.decision().reason());
        assertEquals(Scope.INSTRUMENT, risk.decision().scope());
        assertTrue(buy(risk, 1, ETH, "1"));
    }

    @Test
    void mostRestrictiveScopeWins()
    {
        final RiskManager risk = Risk.manager("");
        risk.setTradingState(Scope.GLOBAL, 0, TradingState.REDUCING);
        risk.setTradingState(Scope.STRATEGY, 1, TradingState.HALTED);
        risk.setTradingState(Scope.INSTRUMENT, ETH, TradingState.ACTIVE);
        assertEquals(TradingState.HALTED, risk.effectiveState(1, ETH));
        assertEquals(TradingState.REDUCING, risk.effectiveState(2, ETH));
        risk.setTradingState(Scope.GLOBAL, 0, TradingState.ACTIVE);
        assertEquals(TradingState.ACTIVE, risk.effectiveState(2, ETH));
        assertTrue(buy(risk, 2, ETH, "1"));
    }

    @Test
    void degradedFeedMovesInstrumentAndRecoveryNeverUndoesAManualHalt()
    {
        final RiskManager risk = Risk.manager("risk.feed.degraded_state = HALTED\n");
        risk.onFeedStatus(7, BTC, FeedState.IN_SYNC);
        assertTrue(buy(risk, 1, BTC, "1"));
        risk.onFeedStatus(7, BTC, FeedState.STALE);
        assertEquals(TradingState.HALTED, risk.state(Scope.INSTRUMENT, BTC));
        assertEquals(TradingState.ACTIVE, risk.manualState(Scope.INSTRUMENT, BTC));
        assertFalse(buy(risk, 1, BTC, "1"));
        assertEquals(RiskRejectReason.STATE_HALTED, risk.decision().reason());
        assertTrue(buy(risk, 1, ETH, "1"));

        risk.setTradingState(Scope.INSTRUMENT, BTC, TradingState.HALTED); // operator halts meanwhile
        risk.onFeedStatus(7, BTC, FeedState.IN_SYNC);
        assertEquals(TradingState.HALTED, risk.state(Scope.INSTRUMENT, BTC), "feed recovery must not release");
        assertFalse(buy(risk, 1, BTC, "1"));

        risk.setTradingState(Scope.INSTRUMENT, BTC, TradingState.ACTIVE);
        assertTrue(buy(risk, 1, BTC, "1"));

        risk.onFeedStatus(7, BTC, FeedState.GAP);
        risk.setTradingState(Scope.INSTRUMENT, BTC, TradingState.ACTIVE); // operator cannot talk over a bad feed
        assertFalse(buy(risk, 1, BTC, "1"));
        risk.onFeedStatus(7, BTC, FeedState.SYNCING);
        assertFalse(buy(risk, 1, BTC, "1"));
        risk.onFeedStatus(7, BTC, FeedState.IN_SYNC);
        assertTrue(buy(risk, 1, BTC, "1"));
    }

    @Test
    void connectionLevelStatusCoversItsInstrumentsOnly()
    {
        final RiskManager risk = Risk.manager("");
        risk.onFeedStatus(1, BTC, FeedState.IN_SYNC);
        risk.onFeedStatus(2, ETH, FeedState.IN_SYNC);
        risk.onFeedStatus(1, 0, FeedState.DISCONNECTED);
        assertEquals(TradingState.REDUCING, risk.state(Scope.INSTRUMENT, BTC), "default degraded state is REDUCING");
        assertEquals(TradingState.ACTIVE, risk.state(Scope.INSTRUMENT, ETH));
        assertFalse(buy(risk, 1, BTC, "1"));
        risk.onFeedStatus(1, BTC, FeedState.IN_SYNC); // instrument fine but its connection is still down
        assertEquals(TradingState.REDUCING, risk.state(Scope.INSTRUMENT, BTC));
        risk.onFeedStatus(1, 0, FeedState.IN_SYNC);
        assertEquals(TradingState.ACTIVE, risk.state(Scope.INSTRUMENT, BTC));
        risk.onFeedStatus(1, 0, FeedState.FALLBACK); // a fallback source counts as healthy by default
        assertEquals(TradingState.ACTIVE, risk.state(Scope.INSTRUMENT, BTC));
    }

    @Test
    void fallbackCanBeConfiguredUnhealthyAndHostileStatusIsIgnored()
    {
        final RiskManager risk = Risk.manager("risk.feed.fallback_is_healthy = false\n");
        risk.onFeedStatus(1, BTC, FeedState.FALLBACK);
        assertEquals(TradingState.REDUCING, risk.state(Scope.INSTRUMENT, BTC));
        final long before = risk.stateHash();
        risk.onFeedStatus(1, 99, FeedState.STALE);
        risk.onFeedStatus(1, -5, FeedState.STALE);
        risk.onFeedStatus(1, ETH, FeedState.NULL_VAL);
        risk.onFeedStatus(1, ETH, null);
        assertEquals(before, risk.stateHash());
    }

    @Test
    void dailyLossLatchReleasedByOperatorOnlyWhenLossIsBackWithinLimit()
    {
        final RiskManager risk = Risk.manager("risk.global.daily_loss_limit = 100\n");
        portfolio.fill(1, BTC, Side.BUY, e8("50000"), e8("1"));
        risk.onPrice(BTC, T0, portfolio);
        portfolio.reference(BTC, e8("49800"));
        risk.onPrice(BTC, T0 + NS, portfolio);
        assertEquals(TradingState.REDUCING, risk.state(Scope.GLOBAL, 0));
        risk.setTradingState(Scope.GLOBAL, 0, TradingState.ACTIVE);
        assertFalse(buy(risk, 1, BTC, "0.1"), "still beyond the limit: latches again at once");
        assertEquals(RiskRejectReason.DAILY_LOSS, risk.decision().reason());
        assertEquals(AdminResult.APPLIED,
            risk.setRiskLimit(Scope.GLOBAL, 0, RiskLimit.DAILY_LOSS_LIMIT, 0, 1000));
        risk.setTradingState(Scope.GLOBAL, 0, TradingState.ACTIVE);
        assertTrue(buy(risk, 1, BTC, "0.1"));
    }

    @Test
    void adminCommandsFromSbeMessages()
    {
        final RiskManager risk = Risk.manager("risk.global.max_order_notional = 1000000\n");
        final SetRiskLimitEncoder limitEncoder = new SetRiskLimitEncoder();
        limitEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .scope(Scope.INSTRUMENT).targetId(BTC).riskLimit(RiskLimit.MAX_ORDER_NOTIONAL)
            .valueExponent((byte)-2).value(1_000_000).operatorName("alice"); // 10,000.00
        final SetRiskLimitDecoder limitDecoder = new SetRiskLimitDecoder();
        limitDecoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(AdminResult.APPLIED, risk.apply(limitDecoder));
        assertEquals(e8("10000"), risk.limit(RiskParameter.MAX_ORDER_NOTIONAL, Scope.INSTRUMENT, BTC));
        assertFalse(buy(risk, 1, BTC, "0.3"));
        assertEquals(RiskRejectReason.MAX_ORDER_NOTIONAL, risk.decision().reason());
        assertTrue(buy(risk, 1, ETH, "3"));

        final SetTradingStateEncoder stateEncoder = new SetTradingStateEncoder();
        stateEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .scope(Scope.STRATEGY).targetId(3).state(TradingState.REDUCING).operatorName("bob");
        final SetTradingStateDecoder stateDecoder = new SetTradingStateDecoder();
        stateDecoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(AdminResult.APPLIED, risk.apply(stateDecoder));
        assertEquals(TradingState.REDUCING, risk.state(Scope.STRATEGY, 3));

        final KillSwitchEncoder killEncoder = new KillSwitchEncoder();
        killEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).scope(Scope.GLOBAL).targetId(0).operatorName("risk");
        final KillSwitchDecoder killDecoder = new KillSwitchDecoder();
        killDecoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(AdminResult.APPLIED, risk.apply(killDecoder));
        assertEquals(TradingState.HALTED, risk.effectiveState(0, ETH));
        assertFalse(buy(risk, 1, ETH, "1"));
        assertEquals(RiskRejectReason.STATE_HALTED, risk.decision().reason());
    }

    @Test
    void invalidAdminCommandsChangeNothing()
    {
        final RiskManager risk = Risk.manager("risk.strategy.1.max_open_orders = 5\n");
        final long before = risk.stateHash();
        assertEquals(AdminResult.INVALID_SCOPE, risk.setRiskLimit(Scope.GLOBAL, 0, RiskLimit.MAX_ORDER_QUANTITY, 0, 1));
        assertEquals(AdminResult.INVALID_SCOPE, risk.setRiskLimit(Scope.NULL_VAL, 0, RiskLimit.MAX_OPEN_ORDERS, 0, 1));
        assertEquals(AdminResult.INVALID_SCOPE,
            risk.setRiskLimit(Scope.INSTRUMENT, BTC, RiskLimit.MAX_DRAWDOWN_PCT, 0, 1));
        assertEquals(AdminResult.INVALID_TARGET, risk.setRiskLimit(Scope.STRATEGY, 8, RiskLimit.MAX_OPEN_ORDERS, 0, 1));
        assertEquals(AdminResult.INVALID_TARGET, risk.setRiskLimit(Scope.GLOBAL, 3, RiskLimit.MAX_OPEN_ORDERS, 0, 1));
        assertEquals(AdminResult.INVALID_TARGET, risk.setRiskLimit(Scope.INSTRUMENT, 0, RiskLimit.MAX_OPEN_ORDERS, 0, 1));
        assertEquals(AdminResult.INVALID_VALUE, risk.setRiskLimit(Scope.STRATEGY, 1, RiskLimit.MAX_OPEN_ORDERS, 0, -1));
        assertEquals(AdminResult.INVALID_VALUE,
            risk.setRiskLimit(Scope.STRATEGY, 1, RiskLimit.MAX_OPEN_ORDERS, -1, 15), "1.5 open orders");
        assertEquals(AdminResult.INVALID_VALUE,
            risk.setRiskLimit(Scope.STRATEGY, 1, RiskLimit.MAX_ORDERS_PER_SECOND, 0, 1_000_000_000));
        assertEquals(AdminResult.INVALID_VALUE,
            risk.setRiskLimit(Scope.GLOBAL, 0, RiskLimit.MAX_ORDER_NOTIONAL, 12, Long.MAX_VALUE / 2), "overflow");
        assertEquals(AdminResult.INVALID_VALUE, risk.setRiskLimit(Scope.GLOBAL, 0, RiskLimit.MAX_ORDER_NOTIONAL, 99, 1));
        assertEquals(AdminResult.UNKNOWN_LIMIT, risk.setRiskLimit(Scope.GLOBAL, 0, RiskLimit.NULL_VAL, 0, 1));
        assertEquals(AdminResult.INVALID_VALUE, risk.setTradingState(Scope.GLOBAL, 0, TradingState.NULL_VAL));
        assertEquals(AdminResult.INVALID_TARGET, risk.killSwitch(Scope.INSTRUMENT, 16));
        assertEquals(before, risk.stateHash());

        assertEquals(AdminResult.APPLIED,
            risk.setRiskLimit(Scope.STRATEGY, 1, RiskLimit.MAX_OPEN_ORDERS, 0, Long.MIN_VALUE), "null value removes");
        assertEquals(Long.MAX_VALUE, risk.limit(RiskParameter.MAX_OPEN_ORDERS, Scope.STRATEGY, 1));
    }

    @Test
    void rateLimitChangedAtRunTimeAppliesFromThatCommand()
    {
        final RiskManager risk = Risk.manager("risk.strategy.1.max_orders_per_second = 5\n");
        for (int n = 0; n < 4; n++)
        {
            assertTrue(buy(risk, 1, BTC, "0.1"));
        }
        assertEquals(AdminResult.APPLIED, risk.setRiskLimit(Scope.STRATEGY, 1, RiskLimit.MAX_ORDERS_PER_SECOND, 0, 3));
        assertFalse(buy(risk, 1, BTC, "0.1"), "the 4 recent accepts are kept when the window shrinks");
        assertEquals(AdminResult.APPLIED, risk.setRiskLimit(Scope.STRATEGY, 1, RiskLimit.MAX_ORDERS_PER_SECOND, 0, 6));
        assertTrue(buy(risk, 1, BTC, "0.1"));
        assertTrue(buy(risk, 1, BTC, "0.1"));
        assertFalse(buy(risk, 1, BTC, "0.1"));
    }

    @Test
    void killSwitchScopeSelectsOrdersToCancel()
    {
        assertTrue(RiskManager.inScope(Scope.GLOBAL, 0, 3, BTC));
        assertTrue(RiskManager.inScope(Scope.STRATEGY, 3, 3, BTC));
        assertFalse(RiskManager.inScope(Scope.STRATEGY, 3, 4, BTC));
        assertTrue(RiskManager.inScope(Scope.INSTRUMENT, BTC, 4, BTC));
        assertFalse(RiskManager.inScope(Scope.INSTRUMENT, BTC, 4, ETH));
        assertFalse(RiskManager.inScope(Scope.NULL_VAL, 0, 4, ETH));
    }
}
