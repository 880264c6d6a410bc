package io.ferrum.engine;

import io.ferrum.engine.strategy.Strategy;
import io.ferrum.engine.telemetry.EngineCounters;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Long2LongHashMap;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes and reads the engine's snapshot, little endian, in this order:
 * <pre>
 *   header      magic "FER1", format, timeNs, logPosition, next strategy timer id, connection feed state
 *   counters    count, then each counter ({@link EngineCounters})
 *   sources     count, then (sourceId, last sequence applied) by sourceId
 *   markets     count, then each market in registry order ({@link Market})
 *   portfolio   and open orders (their own layouts)
 *   timers      count, then (timerId, deadline, owning strategyId) by timerId; then the risk timer's deadline
 *   strategies  count, then (strategyId, length, the strategy's own bytes) in registration order
 *   check       length, then the pre-trade check's own bytes
 * </pre>
 * Tables are written in key order, never in hash order, so that equal states give equal bytes on
 * every member and in a replay: the {@link EngineStateHash} is a hash of these bytes.
 */
final class EngineSnapshot
{
    static final int MAGIC = 0x31524546; // "FER1" little endian
    static final int FORMAT = 2;
    static final int MAGIC_OFFSET = 0;
    static final int FORMAT_OFFSET = 4;
    static final int TIME_OFFSET = 8;
    static final int LOG_POSITION_OFFSET = 16;
    static final int NEXT_TIMER_ID_OFFSET = 24;
    static final int CONNECTION_FEED_STATE_OFFSET = 32;
    static final int COUNTERS_OFFSET = 36;
    private static final int SOURCE_LENGTH = 16;
    private static final int TIMER_LENGTH = 20;
    private static final int STRATEGY_HEADER_LENGTH = 8;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final Engine engine;
    private final EngineTimers timers;
    private final Long2LongHashMap lastSequenceBySource;
    private final Market[] markets;
    private final Strategy[] strategies;
    private final Int2IntHashMap strategyIndex;
    /** Sorted keys of one table at a time, grown as needed: the state hash writes a snapshot every 1,024 inputs. */
    private long[] keys = new long[16];

    EngineSnapshot(
        final Engine engine,
        final EngineTimers timers,
        final Long2LongHashMap lastSequenceBySource,
        final Market[] markets,
        final Strategy[] strategies,
        final Int2IntHashMap strategyIndex)
    {
        this.engine = engine;
        this.timers = timers;
        this.lastSequenceBySource = lastSequenceBySource;
        this.markets = markets;
        this.strategies = strategies;
        this.strategyIndex = strategyIndex;
    }

    /** Offset of a counter's value from the start of the snapshot (for the state hash's masks). */
    static int counterOffset(final int counter)
    {
        return COUNTERS_OFFSET + Integer.BYTES + counter * Long.BYTES;
    }

    int write(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset + MAGIC_OFFSET, MAGIC, ORDER);
        buffer.putInt(offset + FORMAT_OFFSET, FORMAT, ORDER);
        buffer.putLong(offset + TIME_OFFSET, engine.timeNs, ORDER);
        buffer.putLong(offset + LOG_POSITION_OFFSET, engine.logPosition, ORDER);
        buffer.putLong(offset + NEXT_TIMER_ID_OFFSET, timers.nextTimerId, ORDER);
        buffer.putInt(offset + CONNECTION_FEED_STATE_OFFSET, engine.connectionFeedState, ORDER);
        int pos = offset + COUNTERS_OFFSET;
        pos += engine.counters().snapshotTo(buffer, pos);

        final int sourceCount = sortKeys(lastSequenceBySource);
        buffer.putInt(pos, sourceCount, ORDER);
        pos += Integer.BYTES;
        for (int i = 0; i < sourceCount; i++)
        {
            final long sourceId = keys[i];
            buffer.putLong(pos, sourceId, ORDER);
            buffer.putLong(pos + 8, lastSequenceBySource.get(sourceId), ORDER);
            pos += SOURCE_LENGTH;
        }

        buffer.putInt(pos, markets.length, ORDER);
        pos += Integer.BYTES;
        for (final Market market : markets)
        {
            pos += market.snapshotTo(buffer, pos);
        }

        pos += engine.portfolio().snapshotTo(buffer, pos);
        pos += engine.orderManager().snapshotTo(buffer, pos);

        final int timerCount = sortKeys(timers.deadlines);
        buffer.putInt(pos, timerCount, ORDER);
        pos += Integer.BYTES;
        for (int i = 0; i < timerCount; i++)
        {
            final long timerId = keys[i];
            buffer.putLong(pos, timerId, ORDER);
            buffer.putLong(pos + 8, timers.deadlines.get(timerId), ORDER);
            buffer.putInt(pos + 16, strategies[(int)timers.owners.get(timerId)].strategyId(), ORDER);
            pos += TIMER_LENGTH;
        }
        buffer.putLong(pos, timers.riskDeadlineNs, ORDER);
        pos += Long.BYTES;

        buffer.putInt(pos, strategies.length, ORDER);
        pos += Integer.BYTES;
        for (final Strategy strategy : strategies)
        {
            buffer.putInt(pos, strategy.strategyId(), ORDER);
            final int length = strategy.snapshotTo(buffer, pos + STRATEGY_HEADER_LENGTH);
            buffer.putInt(pos + 4, length, ORDER);
            pos += STRATEGY_HEADER_LENGTH + length;
        }

        final int checkLength = engine.preTradeCheck().snapshotTo(buffer, pos + Integer.BYTES);
        buffer.putInt(pos, checkLength, ORDER);
        pos += Integer.BYTES + checkLength;
        return pos - offset;
    }

    void read(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < COUNTERS_OFFSET || buffer.getInt(offset + MAGIC_OFFSET, ORDER) != MAGIC)
        {
            throw new IllegalStateException("not an engine snapshot");
        }
        final int format = buffer.getInt(offset + FORMAT_OFFSET, ORDER);
        if (format != FORMAT)
        {
            throw new IllegalStateException("unsupported engine snapshot format " + format);
        }
        engine.timeNs = buffer.getLong(offset + TIME_OFFSET, ORDER);
        engine.logPosition = buffer.getLong(offset + LOG_POSITION_OFFSET, ORDER);
        timers.nextTimerId = buffer.getLong(offset + NEXT_TIMER_ID_OFFSET, ORDER);
        engine.connectionFeedState = buffer.getInt(offset + CONNECTION_FEED_STATE_OFFSET, ORDER);
        int pos = offset + COUNTERS_OFFSET;
        pos += engine.counters().restoreFrom(buffer, pos);

        lastSequenceBySource.clear();
        final int sourceCount = buffer.getInt(pos, ORDER);
        pos += Integer.BYTES;
        for (int i = 0; i < sourceCount; i++)
        {
            lastSequenceBySource.put(buffer.getLong(pos, ORDER), buffer.getLong(pos + 8, ORDER));
            pos += SOURCE_LENGTH;
        }

        final int marketCount = buffer.getInt(pos, ORDER);
        pos += Integer.BYTES;
        if (marketCount != markets.length)
        {
            throw new IllegalStateException(
                "snapshot has " + marketCount + " instruments, engine has " + markets.length);
        }
        for (final Market market : markets)
        {
            pos += market.restoreFrom(buffer, pos);
        }

        pos += engine.portfolio().restoreFrom(buffer, pos, engine.instruments());
        pos += engine.orderManager().restoreFrom(buffer, pos);

        timers.deadlines.clear();
        timers.owners.clear();
        final int timerCount = buffer.getInt(pos, ORDER);
        pos += Integer.BYTES;
        for (int i = 0; i < timerCount; i++)
        {
            final long timerId = buffer.getLong(pos, ORDER);
            final int strategyId = buffer.getInt(pos + 16, ORDER);
            final int index = strategyIndex.get(strategyId);
            if (index < 0)
            {
                throw new IllegalStateException("snapshot timer of unknown strategy " + strategyId);
            }
            timers.deadlines.put(timerId, buffer.getLong(pos + 8, ORDER));
            timers.owners.put(timerId, index);
            pos += TIMER_LENGTH;
        }
        timers.riskDeadlineNs = buffer.getLong(pos, ORDER);
        pos += Long.BYTES;

        final int strategyCount = buffer.getInt(pos, ORDER);
        pos += Integer.BYTES;
        if (strategyCount != strategies.length)
        {
            throw new IllegalStateException(
                "snapshot has " + strategyCount + " strategies, engine has " + strategies.length);
        }
        for (final Strategy strategy : strategies)
        {
            final int strategyId = buffer.getInt(pos, ORDER);
            final int strategyLength = buffer.getInt(pos + 4, ORDER);
            if (strategyId != strategy.strategyId())
            {
                throw new IllegalStateException(
                    "snapshot strategy " + strategyId + " where the engine has " + strategy.strategyId());
            }
            strategy.restoreFrom(buffer, pos + STRATEGY_HEADER_LENGTH, strategyLength);
            pos += STRATEGY_HEADER_LENGTH + strategyLength;
        }

        final int checkLength = buffer.getInt(pos, ORDER);
        engine.preTradeCheck().restoreFrom(buffer, pos + Integer.BYTES, checkLength);
        pos += Integer.BYTES + checkLength;
        if (pos - offset != length)
        {
            throw new IllegalStateException("engine snapshot length " + length + " but read " + (pos - offset));
        }
    }

    /** {@link #sortKeysInto} the scratch array, grown first if the table has outgrown it. */
    private int sortKeys(final Long2LongHashMap map)
    {
        if (keys.length < map.size())
        {
            keys = new long[Math.max(map.size(), keys.length * 2)];
        }
        return sortKeysInto(map, keys);
    }

    /**
     * Puts the map's keys in ascending order at the start of {@code into}, which must hold them all,
     * and returns how many: the hash maps' own order depends on their capacity and history.
     */
    static int sortKeysInto(final Long2LongHashMap map, final long[] into)
    {
        int n = 0;
        final Long2LongHashMap.KeyIterator it = map.keySet().iterator();
        while (it.hasNext())
        {
            into[n++] = it.nextValue();
        }
        Arrays.sort(into, 0, n);
        return n;
    }
}
