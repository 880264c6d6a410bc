package io.ferrum.risk;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterTableTest
{
    private static final int STRATEGIES = 64;
    private static final int INSTRUMENTS = 16;

    @Test
    void strategyBoundIsOnePastTheHighestStrategyIdEverSet()
    {
        final ParameterTable table = new ParameterTable(STRATEGIES, INSTRUMENTS);
        assertEquals(0, table.strategyBound(RiskParameter.DAILY_LOSS_LIMIT));

        table.set(RiskParameter.DAILY_LOSS_LIMIT, 0, 5);                          // global scope
        table.set(RiskParameter.DAILY_LOSS_LIMIT, table.instrumentSlot(3), 5);    // instrument scope
        assertEquals(0, table.strategyBound(RiskParameter.DAILY_LOSS_LIMIT));

        table.set(RiskParameter.DAILY_LOSS_LIMIT, table.strategySlot(9), 5);
        table.set(RiskParameter.DAILY_LOSS_LIMIT, table.strategySlot(2), 5);
        assertEquals(10, table.strategyBound(RiskParameter.DAILY_LOSS_LIMIT));
        assertEquals(0, table.strategyBound(RiskParameter.MAX_OPEN_ORDERS), "per parameter");

        table.set(RiskParameter.DAILY_LOSS_LIMIT, table.strategySlot(STRATEGIES - 1), 5);
        assertEquals(STRATEGIES, table.strategyBound(RiskParameter.DAILY_LOSS_LIMIT), "the last id is covered");

        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        table.snapshotTo(buffer, 0);
        final ParameterTable restored = new ParameterTable(STRATEGIES, INSTRUMENTS);
        restored.restoreFrom(buffer, 0);
        assertEquals(STRATEGIES, restored.strategyBound(RiskParameter.DAILY_LOSS_LIMIT));

        table.clear();
        assertEquals(0, table.strategyBound(RiskParameter.DAILY_LOSS_LIMIT));
    }

    @Test
    void aParameterIsEverSetOnceAnyScopeHoldsAValue()
    {
        final ParameterTable table = new ParameterTable(STRATEGIES, INSTRUMENTS);
        assertFalse(table.isEverSet(RiskParameter.TRAILING_STOP_BPS));
        table.set(RiskParameter.TRAILING_STOP_BPS, table.instrumentSlot(INSTRUMENTS - 1), ParameterTable.NONE);
        assertFalse(table.isEverSet(RiskParameter.TRAILING_STOP_BPS), "NONE is not a value");
        table.set(RiskParameter.TRAILING_STOP_BPS, table.instrumentSlot(INSTRUMENTS - 1), 50);
        assertTrue(table.isEverSet(RiskParameter.TRAILING_STOP_BPS));
        assertFalse(table.isEverSet(RiskParameter.STOP_LOSS_BPS));

        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        table.snapshotTo(buffer, 0);
        final ParameterTable restored = new ParameterTable(STRATEGIES, INSTRUMENTS);
        restored.restoreFrom(buffer, 0);
        assertTrue(restored.isEverSet(RiskParameter.TRAILING_STOP_BPS));
        table.clear();
        assertFalse(table.isEverSet(RiskParameter.TRAILING_STOP_BPS));
    }
}
