package io.ferrum.sequencer.cluster;

import io.aeron.Image;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.ferrum.codecs.control.MessageHeaderDecoder;
import io.ferrum.codecs.control.SnapshotBeginDecoder;
import io.ferrum.codecs.control.SnapshotChunkDecoder;
import io.ferrum.codecs.control.SnapshotEndDecoder;
import io.ferrum.codecs.control.SnapshotInputCountDecoder;
import io.ferrum.engine.api.EngineState;
import io.ferrum.sequencer.ControlProtocol;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * Reads a snapshot written by {@link SnapshotWriter} and restores the engine from it; a
 * truncated or inconsistent snapshot, or one that restores to a different state hash, is
 * an error that stops the member from starting on wrong state. Problems found inside a
 * fragment are noted and thrown after the poll: Aeron's image poll would hand an exception
 * thrown from the handler to its error handler and carry on.
 * <p>
 * A member loads from Aeron's snapshot image; a replay of a backup loads from the snapshot
 * recording's files ({@code JournalReader.restoreLatestSnapshot}), handing each message to
 * {@link #onFragment} and then calling {@link #restore}.
 */
public final class SnapshotLoader implements FragmentHandler
{
    private final ExpandableDirectByteBuffer stateBuffer = new ExpandableDirectByteBuffer(64 * 1024);
    private final MessageHeaderDecoder controlHeader = new MessageHeaderDecoder();
    private final SnapshotInputCountDecoder inputCountDecoder = new SnapshotInputCountDecoder();
    private final SnapshotBeginDecoder beginDecoder = new SnapshotBeginDecoder();
    private final SnapshotEndDecoder endDecoder = new SnapshotEndDecoder();
    private long expectedLength = -1;
    private int received;
    private boolean done;
    private long expectedHash;
    private String failure;

    private long inputCount;

    /**
     * @return the engine inputs the log had applied when the snapshot was taken (0 for a
     * snapshot written before the count was kept)
     */
    long load(final Image image, final EngineState state, final IdleStrategy idleStrategy)
    {
        idleStrategy.reset();
        while (!done)
        {
            final int fragments = image.poll(this, 16);
            if (null != failure)
            {
                throw new IllegalStateException(failure);
            }
            if (0 == fragments && (image.isClosed() || image.isEndOfStream()) && !done)
            {
                throw new IllegalStateException("snapshot ended before its END marker at " + received + " bytes");
            }
            idleStrategy.idle(fragments);
        }
        return restore(state);
    }

    /**
     * Restores {@code state} from the snapshot the fragments carried and checks its hash.
     *
     * @return the engine inputs the log had applied when the snapshot was taken (0 for a
     * snapshot written before the count was kept)
     * @throws IllegalStateException when the fragments were not one whole, consistent snapshot
     */
    public long restore(final EngineState state)
    {
        if (null != failure)
        {
            throw new IllegalStateException(failure);
        }
        if (!done)
        {
            throw new IllegalStateException("snapshot ended before its END marker at " + received + " bytes");
        }
        state.restoreFrom(stateBuffer, 0, received);
        final long hash = state.stateHash();
        if (hash != expectedHash)
        {
            throw new IllegalStateException(
                "restored state hash " + Long.toHexString(hash) + " != snapshot's " + Long.toHexString(expectedHash));
        }
        return inputCount;
    }

    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (done || null != failure)
        {
            return;
        }
        final int templateId = ControlProtocol.templateId(controlHeader, buffer, offset, length);
        final int body = offset + ControlProtocol.HEADER_LENGTH;
        switch (templateId)
        {
            case SnapshotInputCountDecoder.TEMPLATE_ID:
                inputCount = inputCountDecoder
                    .wrap(buffer, body, controlHeader.blockLength(), controlHeader.version()).inputCount();
                if (expectedLength >= 0 || inputCount < 0)
                {
                    failure = "snapshot input count " + inputCount + " out of place or out of range";
                }
                break;

            case SnapshotBeginDecoder.TEMPLATE_ID:
                expectedLength = beginDecoder
                    .wrap(buffer, body, controlHeader.blockLength(), controlHeader.version()).totalLength();
                if (expectedLength < 0 || expectedLength > Integer.MAX_VALUE)
                {
                    failure = "snapshot length out of range: " + expectedLength;
                    return;
                }
                break;

            case SnapshotChunkDecoder.TEMPLATE_ID:
            {
                final int chunk = length - ControlProtocol.HEADER_LENGTH;
                if (expectedLength < 0 || received + (long)chunk > expectedLength)
                {
                    failure = "snapshot chunk outside the announced length " + expectedLength;
                    return;
                }
                stateBuffer.putBytes(received, buffer, body, chunk);
                received += chunk;
                break;
            }

            case SnapshotEndDecoder.TEMPLATE_ID:
                if (received != expectedLength)
                {
                    failure = "snapshot has " + received + " of " + expectedLength + " bytes";
                    return;
                }
                expectedHash = endDecoder
                    .wrap(buffer, body, controlHeader.blockLength(), controlHeader.version()).stateHash();
                done = true;
                break;

            default:
                failure = "not a Ferrum snapshot fragment: template " + templateId;
                break;
        }
    }
}
