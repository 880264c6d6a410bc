package io.ferrum.strategy;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategyParametersTest
{
    @Test
    void readsTypedValuesUnderThePrefixWithDefaults()
    {
        final StrategyParameters p = new StrategyParameters(
            Map.of("strategy.a.size", "1500", "strategy.a.label", "x y", "strategy.b.other", "ignored", "top", "1"),
            "strategy.a.");
        assertEquals(1500L, p.longValue("size", 0));
        assertEquals(7, p.integer("window", 7));
        assertEquals("x y", p.string("label", null));
        assertTrue(p.contains("size"));
        assertFalse(p.contains("other"));
        p.refuseUnknown();
        assertEquals("label = x y\nsize = 1500\n", p.describe());
    }

    @Test
    void aKeyTheStrategyNeverReadIsRefusedByName()
    {
        final StrategyParameters p = new StrategyParameters(Map.of("strategy.a.sise", "1"), "strategy.a.");
        p.longValue("size", 0);
        p.integer("window", 0);
        final String message = assertThrows(IllegalArgumentException.class, p::refuseUnknown).getMessage();
        assertEquals("unknown key 'strategy.a.sise', expected strategy.a.<one of [size, window]>", message);
    }

    @Test
    void aValueThatIsNotAnIntegerIsRefusedWithItsKey()
    {
        final StrategyParameters p = new StrategyParameters(Map.of("s.size", "1e3", "s.window", "99999999999"), "s.");
        assertEquals("s.size must be an integer: '1e3'",
            assertThrows(IllegalArgumentException.class, () -> p.longValue("size", 0)).getMessage());
        assertEquals("s.window must be an integer: '99999999999'",
            assertThrows(IllegalArgumentException.class, () -> p.integer("window", 0)).getMessage());
    }
}
