package io.ferrum.sequencer.journal;

import io.ferrum.sequencer.SourceKey;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Each input once, as the engine takes it, for the readers of the log (the tail, the history
 * writer): a leader change makes the sequencer re-send what was not acknowledged, so the log may
 * hold an input twice; an input is new only when its (sourceId, sequence) is above its source's last.
 */
public final class SourceSequences
{
    private final Int2ObjectHashMap<long[]> lastBySource = new Int2ObjectHashMap<>();

    /**
     * @return false for a re-send (its source already had this sequence or a later one), true for a
     *         new input or one that carries no source key; a new one becomes its source's last
     */
    public boolean isNew(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!SourceKey.hasKey(length))
        {
            return true;
        }
        final int sourceId = SourceKey.sourceId(buffer, offset);
        final long sequence = SourceKey.sequence(buffer, offset);
        long[] last = lastBySource.get(sourceId);
        if (null == last)
        {
            last = new long[] {Long.MIN_VALUE};
            lastBySource.put(sourceId, last);
        }
        if (sequence <= last[0])
        {
            return false;
        }
        last[0] = sequence;
        return true;
    }
}
