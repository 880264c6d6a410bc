package io.ferrum.sequencer.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.ferrum.codecs.control.MessageHeaderEncoder;
import io.ferrum.codecs.control.SnapshotBeginEncoder;
import io.ferrum.codecs.control.SnapshotChunkEncoder;
import io.ferrum.codecs.control.SnapshotEndEncoder;
import io.ferrum.codecs.control.SnapshotInputCountEncoder;
import io.ferrum.engine.api.EngineState;
import io.ferrum.sequencer.ControlProtocol;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writes the engine's state to a cluster snapshot publication as INPUT_COUNT(count), BEGIN(length),
 * CHUNKs of at most one frame each (so no fragmentation), END(stateHash): the control schema's
 * (7302) snapshot messages.
 */
final class SnapshotWriter
{
    private final ExpandableDirectByteBuffer stateBuffer = new ExpandableDirectByteBuffer(64 * 1024);
    private final UnsafeBuffer frameBuffer = new UnsafeBuffer(new byte[ControlProtocol.HEADER_LENGTH + Long.BYTES]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SnapshotInputCountEncoder inputCountEncoder = new SnapshotInputCountEncoder();
    private final SnapshotBeginEncoder beginEncoder = new SnapshotBeginEncoder();
    private final SnapshotChunkEncoder chunkEncoder = new SnapshotChunkEncoder();
    private final SnapshotEndEncoder endEncoder = new SnapshotEndEncoder();

    void write(
        final ExclusivePublication publication,
        final EngineState state,
        final long inputCount,
        final IdleStrategy idleStrategy)
    {
        inputCountEncoder.wrapAndApplyHeader(frameBuffer, 0, header).inputCount(inputCount);
        offer(publication, idleStrategy, inputCountEncoder.encodedLength());
        final int length = state.snapshotTo(stateBuffer, 0);
        beginEncoder.wrapAndApplyHeader(frameBuffer, 0, header).totalLength(length);
        offer(publication, idleStrategy, beginEncoder.encodedLength());

        final int chunkLength = publication.maxPayloadLength() - ControlProtocol.HEADER_LENGTH;
        chunkEncoder.wrapAndApplyHeader(frameBuffer, 0, header);
        for (int offset = 0; offset < length; offset += chunkLength)
        {
            offerFully(publication, idleStrategy, frameBuffer, ControlProtocol.HEADER_LENGTH,
                stateBuffer, offset, Math.min(chunkLength, length - offset));
        }

        endEncoder.wrapAndApplyHeader(frameBuffer, 0, header).stateHash(state.stateHash());
        offer(publication, idleStrategy, endEncoder.encodedLength());
    }

    /** Offers the message just encoded at the start of the frame buffer. */
    private void offer(final ExclusivePublication publication, final IdleStrategy idleStrategy, final int blockLength)
    {
        offerFully(
            publication, idleStrategy, frameBuffer, ControlProtocol.HEADER_LENGTH + blockLength, frameBuffer, 0, 0);
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
