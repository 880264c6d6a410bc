package io.ferrum.engine.risk;

import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.TradingState;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2IntHashMap;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Trading states set by sequenced admin commands, global, per strategy and per instrument. The
 * effective state of an order is the most restrictive of the three: HALTED refuses every order,
 * REDUCING only orders that shrink the position.
 */
public final class TradingStates
{
    private static final int ACTIVE = TradingState.ACTIVE.value();

    private int global = ACTIVE;
    private final Int2IntHashMap byStrategy = new Int2IntHashMap(64, 0.5f, ACTIVE);
    private final Int2IntHashMap byInstrument = new Int2IntHashMap(64, 0.5f, ACTIVE);

    public void set(final Scope scope, final int targetId, final TradingState state)
    {
        final int value = state.value();
        switch (scope)
        {
            case GLOBAL:
                global = value;
                break;
            case STRATEGY:
                put(byStrategy, targetId, value);
                break;
            case INSTRUMENT:
                put(byInstrument, targetId, value);
                break;
            default:
                break;
        }
    }

    private static void put(final Int2IntHashMap map, final int key, final int value)
    {
        if (value == ACTIVE)
        {
            map.remove(key);
        }
        else
        {
            map.put(key, value);
        }
    }

    /** The most restrictive state for an order of this strategy in this instrument. */
    public TradingState effective(final int strategyId, final int instrumentId)
    {
        final int state = Math.max(global, Math.max(byStrategy.get(strategyId), byInstrument.get(instrumentId)));
        return TradingState.get((short)state);
    }

    public TradingState global()
    {
        return TradingState.get((short)global);
    }

    public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset, global, ByteOrder.LITTLE_ENDIAN);
        int pos = offset + 4;
        pos += write(byStrategy, buffer, pos);
        pos += write(byInstrument, buffer, pos);
        return pos - offset;
    }

    public int restoreFrom(final DirectBuffer buffer, final int offset)
    {
        global = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
        int pos = offset + 4;
        pos += read(byStrategy, buffer, pos);
        pos += read(byInstrument, buffer, pos);
        return pos - offset;
    }

    private static int write(final Int2IntHashMap map, final MutableDirectBuffer buffer, final int offset)
    {
        // Sorted keys: hash-map slot order depends on insertion history, the snapshot must not.
        final int[] keys = new int[map.size()];
        int n = 0;
        final Int2IntHashMap.KeyIterator it = map.keySet().iterator();
        while (it.hasNext())
        {
            keys[n++] = it.nextValue();
        }
        Arrays.sort(keys);
        buffer.putInt(offset, n, ByteOrder.LITTLE_ENDIAN);
        int pos = offset + 4;
        for (final int key : keys)
        {
            buffer.putInt(pos, key, ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(pos + 4, map.get(key), ByteOrder.LITTLE_ENDIAN);
            pos += 8;
        }
        return pos - offset;
    }

    private static int read(final Int2IntHashMap map, final DirectBuffer buffer, final int offset)
    {
        map.clear();
        final int n = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
        int pos = offset + 4;
        for (int i = 0; i < n; i++)
        {
            map.put(buffer.getInt(pos, ByteOrder.LITTLE_ENDIAN), buffer.getInt(pos + 4, ByteOrder.LITTLE_ENDIAN));
            pos += 8;
        }
        return pos - offset;
    }
}
