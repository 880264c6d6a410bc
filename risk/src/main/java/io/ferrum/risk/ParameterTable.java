package io.ferrum.risk;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;

/**
 * Every parameter at every scope, as mantissas at the parameter's exponent; {@link #NONE}
 * where nothing is set. Scope slots: 0 global, {@code 1 + strategyId},
 * {@code 1 + strategies + instrumentId}.
 */
final class ParameterTable
{
    static final long NONE = Long.MAX_VALUE;

    private final int strategies;
    private final long[][] values;
    /** Per parameter, one past the highest strategy id it was ever set for: loops over strategies stop there. */
    private final int[] strategyBound;
    /** Per parameter, whether it was ever set at any scope since the last clear. */
    private final boolean[] everSet;

    ParameterTable(final int strategies, final int instruments)
    {
        this.strategies = strategies;
        values = new long[RiskParameter.count()][1 + strategies + instruments];
        strategyBound = new int[RiskParameter.count()];
        everSet = new boolean[RiskParameter.count()];
        clear();
    }

    void clear()
    {
        for (final long[] row : values)
        {
            Arrays.fill(row, NONE);
        }
        Arrays.fill(strategyBound, 0);
        Arrays.fill(everSet, false);
    }

    int strategySlot(final int strategyId)
    {
        return 1 + strategyId;
    }

    int instrumentSlot(final int instrumentId)
    {
        return 1 + strategies + instrumentId;
    }

    long get(final RiskParameter parameter, final int slot)
    {
        return values[parameter.ordinal()][slot];
    }

    void set(final RiskParameter parameter, final int slot, final long value)
    {
        put(parameter.ordinal(), slot, value);
    }

    /**
     * Strategy ids at or above this have never had {@code parameter} set, so it is {@link #NONE}
     * at their strategy scope: per-event loops over strategies need not look further.
     */
    int strategyBound(final RiskParameter parameter)
    {
        return strategyBound[parameter.ordinal()];
    }

    /** False while {@code parameter} is {@link #NONE} at every scope (and has been since the last clear). */
    boolean isEverSet(final RiskParameter parameter)
    {
        return everSet[parameter.ordinal()];
    }

    private void put(final int parameter, final int slot, final long value)
    {
        values[parameter][slot] = value;
        everSet[parameter] |= value != NONE;
        if (slot >= 1 && slot <= strategies && value != NONE)
        {
            strategyBound[parameter] = Math.max(strategyBound[parameter], slot); // slot 1 + id: the bound is id + 1
        }
    }

    /** The smallest value set at the global, strategy or instrument scope. */
    long tightest(final RiskParameter parameter, final int strategyId, final int instrumentId)
    {
        final long[] row = values[parameter.ordinal()];
        return Math.min(row[0], Math.min(row[1 + strategyId], row[1 + strategies + instrumentId]));
    }

    /** Which scope slot holds {@link #tightest}'s value (the first of equal ones: global, strategy, instrument). */
    int tightestSlot(final RiskParameter parameter, final int strategyId, final int instrumentId)
    {
        final long[] row = values[parameter.ordinal()];
        final long min = tightest(parameter, strategyId, instrumentId);
        if (row[0] == min)
        {
            return 0;
        }
        return row[1 + strategyId] == min ? 1 + strategyId : 1 + strategies + instrumentId;
    }

    /** Sparse: the count, then (parameter, slot, value) for every value that is set. */
    int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        int at = offset + Integer.BYTES;
        int written = 0;
        for (int p = 0; p < values.length; p++)
        {
            for (int slot = 0; slot < values[p].length; slot++)
            {
                if (values[p][slot] != NONE)
                {
                    buffer.putInt(at, p);
                    buffer.putInt(at + 4, slot);
                    buffer.putLong(at + 8, values[p][slot]);
                    at += 16;
                    written++;
                }
            }
        }
        buffer.putInt(offset, written);
        return at - offset;
    }

    int restoreFrom(final DirectBuffer buffer, final int offset)
    {
        clear();
        final int n = buffer.getInt(offset);
        int at = offset + Integer.BYTES;
        for (int e = 0; e < n; e++)
        {
            final int p = buffer.getInt(at);
            final int slot = buffer.getInt(at + 4);
            if (p < 0 || p >= values.length || slot < 0 || slot >= values[p].length)
            {
                throw new IllegalStateException("corrupt risk snapshot: limit " + p + " at slot " + slot);
            }
            put(p, slot, buffer.getLong(at + 8));
            at += 16;
        }
        return at - offset;
    }
}
