package io.ferrum.codecs;

import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.codecs.sbe.FeedStatusDecoder;
import io.ferrum.codecs.sbe.FeedStatusEncoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a reader can tell from the 8-byte header alone, before it trusts a body: the schema
 * id, the template id and the version. The engine rejects a message whose schema id is not
 * 7301 or whose template id it does not know; a message from a newer version of the same
 * schema is read with the block length in its header, so appended fields are skipped.
 */
class MessageHeaderCompatibilityTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    @Test
    void unknownTemplateIdIsVisibleInTheHeaderAndRefusedByADecoder()
    {
        final int unknownTemplateId = 999;
        assertTrue(SchemaFile.messages().stream().noneMatch((m) -> m.templateId() == unknownTemplateId));
        headerEncoder.wrap(buffer, 0)
            .blockLength(16)
            .templateId(unknownTemplateId)
            .schemaId(MessageHeaderEncoder.SCHEMA_ID)
            .version(MessageHeaderEncoder.SCHEMA_VERSION);

        headerDecoder.wrap(buffer, 0);
        assertEquals(unknownTemplateId, headerDecoder.templateId());
        assertEquals(16, headerDecoder.blockLength());
        assertThrows(IllegalStateException.class, () -> new TradeDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder));
    }

    @Test
    void foreignSchemaIdIsVisibleInTheHeaderButNotCheckedByTheGeneratedDecoder()
    {
        new TradeEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).instrumentId(7).aggressor(Side.BUY);
        headerEncoder.schemaId(1); // Binance's stream schema id, whose template ids are unrelated to ours

        headerDecoder.wrap(buffer, 0);
        assertEquals(1, headerDecoder.schemaId());
        assertNotEquals(MessageHeaderDecoder.SCHEMA_ID, headerDecoder.schemaId());
        assertEquals(TradeEncoder.TEMPLATE_ID, headerDecoder.templateId());

        // The generated wrapAndApplyHeader checks only the template id: a reader must compare
        // schemaId itself, or it would read another schema's message as a Trade.
        final TradeDecoder decoder = new TradeDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(7, decoder.instrumentId());
    }

    @Test
    void newerVersionWithAnAppendedFieldIsReadByAVersionOneDecoder()
    {
        final int newerVersion = MessageHeaderEncoder.SCHEMA_VERSION + 1;
        final int appendedFieldLength = 8;
        final FeedStatusEncoder encoder = new FeedStatusEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encoder.source().sourceId(3).sequence(4).eventTimeNs(5).receiveTimeNs(6);
        encoder.venue(Venue.BINANCE_SPOT)
            .instrumentId(9)
            .symbol("ETHBTC")
            .streamId(10)
            .state(FeedState.STALE)
            .previousState(FeedState.IN_SYNC);

        // A version 2 writer appends an int64 to the block: the var data moves 8 bytes on.
        final int blockLength = FeedStatusEncoder.BLOCK_LENGTH + appendedFieldLength;
        headerEncoder.blockLength(blockLength).version(newerVersion);
        buffer.putLong(MessageHeaderEncoder.ENCODED_LENGTH + FeedStatusEncoder.BLOCK_LENGTH, 0x0102030405060708L);
        encoder.limit(MessageHeaderEncoder.ENCODED_LENGTH + blockLength);
        encoder.detail("stale for 5s");

        headerDecoder.wrap(buffer, 0);
        assertEquals(MessageHeaderDecoder.SCHEMA_ID, headerDecoder.schemaId());
        assertEquals(newerVersion, headerDecoder.version());
        assertTrue(headerDecoder.version() > FeedStatusDecoder.SCHEMA_VERSION, "newer than this reader");

        final FeedStatusDecoder decoder = new FeedStatusDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(newerVersion, decoder.actingVersion());
        assertEquals(3, decoder.source().sourceId());
        assertEquals(9, decoder.instrumentId());
        assertEquals("ETHBTC", decoder.symbol());
        assertEquals(FeedState.STALE, decoder.state());
        assertEquals(FeedState.IN_SYNC, decoder.previousState());
        assertEquals("stale for 5s", decoder.detail());
        assertEquals(encoder.encodedLength(), decoder.encodedLength());
    }

    @Test
    void templateIdsAreUniqueInTheSchema()
    {
        final Set<Integer> ids = new HashSet<>();
        for (final SchemaFile.Message message : SchemaFile.messages())
        {
            assertTrue(ids.add(message.templateId()), "template id " + message.templateId() + " used twice");
        }
    }
}
