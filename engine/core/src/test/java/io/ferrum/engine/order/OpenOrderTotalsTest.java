package io.ferrum.engine.order;

import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.EngineHarness;
import io.ferrum.engine.ScriptedStrategy;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.strategy.OrderRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order manager's open-order totals (what pre-trade risk reads) always equal a walk over the
 * open orders, through sends, acknowledgements, partial and full fills, cancels and a snapshot
 * restore, for two strategies on both sides.
 */
class OpenOrderTotalsTest
{
    private static final int INSTRUMENT = 1;
    private final Instrument btc = new Instrument(INSTRUMENT, "BTCUSDT", Venue.SIMULATED, -2, -5, 1, 100);

    @Test
    void totalsMatchAWalkOverTheOpenOrdersThroughTheirLifecycle()
    {
        final ScriptedStrategy one = new ScriptedStrategy(1);
        final ScriptedStrategy two = new ScriptedStrategy(2);
        final EngineHarness harness = new EngineHarness(btc, one, two);
        harness.book(5_000_000, 100_000, 5_000_100, 100_000);
        final Random random = new Random(42);
        final List<Long> live = new ArrayList<>();
        for (int step = 0; step < 400; step++)
        {
            final int action = random.nextInt(6); // opens outnumber closes: orders pile up as under a backlog
            if (action <= 2 || live.isEmpty())
            {
                final ScriptedStrategy strategy = random.nextBoolean() ? one : two;
                final boolean buy = random.nextBoolean();
                final long quantity = 1_000 * (1 + random.nextInt(4));
                final long[] id = new long[1];
                strategy.onBookAction = ctx ->
                {
                    final OrderRequest request = ctx.newOrder().instrument(INSTRUMENT).limit(buy ? 4_990_000 : 5_010_000)
                        .quantity(quantity);
                    id[0] = (buy ? request.buy() : request.sell()).send();
                };
                harness.book(5_000_000, 100_000 + step, 5_000_100, 100_000);
                strategy.onBookAction = null;
                assertTrue(id[0] > 0, "order refused: " + id[0]);
                live.add(id[0]);
                harness.ack(id[0]);
            }
            else
            {
                final int index = random.nextInt(live.size());
                final long id = live.get(index);
                final Order order = harness.engine.orderManager().order(id);
                final long leaves = order.quantity() - order.filledQuantity();
                if (action == 3 && leaves > 1_000)
                {
                    harness.fill(id, order.price(), 1_000);
                }
                else if (action == 4)
                {
                    harness.fill(id, order.price(), leaves);
                    live.remove(index);
                }
                else
                {
                    harness.canceled(id);
                    live.remove(index);
                }
            }
            assertTotalsMatchWalk(harness.engine.orderManager());
        }
        assertEquals(live.size(), harness.engine.orderManager().openOrderCount(0, 0));
        assertTrue(live.size() > 10, "the walk should leave open orders to restore: " + live.size());

        final EngineHarness restored = new EngineHarness(btc, new ScriptedStrategy(1), new ScriptedStrategy(2));
        restored.restoreFrom(harness);
        assertTotalsMatchWalk(restored.engine.orderManager());
        assertEquals(live.size(), restored.engine.orderManager().openOrderCount(0, 0));
    }

    private static void assertTotalsMatchWalk(final OrderManager orders)
    {
        for (int strategyId = 0; strategyId <= 2; strategyId++)
        {
            for (final int instrumentId : new int[]{0, INSTRUMENT})
            {
                int count = 0;
                long buy = 0;
                long sell = 0;
                for (Order order = orders.firstOpen(); order != null; order = orders.nextOpen(order))
                {
                    if ((strategyId == 0 || order.strategyId() == strategyId) &&
                        (instrumentId == 0 || order.instrumentId() == instrumentId))
                    {
                        count++;
                        final long leaves = order.quantity() - order.filledQuantity();
                        if (order.sideCode() == Side.BUY)
                        {
                            buy += leaves;
                        }
                        else
                        {
                            sell += leaves;
                        }
                    }
                }
                final String key = "strategy " + strategyId + " instrument " + instrumentId;
                assertEquals(count, orders.openOrderCount(strategyId, instrumentId), key);
                assertEquals(buy, orders.openQuantity(strategyId, instrumentId, Side.BUY), key);
                assertEquals(sell, orders.openQuantity(strategyId, instrumentId, Side.SELL), key);
            }
        }
    }
}
