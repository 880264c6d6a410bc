package io.ferrum.gateway;

import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.binance.InstrumentTable;
import io.ferrum.gateway.binance.SourceSequence;
import io.ferrum.gateway.book.SbeBookBuilder;
import io.ferrum.gateway.feed.SpotFeed;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link SpotFeed} over a real slot ring, recording snapshot requests and health changes. */
public final class TestFeed
{
    public static final int SLOT_LENGTH = 128 * 1024;
    public static final int MAX_FRAME = 256 * 1024;

    public final InstrumentTable instruments;
    public final SlotArrayPublisher ring = new SlotArrayPublisher(1024, SLOT_LENGTH);
    public final List<String> snapshotRequests = new ArrayList<>();
    public final List<String> health = new ArrayList<>();
    public final SpotFeed feed;
    public final List<Integer> templateIds = new ArrayList<>();
    public final SbeBookBuilder consumer = new SbeBookBuilder(this::record);
    /** A copy of the last message drained from the ring, at offset 0. */
    public final UnsafeBuffer last = new UnsafeBuffer(new byte[SLOT_LENGTH]);
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[MAX_FRAME * 2]);

    public TestFeed(final String... symbols)
    {
        final List<Instrument> list = new ArrayList<>();
        for (int i = 0; i < symbols.length; i++)
        {
            list.add(new Instrument(symbols[i], i + 1));
        }
        instruments = new InstrumentTable(list);
        feed = new SpotFeed(
            instruments, ring, instrument -> snapshotRequests.add(instrument.symbol()), this::onStatus,
            new SystemEpochNanoClock(), Venue.BINANCE_SPOT, new SourceSequence(7), 1, MAX_FRAME, () -> health.add("serverShutdown"));
    }

    private void onStatus(final Instrument instrument, final FeedState state, final FeedState previous, final String detail)
    {
        health.add((instrument == null ? "*" : instrument.symbol()) + ":" + state);
    }

    private void record(final DirectBuffer buffer, final int offset, final int length)
    {
        templateIds.add(buffer.getShort(offset + 2) & 0xFFFF);
        last.putBytes(0, buffer, offset, length);
    }

    public int frame(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        frame.putBytes(0, bytes);
        final int result = feed.decoder().onFrame(frame, 0, bytes.length, 1L);
        drain();
        return result;
    }

    public void snapshot(final String symbol, final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        frame.putBytes(0, bytes);
        feed.books().get(instruments.lookup(symbol)).onSnapshot(frame, 0, bytes.length);
        drain();
    }

    public void drain()
    {
        ring.drain(consumer);
    }

    public Instrument instrument(final String symbol)
    {
        return instruments.lookup(symbol);
    }
}
