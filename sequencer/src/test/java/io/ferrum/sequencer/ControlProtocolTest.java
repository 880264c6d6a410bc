package io.ferrum.sequencer;

import io.ferrum.codecs.control.AckEncoder;
import io.ferrum.codecs.control.MessageHeaderDecoder;
import io.ferrum.codecs.control.MessageHeaderEncoder;
import io.ferrum.codecs.control.SnapshotChunkEncoder;
import io.ferrum.codecs.control.SnapshotEndEncoder;
import io.ferrum.codecs.sbe.FeedStatusEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The control schema's bytes are those the sequencer framed by hand before the schema existed,
 * so that snapshots already in an archive still load and mixed versions still understand acks.
 */
class ControlProtocolTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    @Test
    void anAckIsHeaderThenSourceIdThenSequence()
    {
        new AckEncoder().wrapAndApplyHeader(buffer, 0, header).sourceId(7).sequence(0x0102030405060708L);

        assertEquals("0c000100861c0100" + "07000000" + "0807060504030201", hex(ControlProtocol.ACK_LENGTH));
    }

    @Test
    void snapshotMarkersAreOneLongAndAChunkHasAnEmptyBlock()
    {
        new SnapshotEndEncoder().wrapAndApplyHeader(buffer, 0, header).stateHash(-2);
        assertEquals("08000400861c0100" + "feffffffffffffff", hex(ControlProtocol.HEADER_LENGTH + Long.BYTES));

        new SnapshotChunkEncoder().wrapAndApplyHeader(buffer, 0, header);
        assertEquals("00000300861c0100", hex(ControlProtocol.HEADER_LENGTH));
    }

    @Test
    void ferrumMessagesAndShortFragmentsAreNotControlMessages()
    {
        final MessageHeaderDecoder decoder = new MessageHeaderDecoder();
        new FeedStatusEncoder().wrapAndApplyHeader(buffer, 0, new io.ferrum.codecs.sbe.MessageHeaderEncoder());
        assertEquals(-1, ControlProtocol.templateId(decoder, buffer, 0, 64));

        new AckEncoder().wrapAndApplyHeader(buffer, 0, header);
        assertEquals(AckEncoder.TEMPLATE_ID, ControlProtocol.templateId(decoder, buffer, 0, ControlProtocol.ACK_LENGTH));
        assertEquals(-1, ControlProtocol.templateId(decoder, buffer, 0, ControlProtocol.HEADER_LENGTH - 1));
    }

    private String hex(final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
