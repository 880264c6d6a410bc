package io.ferrum.sequencer;

import io.ferrum.codecs.sbe.EngineTelemetryEncoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.EngineState;
import io.ferrum.engine.api.TimerScheduler;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * A small, real engine for testing the cluster adapter (the real engine in engine/ plugs in
 * at the same place): it applies each (sourceId, sequence) once, counts per source, drops
 * duplicates, notes gaps, arms a timer on every {@link #TIMER_EVERY}th input and emits an
 * EngineTelemetry output on every {@link #OUTPUT_EVERY}th; its state hash covers every input
 * it applied with its log position and time, and every timer that fired. Inputs from
 * {@link #FAULTY_SOURCE_ID} make it throw without changing state.
 */
public final class CountingEngine implements EngineInput, EngineState
{
    public static final int TIMER_EVERY = 50;
    public static final int OUTPUT_EVERY = 100;
    /** Inputs from this source make the engine throw, as an engine bug would. */
    public static final int FAULTY_SOURCE_ID = 13;

    private final EngineOutput output;
    private final TimerScheduler timers;
    private final Int2ObjectHashMap<long[]> sources = new Int2ObjectHashMap<>(); // {highest, applied}
    private final UnsafeBuffer outputBuffer = new UnsafeBuffer(new byte[128]);
    private final EngineTelemetryEncoder telemetry = new EngineTelemetryEncoder();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private long applied;
    private long duplicates;
    private long gaps;
    private long timersFired;
    private long hash = 17;
    private volatile long appliedSeen;
    private volatile long hashSeen = 17;
    private volatile long duplicatesSeen;
    private volatile long gapsSeen;
    private volatile long timersSeen;

    public CountingEngine(final EngineOutput output, final TimerScheduler timers)
    {
        this.output = output;
        this.timers = timers;
    }

    public void onInput(
        final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
    {
        if (!SourceKey.hasKey(length))
        {
            return;
        }
        final int sourceId = SourceKey.sourceId(buffer, offset);
        final long sequence = SourceKey.sequence(buffer, offset);
        if (FAULTY_SOURCE_ID == sourceId)
        {
            throw new IllegalStateException("engine bug on input " + sourceId + "/" + sequence);
        }
        long[] source = sources.get(sourceId);
        if (null == source)
        {
            source = new long[] { 0, 0 };
            sources.put(sourceId, source);
        }
        if (sequence <= source[0])
        {
            duplicatesSeen = ++duplicates;
            return;
        }
        if (sequence != source[0] + 1)
        {
            gapsSeen = ++gaps;
        }
        source[0] = sequence;
        source[1]++;
        applied++;
        hash = mix(mix(mix(mix(hash, sourceId), sequence), logPosition), timestampNs);
        for (int i = 0; i < length; i++)
        {
            hash = mix(hash, buffer.getByte(offset + i));
        }

        if (applied % TIMER_EVERY == 0)
        {
            timers.schedule(applied, timestampNs + 1_000_000);
        }
        if (applied % OUTPUT_EVERY == 0)
        {
            telemetry.wrapAndApplyHeader(outputBuffer, 0, header)
                .timestampNs(timestampNs).logPosition(logPosition).eventsProcessed(applied)
                .duplicatesDropped(duplicates).stateHash(hash);
            output.offer(outputBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + telemetry.encodedLength());
        }
        hashSeen = hash;
        appliedSeen = applied;
    }

    public void onTimer(final long timerId, final long timestampNs)
    {
        timersFired++;
        hash = mix(mix(hash, timerId), timestampNs);
        hashSeen = hash;
        timersSeen = timersFired;
    }

    public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        final int[] ids = sources.keySet().stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(ids);
        int position = offset;
        buffer.putInt(position, ids.length);
        position += Integer.BYTES;
        for (final int id : ids)
        {
            final long[] source = sources.get(id);
            buffer.putInt(position, id);
            buffer.putLong(position + 4, source[0]);
            buffer.putLong(position + 12, source[1]);
            position += 20;
        }
        for (final long value : new long[] { applied, duplicates, gaps, timersFired, hash })
        {
            buffer.putLong(position, value);
            position += Long.BYTES;
        }
        return position - offset;
    }

    public void restoreFrom(final DirectBuffer buffer, final int offset, final int length)
    {
        sources.clear();
        int position = offset;
        final int count = buffer.getInt(position);
        position += Integer.BYTES;
        for (int i = 0; i < count; i++)
        {
            sources.put(buffer.getInt(position), new long[] { buffer.getLong(position + 4), buffer.getLong(position + 12) });
            position += 20;
        }
        applied = buffer.getLong(position);
        duplicates = buffer.getLong(position + 8);
        gaps = buffer.getLong(position + 16);
        timersFired = buffer.getLong(position + 24);
        hash = buffer.getLong(position + 32);
        if (position + 40 - offset != length)
        {
            throw new IllegalStateException("snapshot length " + length + " != " + (position + 40 - offset));
        }
        appliedSeen = applied;
        hashSeen = hash;
        duplicatesSeen = duplicates;
        gapsSeen = gaps;
        timersSeen = timersFired;
    }

    public long stateHash()
    {
        return hash;
    }

    /** Readable from any thread. */
    public long applied()
    {
        return appliedSeen;
    }

    public long hashSeen()
    {
        return hashSeen;
    }

    public long duplicates()
    {
        return duplicatesSeen;
    }

    public long gaps()
    {
        return gapsSeen;
    }

    public long timersFired()
    {
        return timersSeen;
    }

    private static long mix(final long hash, final long value)
    {
        long h = (hash ^ value) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
