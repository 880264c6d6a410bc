package io.ferrum.engine;

import io.ferrum.codecs.snapshot.SnapshotHeaderEncoder;
import io.ferrum.engine.telemetry.EngineCounters;
import org.agrona.ExpandableArrayBuffer;

/**
 * Hash of the snapshot bytes: equal states give equal hashes on every member and in a replay.
 * The log bookkeeping (log position, inputs seen, duplicates dropped) is in the snapshot but
 * masked out of the hash, so that a duplicate input leaves the hash exactly as it was. So is
 * the count of outputs refused by back-pressure: it depends on this member's egress (a
 * follower or a replay never sees back-pressure), not on the log, and nothing else in the
 * state depends on it.
 */
final class EngineStateHash
{
    private final EngineSnapshot snapshot;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 16);

    EngineStateHash(final EngineSnapshot snapshot)
    {
        this.snapshot = snapshot;
    }

    long compute()
    {
        final int length = snapshot.write(buffer, 0);
        buffer.putLong(SnapshotHeaderEncoder.logPositionEncodingOffset(), 0);
        buffer.putLong(EngineSnapshot.counterOffset(EngineCounters.EVENTS), 0);
        buffer.putLong(EngineSnapshot.counterOffset(EngineCounters.DUPLICATES), 0);
        buffer.putLong(EngineSnapshot.counterOffset(EngineCounters.OUTPUT_BACK_PRESSURED), 0);
        return StateHash.hash(buffer, 0, length);
    }
}
