package io.ferrum.sequencer;

import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The sequencer's own few messages, framed with the standard SBE message header under a
 * schema id of their own (7302) so that they can never be mistaken for Ferrum messages
 * (7301) on egress or in a snapshot:
 * <pre>
 * ACK             (template 1) service -> sequencer egress: int32 sourceId, int64 sequence
 *                              "every input you sent up to and including this one is applied"
 * SNAPSHOT_BEGIN  (template 2) int64 totalLength of the engine state that follows
 * SNAPSHOT_CHUNK  (template 3) up to one publication payload of engine state bytes
 * SNAPSHOT_END    (template 4) int64 stateHash of the state written, checked on restore
 * SNAPSHOT_INPUT_COUNT (template 5) int64 engine inputs applied so far, before BEGIN, so that
 *                              a restored member hashes at the same inputs as the others
 * </pre>
 * All little-endian, header = blockLength, templateId, schemaId, version (uint16 each).
 */
public final class ControlProtocol
{
    public static final int SCHEMA_ID = 7302;
    public static final int VERSION = 1;

    public static final int ACK_TEMPLATE_ID = 1;
    public static final int SNAPSHOT_BEGIN_TEMPLATE_ID = 2;
    public static final int SNAPSHOT_CHUNK_TEMPLATE_ID = 3;
    public static final int SNAPSHOT_END_TEMPLATE_ID = 4;
    public static final int SNAPSHOT_INPUT_COUNT_TEMPLATE_ID = 5;

    public static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    public static final int ACK_BLOCK_LENGTH = Integer.BYTES + Long.BYTES;
    public static final int ACK_LENGTH = HEADER_LENGTH + ACK_BLOCK_LENGTH;
    public static final int SNAPSHOT_MARKER_LENGTH = HEADER_LENGTH + Long.BYTES;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int BLOCK_LENGTH_OFFSET = 0;
    private static final int TEMPLATE_ID_OFFSET = 2;
    private static final int SCHEMA_ID_OFFSET = 4;
    private static final int VERSION_OFFSET = 6;

    private ControlProtocol()
    {
    }

    public static int putHeader(
        final MutableDirectBuffer buffer, final int offset, final int templateId, final int blockLength)
    {
        buffer.putShort(offset + BLOCK_LENGTH_OFFSET, (short)blockLength, ORDER);
        buffer.putShort(offset + TEMPLATE_ID_OFFSET, (short)templateId, ORDER);
        buffer.putShort(offset + SCHEMA_ID_OFFSET, (short)SCHEMA_ID, ORDER);
        buffer.putShort(offset + VERSION_OFFSET, (short)VERSION, ORDER);
        return HEADER_LENGTH;
    }

    /**
     * @return the template id if the message is one of ours, else -1
     */
    public static int templateId(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH || (buffer.getShort(offset + SCHEMA_ID_OFFSET, ORDER) & 0xFFFF) != SCHEMA_ID)
        {
            return -1;
        }
        return buffer.getShort(offset + TEMPLATE_ID_OFFSET, ORDER) & 0xFFFF;
    }

    public static int encodeAck(
        final MutableDirectBuffer buffer, final int offset, final int sourceId, final long sequence)
    {
        putHeader(buffer, offset, ACK_TEMPLATE_ID, ACK_BLOCK_LENGTH);
        buffer.putInt(offset + HEADER_LENGTH, sourceId, ORDER);
        buffer.putLong(offset + HEADER_LENGTH + Integer.BYTES, sequence, ORDER);
        return ACK_LENGTH;
    }

    public static boolean isAck(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= ACK_LENGTH && ACK_TEMPLATE_ID == templateId(buffer, offset, length);
    }

    public static int ackSourceId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + HEADER_LENGTH, ORDER);
    }

    public static long ackSequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + HEADER_LENGTH + Integer.BYTES, ORDER);
    }

    public static int encodeSnapshotMarker(
        final MutableDirectBuffer buffer, final int offset, final int templateId, final long value)
    {
        putHeader(buffer, offset, templateId, Long.BYTES);
        buffer.putLong(offset + HEADER_LENGTH, value, ORDER);
        return SNAPSHOT_MARKER_LENGTH;
    }

    public static long snapshotMarkerValue(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + HEADER_LENGTH, ORDER);
    }
}
