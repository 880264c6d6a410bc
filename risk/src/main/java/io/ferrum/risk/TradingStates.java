package io.ferrum.risk;

import io.ferrum.codecs.sbe.TradingState;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;

/**
 * Trading state per scope slot (see {@link ParameterTable}), kept per cause so that one
 * cause never releases another: the operator's state, the daily-loss latch, the drawdown
 * latch and the feed. The state in force at a slot is the most restrictive of the four;
 * an order sees the most restrictive of its global, strategy and instrument slots.
 * A feed recovering clears only the feed cause, so it never undoes a manual halt.
 */
final class TradingStates
{
    static final int MANUAL = 0;
    static final int DAILY_LOSS = 1;
    static final int DRAWDOWN = 2;
    static final int FEED = 3;
    static final int CAUSES = 4;

    static final byte ACTIVE = (byte)TradingState.ACTIVE.value();
    static final byte REDUCING = (byte)TradingState.REDUCING.value();
    static final byte HALTED = (byte)TradingState.HALTED.value();

    private final byte[][] states;
    /** Per slot, the most restrictive cause: kept on every change (rare) so a check reads one byte per scope. */
    private final byte[] effective;

    TradingStates(final int slots)
    {
        states = new byte[CAUSES][slots];
        effective = new byte[slots];
        clear();
    }

    void clear()
    {
        for (final byte[] row : states)
        {
            Arrays.fill(row, ACTIVE);
        }
        Arrays.fill(effective, ACTIVE);
    }

    byte get(final int cause, final int slot)
    {
        return states[cause][slot];
    }

    void set(final int cause, final int slot, final byte state)
    {
        states[cause][slot] = state;
        effective[slot] = worstCause(slot);
    }

    /** Raises a latch (never lowers it): a cause that fires again keeps its worst state. */
    void raise(final int cause, final int slot, final byte state)
    {
        if (state > states[cause][slot])
        {
            states[cause][slot] = state;
            effective[slot] = worstCause(slot);
        }
    }

    void clearCause(final int cause)
    {
        Arrays.fill(states[cause], ACTIVE);
        for (int slot = 0; slot < effective.length; slot++)
        {
            effective[slot] = worstCause(slot);
        }
    }

    /** Most restrictive state at a slot, over every cause. */
    byte effective(final int slot)
    {
        return effective[slot];
    }

    private byte worstCause(final int slot)
    {
        byte max = ACTIVE;
        for (int c = 0; c < CAUSES; c++)
        {
            max = (byte)Math.max(max, states[c][slot]);
        }
        return max;
    }

    /** The cause holding the slot at {@code state}: manual first, then drawdown, daily loss, feed. */
    int causeOf(final int slot, final byte state)
    {
        if (states[MANUAL][slot] == state)
        {
            return MANUAL;
        }
        if (states[DRAWDOWN][slot] == state)
        {
            return DRAWDOWN;
        }
        if (states[DAILY_LOSS][slot] == state)
        {
            return DAILY_LOSS;
        }
        return FEED;
    }

    int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        int at = offset;
        for (final byte[] row : states)
        {
            buffer.putBytes(at, row);
            at += row.length;
        }
        return at - offset;
    }

    int restoreFrom(final DirectBuffer buffer, final int offset)
    {
        int at = offset;
        for (final byte[] row : states)
        {
            buffer.getBytes(at, row);
            for (final byte b : row)
            {
                if (b < ACTIVE || b > HALTED)
                {
                    throw new IllegalStateException("corrupt risk snapshot: trading state " + b);
                }
            }
            at += row.length;
        }
        for (int slot = 0; slot < effective.length; slot++)
        {
            effective[slot] = worstCause(slot);
        }
        return at - offset;
    }
}
