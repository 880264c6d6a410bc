package io.ferrum.engine.order;

import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.nio.ByteOrder;

/**
 * Every strategy's positions, shared by all strategies of the engine. Positions are created on a
 * strategy's first order in an instrument (one allocation per pair, never per event) and kept in
 * creation order, which is what snapshots and totals iterate over.
 * <p>
 * Totals add P&amp;L across instruments in their own quote currencies without conversion: they are
 * meaningful when instruments share a quote currency (documented in docs/engine.md).
 */
public final class Portfolio
{
    private final int moneyExponent;
    private final long initialEquity;
    private final Long2ObjectHashMap<Position> byKey;
    private Position[] positions;
    private int size;

    public Portfolio(final int moneyExponent, final long initialEquity, final int expectedPositions)
    {
        this.moneyExponent = moneyExponent;
        this.initialEquity = initialEquity;
        this.byKey = new Long2ObjectHashMap<>(Math.max(16, expectedPositions * 2), 0.5f);
        this.positions = new Position[Math.max(4, expectedPositions)];
    }

    public int moneyExponent()
    {
        return moneyExponent;
    }

    public long initialEquity()
    {
        return initialEquity;
    }

    static long key(final int strategyId, final int instrumentId)
    {
        return ((long)strategyId << 32) | (instrumentId & 0xFFFF_FFFFL);
    }

    /** The position, or null when the strategy never traded the instrument. */
    public Position find(final int strategyId, final int instrumentId)
    {
        return byKey.get(key(strategyId, instrumentId));
    }

    public Position getOrCreate(final int strategyId, final Instrument instrument)
    {
        final long key = key(strategyId, instrument.instrumentId());
        Position position = byKey.get(key);
        if (position == null)
        {
            position = new Position(strategyId, instrument, moneyExponent);
            byKey.put(key, position);
            if (size == positions.length)
            {
                final Position[] grown = new Position[size * 2];
                System.arraycopy(positions, 0, grown, 0, size);
                positions = grown;
            }
            positions[size++] = position;
        }
        return position;
    }

    public int size()
    {
        return size;
    }

    /** Position by creation index, for iteration without an iterator. */
    public Position position(final int index)
    {
        return positions[index];
    }

    /** Signed quantity of a strategy in an instrument, 0 when none. */
    public long quantity(final int strategyId, final int instrumentId)
    {
        final Position position = find(strategyId, instrumentId);
        return position == null ? 0 : position.quantity();
    }

    /** Net signed quantity in an instrument over every strategy. */
    public long instrumentQuantity(final int instrumentId)
    {
        long total = 0;
        for (int i = 0; i < size; i++)
        {
            if (positions[i].instrumentId() == instrumentId)
            {
                total += positions[i].quantity();
            }
        }
        return total;
    }

    /** Realized P&amp;L before fees; strategyId 0 means all strategies. */
    public long realizedPnl(final int strategyId)
    {
        long total = 0;
        for (int i = 0; i < size; i++)
        {
            if (strategyId == 0 || positions[i].strategyId() == strategyId)
            {
                total += positions[i].realizedPnl();
            }
        }
        return total;
    }

    /** Fees; strategyId 0 means all strategies. */
    public long fees(final int strategyId)
    {
        long total = 0;
        for (int i = 0; i < size; i++)
        {
            if (strategyId == 0 || positions[i].strategyId() == strategyId)
            {
                total += positions[i].fees();
            }
        }
        return total;
    }

    /** Unrealized P&amp;L at the mark prices; strategyId 0 means all strategies. */
    public long unrealizedPnl(final int strategyId, final MarkPrices marks)
    {
        long total = 0;
        for (int i = 0; i < size; i++)
        {
            final Position position = positions[i];
            if (strategyId == 0 || position.strategyId() == strategyId)
            {
                total += position.unrealizedPnl(marks.markPrice(position.instrumentId()));
            }
        }
        return total;
    }

    /** Initial equity + realized - fees + unrealized, over all strategies, money exponent. */
    public long equity(final MarkPrices marks)
    {
        return initialEquity + realizedPnl(0) - fees(0) + unrealizedPnl(0, marks);
    }

    public long fills(final int strategyId)
    {
        long total = 0;
        for (int i = 0; i < size; i++)
        {
            if (strategyId == 0 || positions[i].strategyId() == strategyId)
            {
                total += positions[i].fillCount();
            }
        }
        return total;
    }

    public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset, size, ByteOrder.LITTLE_ENDIAN);
        int pos = offset + Integer.BYTES;
        for (int i = 0; i < size; i++)
        {
            pos += positions[i].snapshotTo(buffer, pos);
        }
        return pos - offset;
    }

    public int restoreFrom(final DirectBuffer buffer, final int offset, final InstrumentRegistry instruments)
    {
        byKey.clear();
        for (int i = 0; i < size; i++)
        {
            positions[i] = null;
        }
        size = 0;
        final int count = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
        int pos = offset + Integer.BYTES;
        for (int i = 0; i < count; i++)
        {
            final int strategyId = buffer.getInt(pos, ByteOrder.LITTLE_ENDIAN);
            final int instrumentId = buffer.getInt(pos + 4, ByteOrder.LITTLE_ENDIAN);
            final Instrument instrument = instruments.get(instrumentId);
            if (instrument == null)
            {
                throw new IllegalStateException("snapshot position in unknown instrument " + instrumentId);
            }
            getOrCreate(strategyId, instrument).restoreFrom(buffer, pos);
            pos += Position.SNAPSHOT_LENGTH;
        }
        return pos - offset;
    }
}
