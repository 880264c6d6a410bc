package io.ferrum.sequencer;

import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.sequencer.ring.InboundRing;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * Writes Ferrum Trade inputs for tests, straight into ring slots as a gateway would.
 */
public final class Inputs
{
    private final TradeEncoder trade = new TradeEncoder();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    public int trade(final MutableDirectBuffer buffer, final int offset, final int sourceId, final long sequence)
    {
        trade.wrapAndApplyHeader(buffer, offset, header);
        trade.source().sourceId(sourceId).sequence(sequence).eventTimeNs(1_700_000_000_000_000_000L + sequence)
            .receiveTimeNs(1_700_000_000_000_000_000L + sequence + 1);
        trade.venue(Venue.BINANCE_SPOT).instrumentId(1).symbol("BTCUSDT").priceExponent((byte)-2).sizeExponent((byte)-5)
            .tradeId(sequence).price(4_200_000 + sequence % 100).quantity(1_000 + sequence % 7)
            .tradeTimeNs(1_700_000_000_000_000_000L + sequence).aggressor(0 == (sequence & 1) ? Side.BUY : Side.SELL);
        return MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
    }

    /** Claims a slot (waiting while the ring is full), writes a trade and commits it. */
    public void publish(final InboundRing ring, final IdleStrategy idle, final int sourceId, final long sequence)
    {
        final long slot = ring.claim(idle);
        ring.commit(slot, trade(ring.buffer(slot), 0, sourceId, sequence));
    }
}
