package io.ferrum.sequencer;

import io.ferrum.codecs.control.AckDecoder;
import io.ferrum.codecs.control.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

/**
 * The sequencer's control messages (acks, snapshot framing) are codecs' schema 7302
 * ({@code ferrum-control.xml}), generated into {@code io.ferrum.codecs.control}. They share egress
 * and snapshots with Ferrum messages (7301), so every reader first asks which schema a message is.
 */
public final class ControlProtocol
{
    public static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    public static final int ACK_LENGTH = HEADER_LENGTH + AckDecoder.BLOCK_LENGTH;

    private ControlProtocol()
    {
    }

    /**
     * Wraps {@code header} on the message (the caller's own, one per thread).
     *
     * @return the template id if the message is of the control schema, else -1
     */
    public static int templateId(
        final MessageHeaderDecoder header, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            return -1;
        }
        header.wrap(buffer, offset);
        return header.schemaId() == MessageHeaderDecoder.SCHEMA_ID ? header.templateId() : -1;
    }
}
