package io.ferrum.engine.order;

import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The instruments whose cancel-everything at the venue (a kill switch's CancelAllOrders) has no
 * answer on the log yet: the venue's CancelAllResult for an instrument clears it. Until then a
 * reconcile answer carries the CancelAllOrders again, so that a kill switch whose egress was lost
 * with a failed leader (or a killed gateway) is still carried out at the venue by the next one.
 * <p>
 * Part of the engine's state (snapshot and state hash): the log time of the latest kill switch and
 * the instruments still waiting, by instrument id.
 */
final class VenueCancelAlls
{
    private final InstrumentRegistry instruments;
    private final boolean[] waiting;
    private long killSwitchNs;
    private int count;

    VenueCancelAlls(final InstrumentRegistry instruments)
    {
        this.instruments = instruments;
        int max = 0;
        for (final Instrument instrument : instruments.instruments())
        {
            max = Math.max(max, instrument.instrumentId());
        }
        this.waiting = new boolean[max + 1];
    }

    /** A CancelAllOrders went out at {@code timeNs} for one instrument, or for all when {@code instrumentId} is 0. */
    void requested(final int instrumentId, final long timeNs)
    {
        killSwitchNs = timeNs;
        for (final Instrument instrument : instruments.instruments())
        {
            if (0 == instrumentId || instrument.instrumentId() == instrumentId)
            {
                wait(instrument.instrumentId(), true);
            }
        }
    }

    /** The venue answered the cancel-everything of one instrument. */
    void answered(final int instrumentId)
    {
        if (instrumentId > 0 && instrumentId < waiting.length)
        {
            wait(instrumentId, false);
        }
    }

    /** Instruments still waiting for their answer. */
    int count()
    {
        return count;
    }

    /** The next waiting instrument id above {@code afterId} (0 to start), or 0 when none. */
    int next(final int afterId)
    {
        for (int id = afterId + 1; id < waiting.length; id++)
        {
            if (waiting[id])
            {
                return id;
            }
        }
        return 0;
    }

    /** Log time of the kill switch the waiting instruments belong to. */
    long killSwitchNs()
    {
        return killSwitchNs;
    }

    private void wait(final int instrumentId, final boolean value)
    {
        if (waiting[instrumentId] != value)
        {
            waiting[instrumentId] = value;
            count += value ? 1 : -1;
        }
    }

    /** Layout: killSwitchNs, count, then each waiting instrument id in ascending order. */
    int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putLong(offset, count > 0 ? killSwitchNs : 0, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + Long.BYTES, count, ByteOrder.LITTLE_ENDIAN);
        int pos = offset + Long.BYTES + Integer.BYTES;
        for (int id = next(0); id != 0; id = next(id))
        {
            buffer.putInt(pos, id, ByteOrder.LITTLE_ENDIAN);
            pos += Integer.BYTES;
        }
        return pos - offset;
    }

    int restoreFrom(final DirectBuffer buffer, final int offset)
    {
        Arrays.fill(waiting, false);
        count = 0;
        killSwitchNs = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        final int waitingCount = buffer.getInt(offset + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
        int pos = offset + Long.BYTES + Integer.BYTES;
        for (int i = 0; i < waitingCount; i++)
        {
            final int id = buffer.getInt(pos, ByteOrder.LITTLE_ENDIAN);
            if (id <= 0 || id >= waiting.length)
            {
                throw new IllegalStateException("snapshot waits for a cancel-all answer of instrument " + id +
                    ", which the engine does not have");
            }
            wait(id, true);
            pos += Integer.BYTES;
        }
        return pos - offset;
    }
}
