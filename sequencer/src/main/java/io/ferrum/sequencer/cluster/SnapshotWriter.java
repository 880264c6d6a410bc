package io.ferrum.sequencer.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.ferrum.engine.api.EngineState;
import io.ferrum.sequencer.ControlProtocol;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writes the engine's state to a cluster snapshot publication as INPUT_COUNT(count), BEGIN(length),
 * CHUNKs of at most one frame each (so no fragmentation), END(stateHash); see {@link ControlProtocol}.
 */
final class SnapshotWriter
{
    private final ExpandableDirectByteBuffer stateBuffer = new ExpandableDirectByteBuffer(64 * 1024);
    private final UnsafeBuffer frameBuffer = new UnsafeBuffer(new byte[ControlProtocol.SNAPSHOT_MARKER_LENGTH]);

    void write(
        final ExclusivePublication publication,
        final EngineState state,
        final long inputCount,
        final IdleStrategy idleStrategy)
    {
        offer(publication, idleStrategy, ControlProtocol.SNAPSHOT_INPUT_COUNT_TEMPLATE_ID, inputCount);
        final int length = state.snapshotTo(stateBuffer, 0);
        offer(publication, idleStrategy, ControlProtocol.SNAPSHOT_BEGIN_TEMPLATE_ID, length);

        final int chunkLength = publication.maxPayloadLength() - ControlProtocol.HEADER_LENGTH;
        ControlProtocol.putHeader(frameBuffer, 0, ControlProtocol.SNAPSHOT_CHUNK_TEMPLATE_ID, 0);
        for (int offset = 0; offset < length; offset += chunkLength)
        {
            offerFully(publication, idleStrategy, frameBuffer, ControlProtocol.HEADER_LENGTH,
                stateBuffer, offset, Math.min(chunkLength, length - offset));
        }

        offer(publication, idleStrategy, ControlProtocol.SNAPSHOT_END_TEMPLATE_ID, state.stateHash());
    }

    private void offer(
        final ExclusivePublication publication, final IdleStrategy idleStrategy, final int templateId, final long value)
    {
        final int length = ControlProtocol.encodeSnapshotMarker(frameBuffer, 0, templateId, value);
        offerFully(publication, idleStrategy, frameBuffer, length, frameBuffer, 0, 0);
    }

    private static void offerFully(
        final ExclusivePublication publication,
        final IdleStrategy idleStrategy,
        final DirectBuffer first,
        final int firstLength,
        final DirectBuffer second,
        final int secondOffset,
        final int secondLength)
    {
        idleStrategy.reset();
        while (true)
        {
            final long result = publication.offer(first, 0, firstLength, second, secondOffset, secondLength);
            if (result > 0)
            {
                return;
            }
            if (Publication.CLOSED == result || Publication.NOT_CONNECTED == result ||
                Publication.MAX_POSITION_EXCEEDED == result)
            {
                throw new IllegalStateException("snapshot publication failed: " + Publication.errorString(result));
            }
            idleStrategy.idle();
        }
    }
}
