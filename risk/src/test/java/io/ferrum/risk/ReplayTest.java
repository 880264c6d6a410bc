package io.ferrum.risk;

import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.RiskLimit;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ferrum.risk.Risk.BTC;
import static io.ferrum.risk.Risk.NS;
import static io.ferrum.risk.Risk.T0;
import static io.ferrum.risk.Risk.e8;
import static io.ferrum.risk.TestPortfolio.PE;
import static io.ferrum.risk.TestPortfolio.SE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A log of orders with a SetRiskLimit in the middle, played twice from the start: the
 * same decisions and the same hash every time, and the new limit applies from exactly
 * the command's position in the log.
 */
class ReplayTest
{
    private static final int LIMIT_CHANGE_AT = 50;

    private static List<String> play(final List<Long> hashes)
    {
        final RiskManager risk = Risk.manager("risk.global.max_order_notional = 30000\n");
        final TestPortfolio portfolio = new TestPortfolio(8, 16, e8("1000000"));
        portfolio.reference(BTC, e8("50000"));
        final RiskOrder order = new RiskOrder();
        final List<String> decisions = new ArrayList<>();
        for (int position = 0; position < 100; position++)
        {
            final long now = T0 + position * NS / 10;
            if (position == LIMIT_CHANGE_AT)
            {
                decisions.add(position + ":" + risk.setRiskLimit(Scope.GLOBAL, 0, RiskLimit.MAX_ORDER_NOTIONAL, 0, 20000));
                continue;
            }
            final long quantity = e8("0.45");
            risk.check(order.newOrder(position % 3, BTC, position, position % 2 == 0 ? Side.BUY : Side.SELL,
                OrderType.LIMIT, PE, e8("50000"), SE, quantity, false), portfolio, now);
            decisions.add(position + ":" + risk.decision());
            hashes.add(risk.stateHash());
        }
        return decisions;
    }

    @Test
    void replayReproducesEveryDecisionAndTheLimitChangePoint()
    {
        final List<Long> firstHashes = new ArrayList<>();
        final List<Long> secondHashes = new ArrayList<>();
        final List<String> first = play(firstHashes);
        final List<String> second = play(secondHashes);
        assertEquals(first, second);
        assertEquals(firstHashes, secondHashes);

        // 0.45 BTC at 50,000 is 22,500: under 30,000 before the command, over 20,000 after it
        for (int position = 0; position < 100; position++)
        {
            final String decision = first.get(position);
            if (position < LIMIT_CHANGE_AT)
            {
                assertEquals(position + ":accepted{clientOrderId=" + position + ", notional=22500.00000000}", decision);
            }
            else if (position == LIMIT_CHANGE_AT)
            {
                assertEquals(position + ":APPLIED", decision);
            }
            else
            {
                assertEquals(true, decision.contains(RiskRejectReason.MAX_ORDER_NOTIONAL.name()), decision);
            }
        }
    }
}
