package io.ferrum.engine.order;

import io.ferrum.codecs.sbe.AccountBalancesDecoder;
import io.ferrum.codecs.sbe.BalanceUpdate;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.risk.FixedMath;
import io.ferrum.risk.RiskManager;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The venue's spot account as the log shows it: free and locked per asset, at
 * {@link RiskManager#BALANCE_EXPONENT}, changed only by sequenced AccountBalances inputs (so a replay and
 * a standby hold the same), and what Ferrum has reserved for orders whose effect the venue's balances do
 * not show yet.
 * <p>
 * Assets: the base and quote assets of the engine's instruments, in registry order; balances of other
 * assets are not kept (no order spends them). One account: an engine trades one venue account.
 * <p>
 * Reservations, so that two quick orders cannot both spend the same free balance: an order the balance
 * rule accepted reserves what it needs from the moment it is sent. The venue's free balance already
 * leaves out what its acknowledged orders lock, so the reservation goes once the venue's balances show
 * the order: at the first AccountBalances that lists the reserved asset (or is a SNAPSHOT) after the
 * order's first execution report (the local exchange sends a change's {@code outboundAccountPosition} right
 * after its {@code executionReport}; Binance documents no order between the two, see the double count below). A report that ends an order without a fill (REJECTED, or CANCELED and EXPIRED
 * with nothing filled) releases it at once: such an order leaves the free balance as it was. Released
 * once only (a reservation is removed when released), so nothing is counted twice; while both the
 * reservation and the venue's lock are counted (a balance that arrives before the report) the rule
 * errs on the side of refusing.
 * <p>
 * Hostile input: an AccountBalances with a negative or unreadable amount, an asset that is not printable
 * ASCII, or an unknown update kind is refused whole (the caller counts it); nothing is changed.
 */
public final class SpotAccount
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int ASSET_LENGTH = 16;
    private static final byte PENDING = 0;
    private static final byte REPORTED = 1;

    private final String[] names;
    private final long[] nameLow;
    private final long[] nameHigh;
    private final long[] free;
    private final long[] locked;
    private final long[] reserved;
    private final boolean[] listed;
    /** By instrument id: slot of its base and quote asset, -1 when the instrument has none. */
    private final int[] baseSlot;
    private final int[] quoteSlot;
    private boolean known;

    private final long[] reservationOrder;
    private final int[] reservationAsset;
    private final long[] reservationAmount;
    private final byte[] reservationState;
    private int reservations;

    private final byte[] assetBytes = new byte[ASSET_LENGTH];
    private final UnsafeBuffer assetBuffer = new UnsafeBuffer(assetBytes);

    /**
     * @param maxReservations most orders that may hold a reservation at once; an order beyond it is refused
     */
    public SpotAccount(final InstrumentRegistry instruments, final int maxReservations)
    {
        final List<String> assets = new ArrayList<>();
        int maxId = 0;
        for (final Instrument instrument : instruments.instruments())
        {
            maxId = Math.max(maxId, instrument.instrumentId());
            for (final String asset : new String[]{instrument.baseAsset(), instrument.quoteAsset()})
            {
                if (!asset.isEmpty() && !assets.contains(asset))
                {
                    assets.add(asset);
                }
            }
        }
        final int count = assets.size();
        names = assets.toArray(new String[0]);
        nameLow = new long[count];
        nameHigh = new long[count];
        for (int a = 0; a < count; a++)
        {
            final byte[] ascii = names[a].getBytes(StandardCharsets.US_ASCII);
            if (ascii.length > ASSET_LENGTH)
            {
                throw new IllegalArgumentException("asset longer than " + ASSET_LENGTH + " characters: " + names[a]);
            }
            final UnsafeBuffer padded = new UnsafeBuffer(new byte[ASSET_LENGTH]);
            padded.putBytes(0, ascii);
            nameLow[a] = padded.getLong(0, ORDER);
            nameHigh[a] = padded.getLong(8, ORDER);
        }
        free = new long[count];
        locked = new long[count];
        reserved = new long[count];
        listed = new boolean[count];
        baseSlot = new int[maxId + 1];
        quoteSlot = new int[maxId + 1];
        Arrays.fill(baseSlot, -1);
        Arrays.fill(quoteSlot, -1);
        for (final Instrument instrument : instruments.instruments())
        {
            baseSlot[instrument.instrumentId()] = assets.indexOf(instrument.baseAsset());
            quoteSlot[instrument.instrumentId()] = assets.indexOf(instrument.quoteAsset());
        }
        reservationOrder = new long[maxReservations];
        reservationAsset = new int[maxReservations];
        reservationAmount = new long[maxReservations];
        reservationState = new byte[maxReservations];
    }

    /** Whether the venue's balances have been on the log yet. */
    public boolean isKnown()
    {
        return known;
    }

    /** Slot of an asset, or -1 when no instrument trades it. */
    public int slotOf(final String asset)
    {
        for (int a = 0; a < names.length; a++)
        {
            if (names[a].equals(asset))
            {
                return a;
            }
        }
        return -1;
    }

    public long free(final int slot)
    {
        return free[slot];
    }

    public long locked(final int slot)
    {
        return locked[slot];
    }

    public long reserved(final int slot)
    {
        return reserved[slot];
    }

    /** Orders holding a reservation. */
    public int reservationCount()
    {
        return reservations;
    }

    /**
     * What an order on the instrument may spend of the asset it pays with (quote for a buy, base for a sell):
     * free less reserved, never below 0; 0 before the first balances, for an instrument without that asset,
     * or when every reservation slot is taken (such an order could not be reserved).
     */
    public long spendable(final int instrumentId, final boolean buy)
    {
        final int slot = slot(instrumentId, buy);
        if (!known || slot < 0 || reservations == reservationOrder.length)
        {
            return 0;
        }
        return Math.max(0, free[slot] - reserved[slot]);
    }

    /** Slot of the asset an order on the instrument pays with, or -1. */
    int slot(final int instrumentId, final boolean buy)
    {
        if (instrumentId <= 0 || instrumentId >= baseSlot.length)
        {
            return -1;
        }
        return buy ? quoteSlot[instrumentId] : baseSlot[instrumentId];
    }

    /** An order passed the balance rule and was sent: {@code amount} of its paying asset is held for it. */
    void reserve(final long clientOrderId, final int instrumentId, final boolean buy, final long amount)
    {
        final int slot = slot(instrumentId, buy);
        if (amount <= 0 || slot < 0 || reservations == reservationOrder.length)
        {
            return; // the rule refused such an order unless it needs nothing
        }
        final int r = reservations++;
        reservationOrder[r] = clientOrderId;
        reservationAsset[r] = slot;
        reservationAmount[r] = amount;
        reservationState[r] = PENDING;
        reserved[slot] = FixedMath.addSaturated(reserved[slot], amount);
    }

    /**
     * The venue reported on the order: its reservation now waits for the next balances of its asset, or goes
     * at once when {@code endsUnfilled} (ended without a fill: nothing of it reaches the balances).
     */
    void onReport(final long clientOrderId, final boolean endsUnfilled)
    {
        for (int r = 0; r < reservations; r++)
        {
            if (reservationOrder[r] == clientOrderId)
            {
                if (endsUnfilled)
                {
                    release(r);
                }
                else
                {
                    reservationState[r] = REPORTED;
                }
                return;
            }
        }
    }

    /**
     * Applies a sequenced AccountBalances (its decoder positioned by the caller on a message that fits the
     * input). Refused whole, changing nothing, when any entry is malformed.
     *
     * @return false when refused
     */
    public boolean onBalances(final AccountBalancesDecoder message)
    {
        final BalanceUpdate update = message.update();
        final int exponent = message.balanceExponent();
        if ((update != BalanceUpdate.SNAPSHOT && update != BalanceUpdate.CHANGED) || exponent < -18 || exponent > 0)
        {
            return false;
        }
        AccountBalancesDecoder.BalancesDecoder entries = message.sbeRewind().balances();
        while (entries.hasNext())
        {
            entries.next();
            if (!readAsset(entries) || entries.free() < 0 || entries.locked() < 0 ||
                rescale(entries.free(), exponent) < 0 || rescale(entries.locked(), exponent) < 0)
            {
                return false;
            }
        }
        // every entry is sound: the second pass over the same entries applies them
        entries = message.sbeRewind().balances();
        if (update == BalanceUpdate.SNAPSHOT)
        {
            Arrays.fill(free, 0);
            Arrays.fill(locked, 0);
        }
        while (entries.hasNext())
        {
            entries.next();
            readAsset(entries);
            final int slot = slotOfName();
            if (slot >= 0)
            {
                free[slot] = rescale(entries.free(), exponent);
                locked[slot] = rescale(entries.locked(), exponent);
                listed[slot] = true;
            }
        }
        known = true;
        final boolean all = update == BalanceUpdate.SNAPSHOT;
        for (int r = reservations - 1; r >= 0; r--)
        {
            if (reservationState[r] == REPORTED && (all || listed[reservationAsset[r]]))
            {
                release(r);
            }
        }
        Arrays.fill(listed, false);
        return true;
    }

    private void release(final int r)
    {
        final int slot = reservationAsset[r];
        reserved[slot] -= reservationAmount[r];
        final int last = --reservations;
        reservationOrder[r] = reservationOrder[last];
        reservationAsset[r] = reservationAsset[last];
        reservationAmount[r] = reservationAmount[last];
        reservationState[r] = reservationState[last];
    }

    /** The entry's asset into the scratch bytes; false unless printable ASCII, then only NUL padding. */
    private boolean readAsset(final AccountBalancesDecoder.BalancesDecoder entry)
    {
        entry.getAsset(assetBytes, 0);
        int length = 0;
        while (length < ASSET_LENGTH && assetBytes[length] != 0)
        {
            final byte b = assetBytes[length];
            if (b <= ' ' || b > '~')
            {
                return false;
            }
            length++;
        }
        for (int i = length; i < ASSET_LENGTH; i++)
        {
            if (assetBytes[i] != 0)
            {
                return false;
            }
        }
        return length > 0;
    }

    private int slotOfName()
    {
        final long low = assetBuffer.getLong(0, ORDER);
        final long high = assetBuffer.getLong(8, ORDER);
        for (int a = 0; a < nameLow.length; a++)
        {
            if (nameLow[a] == low && nameHigh[a] == high)
            {
                return a;
            }
        }
        return -1;
    }

    /** A non-negative amount at the account's exponent, rounded down (free is never overstated); -1 when it does not fit. */
    private static long rescale(final long value, final int exponent)
    {
        final long scaled = FixedMath.rescale(value, exponent, RiskManager.BALANCE_EXPONENT, false);
        return scaled == FixedMath.SATURATED ? -1 : scaled;
    }

    /** known (1 byte), assets (int), then (free, locked, reserved) per asset, reservations (int), then each. */
    public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        int pos = offset;
        buffer.putByte(pos, (byte)(known ? 1 : 0));
        buffer.putInt(pos + 1, names.length, ORDER);
        pos += 5;
        for (int a = 0; a < names.length; a++)
        {
            buffer.putLong(pos, free[a], ORDER);
            buffer.putLong(pos + 8, locked[a], ORDER);
            buffer.putLong(pos + 16, reserved[a], ORDER);
            pos += 24;
        }
        buffer.putInt(pos, reservations, ORDER);
        pos += Integer.BYTES;
        for (int r = 0; r < reservations; r++)
        {
            buffer.putLong(pos, reservationOrder[r], ORDER);
            buffer.putInt(pos + 8, reservationAsset[r], ORDER);
            buffer.putLong(pos + 12, reservationAmount[r], ORDER);
            buffer.putByte(pos + 20, reservationState[r]);
            pos += 21;
        }
        return pos - offset;
    }

    public int restoreFrom(final DirectBuffer buffer, final int offset)
    {
        int pos = offset;
        known = buffer.getByte(pos) != 0;
        final int count = buffer.getInt(pos + 1, ORDER);
        pos += 5;
        if (count != names.length)
        {
            throw new IllegalStateException("snapshot account has " + count + " assets, engine has " + names.length);
        }
        for (int a = 0; a < count; a++)
        {
            free[a] = buffer.getLong(pos, ORDER);
            locked[a] = buffer.getLong(pos + 8, ORDER);
            reserved[a] = buffer.getLong(pos + 16, ORDER);
            pos += 24;
        }
        final int held = buffer.getInt(pos, ORDER);
        pos += Integer.BYTES;
        if (held < 0 || held > reservationOrder.length)
        {
            throw new IllegalStateException("snapshot account has " + held + " reservations, capacity " +
                reservationOrder.length);
        }
        reservations = held;
        for (int r = 0; r < held; r++)
        {
            reservationOrder[r] = buffer.getLong(pos, ORDER);
            reservationAsset[r] = buffer.getInt(pos + 8, ORDER);
            reservationAmount[r] = buffer.getLong(pos + 12, ORDER);
            reservationState[r] = buffer.getByte(pos + 20);
            pos += 21;
        }
        return pos - offset;
    }
}
