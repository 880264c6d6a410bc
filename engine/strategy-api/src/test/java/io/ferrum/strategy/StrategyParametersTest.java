package io.ferrum.strategy;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategyParametersTest
{
    private static final Set<String> NAMES = Set.of("size", "window", "label");

    @Test
    void readsTypedValuesUnderThePrefixWithDefaults()
    {
        final StrategyParameters p = new StrategyParameters(
            Map.of("strategy.a.size", "1500", "strategy.a.label", "x y", "strategy.b.other", "ignored", "top", "1"),
            "strategy.a.", NAMES);
        assertEquals(1500L, p.longValue("size", 0));
        assertEquals(7, p.integer("window", 7));
        assertEquals("x y", p.string("label", null));
        assertTrue(p.contains("size"));
        assertFalse(p.contains("window"));
    }

    @Test
    void anUnknownKeyIsRefusedByName()
    {
        final String message = assertThrows(IllegalArgumentException.class, () -> new StrategyParameters(
            Map.of("strategy.a.sise", "1"), "strategy.a.", NAMES)).getMessage();
        assertEquals("unknown key 'strategy.a.sise', expected strategy.a.<one of [label, size, window]>", message);
    }

    @Test
    void aValueThatIsNotAnIntegerIsRefusedWithItsKey()
    {
        final StrategyParameters p = new StrategyParameters(
            Map.of("s.size", "1e3", "s.window", "99999999999"), "s.", NAMES);
        assertEquals("s.size must be an integer: '1e3'",
            assertThrows(IllegalArgumentException.class, () -> p.longValue("size", 0)).getMessage());
        assertEquals("s.window must be an integer: '99999999999'",
            assertThrows(IllegalArgumentException.class, () -> p.integer("window", 0)).getMessage());
    }
}
