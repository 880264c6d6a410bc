package io.ferrum.bench.engine;

import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookDeltaEncoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.BookSnapshotEncoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.book.OrderBook;
import io.ferrum.engine.instrument.Instrument;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The engine's L2 book ({@link OrderBook}, the ladder every strategy reads) applying one
 * {@code BookDelta}: 1000 levels a side at consecutive ticks (a Binance {@code limit=1000}
 * snapshot of ZILUSDT), the engine's default capacity of 5000 levels, and a cycle of 64 deltas
 * drawn in setup from a seeded generator. Each delta changes 3 bid and 3 ask levels within the top 50:
 * two quantity changes and one level removed (an odd delta) or put back (the next, even one), so
 * that the book returns to the same shape every cycle and removals and insertions shift the ladder's
 * arrays as they do live. The header is decoded and the body wrapped as the engine does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class OrderBookBenchmark
{
    private static final int DEPTH = 1000;
    private static final int DELTAS = 64;
    private static final int TOP = 50;
    private static final long BEST_BID = 21_437_000;
    private static final long BEST_ASK = 21_448_000;
    private static final long TICK = 1_000;
    private static final int DELTA_CAPACITY = 256;

    private final Instrument zil = new Instrument(1, "ZILUSDT", Venue.BINANCE_SPOT, -8, -8, TICK, 10_000_000);
    private final OrderBook book = new OrderBook(zil, 5000);
    private final UnsafeBuffer deltas = new UnsafeBuffer(new byte[DELTAS * DELTA_CAPACITY]);
    private final int[] lengths = new int[DELTAS];
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookDeltaDecoder delta = new BookDeltaDecoder();
    private long updateId = 1_000;
    private long timeNs = 1_617_647_603_000_000_000L;
    private int next;

    @Setup
    public void setUp()
    {
        final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
        final UnsafeBuffer snapshot = new UnsafeBuffer(new byte[64 + 2 * DEPTH * 16 + 64]);
        final BookSnapshotEncoder s = new BookSnapshotEncoder().wrapAndApplyHeader(snapshot, 0, headerEncoder);
        s.source().sourceId(1).sequence(1).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        s.venue(Venue.BINANCE_SPOT).instrumentId(1).putSymbol(zil.symbolBytes(), 0).priceExponent((byte)-8)
            .sizeExponent((byte)-8).lastUpdateId(updateId);
        final BookSnapshotEncoder.BidsEncoder bids = s.bidsCount(DEPTH);
        for (int i = 0; i < DEPTH; i++)
        {
            bids.next().price(BEST_BID - i * TICK).quantity(quantity(i));
        }
        final BookSnapshotEncoder.AsksEncoder asks = s.asksCount(DEPTH);
        for (int i = 0; i < DEPTH; i++)
        {
            asks.next().price(BEST_ASK + i * TICK).quantity(quantity(i));
        }
        header.wrap(snapshot, 0);
        final BookSnapshotDecoder snapshotDecoder = new BookSnapshotDecoder()
            .wrap(snapshot, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        if (book.apply(snapshotDecoder, timeNs) != OrderBook.APPLIED)
        {
            throw new IllegalStateException("snapshot not applied");
        }

        final SplittableRandom random = new SplittableRandom(7);
        final BookDeltaEncoder d = new BookDeltaEncoder();
        int removedBid = 0;
        int removedAsk = 0;
        for (int k = 0; k < DELTAS; k++)
        {
            final UnsafeBuffer slot = new UnsafeBuffer(deltas, k * DELTA_CAPACITY, DELTA_CAPACITY);
            d.wrapAndApplyHeader(slot, 0, headerEncoder);
            d.source().sourceId(1).sequence(0).eventTimeNs(timeNs).receiveTimeNs(timeNs);
            d.venue(Venue.BINANCE_SPOT).instrumentId(1).putSymbol(zil.symbolBytes(), 0).priceExponent((byte)-8)
                .sizeExponent((byte)-8).firstUpdateId(0).lastUpdateId(0);
            final boolean remove = (k & 1) == 0;
            if (remove)
            {
                removedBid = 2 + random.nextInt(TOP - 2);
                removedAsk = 2 + random.nextInt(TOP - 2);
            }
            final BookDeltaEncoder.BidsEncoder bidLevels = d.bidsCount(3);
            bidLevels.next().price(BEST_BID - TICK * random.nextInt(2)).quantity(quantity(random.nextInt(DEPTH)));
            bidLevels.next().price(BEST_BID - TICK * random.nextInt(TOP)).quantity(quantity(random.nextInt(DEPTH)));
            bidLevels.next().price(BEST_BID - TICK * removedBid).quantity(remove ? 0 : quantity(removedBid));
            final BookDeltaEncoder.AsksEncoder askLevels = d.asksCount(3);
            askLevels.next().price(BEST_ASK + TICK * random.nextInt(2)).quantity(quantity(random.nextInt(DEPTH)));
            askLevels.next().price(BEST_ASK + TICK * random.nextInt(TOP)).quantity(quantity(random.nextInt(DEPTH)));
            askLevels.next().price(BEST_ASK + TICK * removedAsk).quantity(remove ? 0 : quantity(removedAsk));
            lengths[k] = MessageHeaderEncoder.ENCODED_LENGTH + d.encodedLength();
        }
    }

    private static long quantity(final int level)
    {
        return 100_000_000_000L + level * 7_000_000L;
    }

    /** One delta applied: returns the new best bid plus the update count, which depend on every apply. */
    @Benchmark
    public long applyDelta()
    {
        final int k = next;
        next = (k + 1) & (DELTAS - 1);
        final int offset = k * DELTA_CAPACITY;
        final long id = ++updateId;
        deltas.putLong(offset + MessageHeaderDecoder.ENCODED_LENGTH + BookDeltaDecoder.firstUpdateIdEncodingOffset(), id);
        deltas.putLong(offset + MessageHeaderDecoder.ENCODED_LENGTH + BookDeltaDecoder.lastUpdateIdEncodingOffset(), id);
        header.wrap(deltas, offset);
        delta.wrap(deltas, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        timeNs += 100_000;
        return book.apply(delta, timeNs) + book.bestBidPrice() + book.updates() + lengths[k];
    }
}
