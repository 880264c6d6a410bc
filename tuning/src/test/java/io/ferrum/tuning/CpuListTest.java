package io.ferrum.tuning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuListTest
{
    @Test
    void parsesTheKernelSyntaxAndFormatsItBack()
    {
        final BitSet cpus = CpuList.parse("0-3,8, 10-11\n");
        assertEquals("0-3,8,10-11", CpuList.format(cpus));
        assertEquals(7, cpus.cardinality());
        assertTrue(cpus.get(11));
    }

    @Test
    void blankIsNoCpu()
    {
        assertTrue(CpuList.parse(" \n").isEmpty());
        assertEquals("(none)", CpuList.format(new BitSet()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "a", "1-", "-1", "3-1", "1,,2", "1.5", "999999", "0x2" })
    void refusesMalformedLists(final String text)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> CpuList.parse(text));
        assertTrue(ex.getMessage().contains(text), ex.getMessage());
    }
}
