package io.ferrum.gateway.binance;

import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.codecs.sbe.FeedStatusEncoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.gateway.InboundPublisher;
import org.agrona.MutableDirectBuffer;

import io.ferrum.gateway.logging.LogFields;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Publishes a feed health change as a FeedStatus message on the ring and logs it. State
 * changes are rare, so this is a cold path: the detail text may be built per call.
 */
public final class FeedStatusPublisher
{
    private static final Logger LOG = LogManager.getLogger(FeedStatusPublisher.class);
    private static final byte[] NO_SYMBOL = new byte[FeedStatusEncoder.symbolLength()];

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final FeedStatusEncoder encoder = new FeedStatusEncoder();
    private final InboundPublisher publisher;
    private final SourceSequence sequence;
    private final Venue venue;
    private final int streamId;
    private final FeedStatusListener listener;

    public FeedStatusPublisher(
        final InboundPublisher publisher,
        final SourceSequence sequence,
        final Venue venue,
        final int streamId,
        final FeedStatusListener listener)
    {
        this.publisher = publisher;
        this.sequence = sequence;
        this.venue = venue;
        this.streamId = streamId;
        this.listener = listener;
    }

    /**
     * @param instrument null for the whole connection
     * @return false when the ring was full and the status could only be logged
     */
    public boolean publish(
        final Instrument instrument, final FeedState state, final FeedState previous, final String detail, final long nowNs)
    {
        LogFields.symbol(instrument == null ? "*" : instrument.symbol());
        LogFields.streamId(streamId);
        try
        {
            LOG.info("feed state {} -> {}: {}", previous, state, detail);
            listener.onFeedStatus(instrument, state, previous, detail);
            final MutableDirectBuffer slot = publisher.claim();
            if (slot == null)
            {
                LOG.warn("ring full, feed status {} not published", state);
                return false;
            }
            encoder.wrapAndApplyHeader(slot, 0, header).source()
                .sourceId(sequence.sourceId()).sequence(sequence.next()).eventTimeNs(nowNs).receiveTimeNs(nowNs);
            encoder.venue(venue)
                .instrumentId(instrument == null ? 0 : instrument.instrumentId())
                .putSymbol(instrument == null ? NO_SYMBOL : instrument.paddedSymbol(), 0)
                .streamId(streamId).state(state).previousState(previous);
            encoder.detail(detail.length() > 1024 ? detail.substring(0, 1024) : detail);
            publisher.commit(MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
            return true;
        }
        finally
        {
            LogFields.clearEvent();
        }
    }

    public int streamId()
    {
        return streamId;
    }
}
