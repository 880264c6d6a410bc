package io.ferrum.engine;

import io.ferrum.codecs.snapshot.SnapshotHeaderDecoder;
import io.ferrum.codecs.snapshot.SnapshotHeaderEncoder;
import io.ferrum.codecs.snapshot.SourceEntryDecoder;
import io.ferrum.codecs.snapshot.SourceEntryEncoder;
import io.ferrum.codecs.snapshot.StrategyEntryHeaderDecoder;
import io.ferrum.codecs.snapshot.StrategyEntryHeaderEncoder;
import io.ferrum.codecs.snapshot.TimerEntryDecoder;
import io.ferrum.codecs.snapshot.TimerEntryEncoder;
import io.ferrum.strategy.Strategy;
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
 *   portfolio   and open orders (their own layouts; the orders end with the kill switch's unanswered cancel-alls)
 *   account     the venue's spot account and the engine's reservations ({@link io.ferrum.engine.order.SpotAccount})
 *   timers      count, then (timerId, deadline, owning strategyId) by timerId; then the risk timer's deadline
 *   strategies  count, then (strategyId, length, the strategy's own bytes) in registration order
 *   check       length, then the pre-trade check's own bytes
 * </pre>
 * The fixed-size records are described in codecs' {@code ferrum-snapshot.xml} (schema 7303) and
 * written and read through its generated flyweights, wrapped at each record's offset: the header
 * ({@link SnapshotHeaderEncoder}), a source ({@link SourceEntryEncoder}), a timer
 * ({@link TimerEntryEncoder}) and the header before each strategy's bytes
 * ({@link StrategyEntryHeaderEncoder}). The rest stays in code: the int32 table counts and the
 * risk timer's deadline (SBE's repeating groups would add a uint16 header and so change the
 * bytes), and the counters, markets, portfolio, orders, strategies and check, each of which
 * writes its own layout. The bytes are the ones the hand-offset writer produced (pinned by
 * {@code EngineSnapshotBytesTest}), so the state hashes did not change either.
 * <p>
 * Tables are written in key order, never in hash order, so that equal states give equal bytes on
 * every member and in a replay: the {@link EngineStateHash} is a hash of these bytes.
 */
final class EngineSnapshot
{
    static final int MAGIC = 0x31524546; // "FER1" little endian
    /** 3: the kill switch's unanswered cancel-alls ending the open orders, and the spot account after them. */
    static final int FORMAT = 3;
    static final int COUNTERS_OFFSET = SnapshotHeaderEncoder.ENCODED_LENGTH;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final Engine engine;
    private final EngineTimers timers;
    private final Long2LongHashMap lastSequenceBySource;
    private final Market[] markets;
    private final Strategy[] strategies;
    private final Int2IntHashMap strategyIndex;
    /** Sorted keys of one table at a time, grown as needed: the state hash writes a snapshot every 1,024 inputs. */
    private long[] keys = new long[16];
    private final SnapshotHeaderEncoder headerEncoder = new SnapshotHeaderEncoder();
    private final SnapshotHeaderDecoder headerDecoder = new SnapshotHeaderDecoder();
    private final SourceEntryEncoder sourceEncoder = new SourceEntryEncoder();
    private final SourceEntryDecoder sourceDecoder = new SourceEntryDecoder();
    private final TimerEntryEncoder timerEncoder = new TimerEntryEncoder();
    private final TimerEntryDecoder timerDecoder = new TimerEntryDecoder();
    private final StrategyEntryHeaderEncoder strategyEncoder = new StrategyEntryHeaderEncoder();
    private final StrategyEntryHeaderDecoder strategyDecoder = new StrategyEntryHeaderDecoder();

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
        headerEncoder.wrap(buffer, offset)
            .magic(MAGIC)
            .format(FORMAT)
            .timeNs(engine.timeNs)
            .logPosition(engine.logPosition)
            .nextTimerId(timers.nextTimerId)
            .connectionFeedState(engine.connectionFeedState);
        int pos = offset + COUNTERS_OFFSET;
        pos += engine.counters().snapshotTo(buffer, pos);

        final int sourceCount = sortKeys(lastSequenceBySource);
        buffer.putInt(pos, sourceCount, ORDER);
        pos += Integer.BYTES;
        for (int i = 0; i < sourceCount; i++)
        {
            final long sourceId = keys[i];
            sourceEncoder.wrap(buffer, pos).sourceId(sourceId).lastSequence(lastSequenceBySource.get(sourceId));
            pos += SourceEntryEncoder.ENCODED_LENGTH;
        }

        buffer.putInt(pos, markets.length, ORDER);
        pos += Integer.BYTES;
        for (final Market market : markets)
        {
            pos += market.snapshotTo(buffer, pos);
        }

        pos += engine.portfolio().snapshotTo(buffer, pos);
        pos += engine.orderManager().snapshotTo(buffer, pos);
        pos += engine.orderManager().account().snapshotTo(buffer, pos);

        final int timerCount = sortKeys(timers.deadlines);
        buffer.putInt(pos, timerCount, ORDER);
        pos += Integer.BYTES;
        for (int i = 0; i < timerCount; i++)
        {
            final long timerId = keys[i];
            timerEncoder.wrap(buffer, pos)
                .timerId(timerId)
                .deadlineNs(timers.deadlines.get(timerId))
                .strategyId(strategies[(int)timers.owners.get(timerId)].strategyId());
            pos += TimerEntryEncoder.ENCODED_LENGTH;
        }
        buffer.putLong(pos, timers.riskDeadlineNs, ORDER);
        pos += Long.BYTES;

        buffer.putInt(pos, strategies.length, ORDER);
        pos += Integer.BYTES;
        for (final Strategy strategy : strategies)
        {
            final int length = strategy.snapshotTo(buffer, pos + StrategyEntryHeaderEncoder.ENCODED_LENGTH);
            strategyEncoder.wrap(buffer, pos).strategyId(strategy.strategyId()).length(length);
            pos += StrategyEntryHeaderEncoder.ENCODED_LENGTH + length;
        }

        final int checkLength = engine.preTradeCheck().snapshotTo(buffer, pos + Integer.BYTES);
        buffer.putInt(pos, checkLength, ORDER);
        pos += Integer.BYTES + checkLength;
        return pos - offset;
    }

    void read(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < COUNTERS_OFFSET || headerDecoder.wrap(buffer, offset).magic() != MAGIC)
        {
            throw new IllegalStateException("not an engine snapshot");
        }
        final int format = headerDecoder.format();
        if (format != FORMAT)
        {
            throw new IllegalStateException("unsupported engine snapshot format " + format);
        }
        engine.timeNs = headerDecoder.timeNs();
        engine.logPosition = headerDecoder.logPosition();
        timers.nextTimerId = headerDecoder.nextTimerId();
        engine.connectionFeedState = headerDecoder.connectionFeedState();
        int pos = offset + COUNTERS_OFFSET;
        pos += engine.counters().restoreFrom(buffer, pos);

        lastSequenceBySource.clear();
        final int sourceCount = buffer.getInt(pos, ORDER);
        pos += Integer.BYTES;
        for (int i = 0; i < sourceCount; i++)
        {
            sourceDecoder.wrap(buffer, pos);
            lastSequenceBySource.put(sourceDecoder.sourceId(), sourceDecoder.lastSequence());
            pos += SourceEntryDecoder.ENCODED_LENGTH;
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
        pos += engine.orderManager().account().restoreFrom(buffer, pos);

        timers.deadlines.clear();
        timers.owners.clear();
        final int timerCount = buffer.getInt(pos, ORDER);
        pos += Integer.BYTES;
        for (int i = 0; i < timerCount; i++)
        {
            timerDecoder.wrap(buffer, pos);
            final long timerId = timerDecoder.timerId();
            final int strategyId = timerDecoder.strategyId();
            final int index = strategyIndex.get(strategyId);
            if (index < 0)
            {
                throw new IllegalStateException("snapshot timer of unknown strategy " + strategyId);
            }
            timers.deadlines.put(timerId, timerDecoder.deadlineNs());
            timers.owners.put(timerId, index);
            pos += TimerEntryDecoder.ENCODED_LENGTH;
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
            strategyDecoder.wrap(buffer, pos);
            final int strategyId = strategyDecoder.strategyId();
            final int strategyLength = strategyDecoder.length();
            if (strategyId != strategy.strategyId())
            {
                throw new IllegalStateException(
                    "snapshot strategy " + strategyId + " where the engine has " + strategy.strategyId());
            }
            strategy.restoreFrom(buffer, pos + StrategyEntryHeaderDecoder.ENCODED_LENGTH, strategyLength);
            pos += StrategyEntryHeaderDecoder.ENCODED_LENGTH + strategyLength;
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
