package io.ferrum.ops.backtest.data;

import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.FeedStatusDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.Ticker24hDecoder;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.gateway.DirectDispatchPublisher;
import io.ferrum.gateway.binance.DecodeResult;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.binance.InstrumentTable;
import io.ferrum.gateway.binance.SourceSequence;
import io.ferrum.gateway.book.BookSync;
import io.ferrum.gateway.feed.SpotFeed;
import io.ferrum.gateway.replay.ReplaySession;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports a recorded session ({@code *.replay.tsv}: the WebSocket frames and the REST depth
 * snapshots, in receive order) through the live gateway's own decoder and book sync
 * ({@link SpotFeed}), so that the stored events are exactly what the gateway publishes:
 * per symbol a BookSnapshot, then only chaining BookDeltas, trades, aggTrades, quotes and
 * the per-symbol FeedStatus changes. Each snapshot request of a book sync is answered with
 * the REST response the live client got, once that response is reached in the recording
 * (as the live client would have received it then). Every message is stored at the
 * receive time of the row that produced it. Frames the gateway drops (kline streams,
 * malformed frames) are counted by the gateway's bad-input counters, never stored.
 */
public final class SessionImporter
{
    /** Large enough for a BookSnapshot of Binance's largest REST depth (5000 levels a side). */
    private static final int SLOT_LENGTH = 256 * 1024;
    private static final int MAX_FRAME_LENGTH = 1024 * 1024;
    private static final int SOURCE_ID = 1;

    private final InstrumentRegistry registry;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final AggTradeDecoder aggTrade = new AggTradeDecoder();
    private final BookSnapshotDecoder snapshot = new BookSnapshotDecoder();
    private final BookDeltaDecoder delta = new BookDeltaDecoder();
    private final BestBidAskDecoder bestBidAsk = new BestBidAskDecoder();
    private final Ticker24hDecoder ticker = new Ticker24hDecoder();
    private final FeedStatusDecoder feedStatus = new FeedStatusDecoder();
    private long events;
    private long dropped;
    private long connectionStatus;

    /**
     * @param registry the engine's instruments: the session's symbols must be in it, and
     *                 their ids and exponents are those the stored messages carry
     */
    public SessionImporter(final InstrumentRegistry registry)
    {
        this.registry = registry;
    }

    /** Messages stored so far. */
    public long events()
    {
        return events;
    }

    /** WebSocket frames the gateway's decoder dropped (streams it does not publish, bad frames). */
    public long dropped()
    {
        return dropped;
    }

    /** Connection-level FeedStatus messages (no instrument), which have no symbol's stream to go to. */
    public long connectionStatus()
    {
        return connectionStatus;
    }

    public void importFile(final Path file, final EventStoreWriter out)
    {
        final ReplaySession session;
        try
        {
            session = ReplaySession.load(file);
        }
        catch (final IOException ex)
        {
            throw new ImportException(file, 0, "cannot read: " + ex.getMessage(), ex);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ImportException(file, 0, ex.getMessage(), ex);
        }
        try
        {
            replay(file, session, out);
        }
        catch (final RuntimeException ex)
        {
            out.abort();
            throw ex;
        }
    }

    private void replay(final Path file, final ReplaySession session, final EventStoreWriter out)
    {
        final List<Instrument> instruments = instrumentsOf(file, session);
        final Map<Integer, String> symbolById = new HashMap<>();
        instruments.forEach(i -> symbolById.put(i.instrumentId(), i.symbol()));
        final long[] now = new long[1];
        final Set<String> requested = new LinkedHashSet<>();
        final Map<String, String> responses = new HashMap<>();
        final DirectDispatchPublisher publisher = new DirectDispatchPublisher(SLOT_LENGTH,
            (buffer, offset, length) -> store(buffer, offset, length, symbolById, now[0], out));
        final SpotFeed feed = new SpotFeed(
            new InstrumentTable(instruments), publisher, instrument -> requested.add(instrument.symbol()),
            (instrument, state, previous, detail) -> { }, () -> now[0], Venue.BINANCE_SPOT, new SourceSequence(SOURCE_ID), 1,
            MAX_FRAME_LENGTH, () -> { });
        final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
        int row = 1;
        for (final ReplaySession.Entry entry : session.entries())
        {
            row++;
            now[0] = entry.receiveTimeNanos();
            try
            {
                switch (entry.kind())
                {
                    case WS ->
                    {
                        final byte[] bytes = entry.payload().getBytes(StandardCharsets.UTF_8);
                        frame.wrap(bytes);
                        if (feed.decoder().onFrame(frame, 0, bytes.length, now[0]) != DecodeResult.OK)
                        {
                            dropped++;
                        }
                    }
                    case REST ->
                    {
                        if (SessionInstruments.isDepth(entry.url()))
                        {
                            responses.put(ReplaySession.queryParameter(entry.url(), "symbol"), entry.payload());
                        }
                    }
                    default ->
                    {
                    }
                }
                answerSnapshotRequests(feed, requested, responses, frame);
            }
            catch (final ImportException ex)
            {
                throw ex;
            }
            catch (final RuntimeException ex)
            {
                throw new ImportException(file, row, ex.getMessage(), ex);
            }
        }
    }

    private List<Instrument> instrumentsOf(final Path file, final ReplaySession session)
    {
        final Set<String> symbols = new LinkedHashSet<>();
        for (final ReplaySession.Entry entry : session.entries())
        {
            if (entry.kind() == ReplaySession.Kind.REST && SessionInstruments.isDepth(entry.url()))
            {
                symbols.add(ReplaySession.queryParameter(entry.url(), "symbol"));
            }
        }
        symbols.remove(null);
        final List<Instrument> instruments = new ArrayList<>();
        for (final String symbol : symbols)
        {
            final io.ferrum.engine.instrument.Instrument known = registry.get(symbol);
            if (known == null)
            {
                throw new ImportException(file, 0, "symbol " + symbol + " is not in the instrument registry");
            }
            instruments.add(new Instrument(symbol, known.instrumentId(), known.priceExponent(), known.sizeExponent()));
        }
        if (instruments.isEmpty())
        {
            throw new ImportException(file, 0, "no REST depth snapshot in the session: no book can be synced");
        }
        return instruments;
    }

    /** A sync that asked for a snapshot gets the recorded response once the recording has reached it. */
    private static void answerSnapshotRequests(
        final SpotFeed feed, final Set<String> requested, final Map<String, String> responses, final UnsafeBuffer frame)
    {
        for (final java.util.Iterator<String> it = requested.iterator(); it.hasNext(); )
        {
            final String symbol = it.next();
            final String body = responses.remove(symbol);
            if (body != null)
            {
                it.remove();
                final BookSync sync = feed.books().all().stream()
                    .filter(s -> s.instrument().symbol().equals(symbol)).findFirst().orElseThrow();
                final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                frame.wrap(bytes);
                sync.onSnapshot(frame, 0, bytes.length);
            }
        }
    }

    private void store(
        final DirectBuffer buffer, final int offset, final int length, final Map<Integer, String> symbolById,
        final long timeNs, final EventStoreWriter out)
    {
        final int instrumentId = instrumentId(buffer, offset);
        if (instrumentId == 0)
        {
            connectionStatus++;
            return;
        }
        final String symbol = symbolById.get(instrumentId);
        if (symbol == null)
        {
            throw new IllegalStateException("gateway published instrument " + instrumentId + " it was not given");
        }
        out.append(symbol, buffer, offset, length, timeNs);
        events++;
    }

    private int instrumentId(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        return switch (header.templateId())
        {
            case TradeDecoder.TEMPLATE_ID -> trade.wrapAndApplyHeader(buffer, offset, header).instrumentId();
            case AggTradeDecoder.TEMPLATE_ID -> aggTrade.wrapAndApplyHeader(buffer, offset, header).instrumentId();
            case BookSnapshotDecoder.TEMPLATE_ID -> snapshot.wrapAndApplyHeader(buffer, offset, header).instrumentId();
            case BookDeltaDecoder.TEMPLATE_ID -> delta.wrapAndApplyHeader(buffer, offset, header).instrumentId();
            case BestBidAskDecoder.TEMPLATE_ID -> bestBidAsk.wrapAndApplyHeader(buffer, offset, header).instrumentId();
            case Ticker24hDecoder.TEMPLATE_ID -> ticker.wrapAndApplyHeader(buffer, offset, header).instrumentId();
            case FeedStatusDecoder.TEMPLATE_ID -> feedStatus.wrapAndApplyHeader(buffer, offset, header).instrumentId();
            default -> throw new IllegalStateException("gateway published template " + header.templateId());
        };
    }
}
