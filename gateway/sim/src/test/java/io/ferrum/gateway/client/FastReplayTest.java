package io.ferrum.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.codecs.sbe.AggTradeEncoder;
import io.ferrum.codecs.sbe.BestBidAskEncoder;
import io.ferrum.codecs.sbe.BookDeltaEncoder;
import io.ferrum.codecs.sbe.BookSnapshotEncoder;
import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.gateway.Fixtures;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.book.BookSync;
import io.ferrum.gateway.book.LocalBook;
import io.ferrum.gateway.replay.ReplaySession;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ten-symbol session at speed 0: the whole session is on the wire before the REST
 * snapshot comes back, so the venue's snapshot already holds most buffered diffs and they
 * are dropped ({@code u <= lastUpdateId}), as Binance's procedure says. Every frame the
 * simulator sent still reaches the client, every diff is either in the snapshot or published
 * as a delta, and the books end on the oracle's.
 */
class FastReplayTest
{
    private static final String SESSION = "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv";

    @Test
    void asFastAsTheSocketTakesItEveryDiffIsInTheSnapshotOrPublishedAndTheBooksEndRight() throws Exception
    {
        replayAtSpeedZero(0);
    }

    /** Every 50th claim refused: the frames read behind a refused one wait for it, none is dropped or reordered. */
    @Test
    void aFullRingHoldsBackTheFramesBehindInOrderAndDropsNone() throws Exception
    {
        replayAtSpeedZero(50);
    }

    private static void replayAtSpeedZero(final int refuseEvery) throws Exception
    {
        final ReplaySession session = ReplaySession.load(Fixtures.binance(SESSION));
        final JsonNode expected = Fixtures.expectedBooks().get(session.name());
        final JsonNode books = expected.get("books");
        final long trades = expected.get("counts_by_stream_type").get("aggTrade").asLong();
        final long quotes = expected.get("counts_by_stream_type").get("bookTicker").asLong();
        try (LoopbackFeed feed = new LoopbackFeed(session, 0, new io.ferrum.gateway.sim.VenueSimulator.Context(), refuseEvery, c -> c))
        {
            final boolean done = feed.await(client ->
                feed.published[AggTradeEncoder.TEMPLATE_ID] == trades &&
                feed.published[BestBidAskEncoder.TEMPLATE_ID] == quotes &&
                feed.instruments.stream().allMatch(i ->
                    client.feed().books().get(i).book().lastUpdateId() == books.get(i.symbol()).get("final_update_id").asLong()),
                30_000);
            assertTrue(done, "the session did not arrive whole: " + feed.read(client -> feed.published[AggTradeEncoder.TEMPLATE_ID] +
                " of " + trades + " trades, " + feed.published[BestBidAskEncoder.TEMPLATE_ID] + " of " + quotes + " quotes, " +
                client.feed().decoder().duplicates() + " dropped as duplicates; health " + feed.health));

            long diffs = 0;
            long inSnapshots = 0;
            long deltas = 0;
            for (final Instrument instrument : feed.instruments)
            {
                final JsonNode book = books.get(instrument.symbol());
                final String where = instrument.symbol();
                final BookSync sync = feed.read(client -> client.feed().books().get(instrument));
                final long[] counts = feed.read(client -> new long[]{
                    sync.diffsReceived(), sync.diffsInSnapshot(), sync.deltasPublished(), sync.resyncs(), sync.gaps(),
                    sync.crossings(), sync.snapshotsRequested()});
                assertEquals(book.get("diffs").asLong(), counts[0], where + ": every recorded diff reached the book sync");
                assertEquals(0, counts[3], where + " resyncs");
                assertEquals(0, counts[4], where + " gaps");
                assertEquals(0, counts[5], where + " crossings");
                assertEquals(counts[0], counts[1] + counts[2], where + ": each diff is in the snapshot or published");
                if (0 == refuseEvery)
                {
                    assertEquals(1, counts[6], where + ": one snapshot was enough");
                }
                else
                {
                    // A refused claim may fall on the snapshot's own publication (which one depends on how frames
                    // and the REST answer interleave): the book asks the venue again rather than drop anything.
                    assertTrue(counts[6] >= 1 && counts[6] <= 3, where + ": snapshots requested " + counts[6]);
                }
                diffs += counts[0];
                inSnapshots += counts[1];
                deltas += counts[2];

                final LocalBook consumerBook = feed.read(client -> feed.consumer.book(instrument.instrumentId()));
                assertEquals(book.get("final_best_bid").asText(), FixedPoint.format(consumerBook.bestBid(), -8), where);
                assertEquals(book.get("final_best_ask").asText(), FixedPoint.format(consumerBook.bestAsk(), -8), where);
                assertEquals(book.get("final_update_id").asLong(), consumerBook.lastUpdateId(), where);
                assertFalse(consumerBook.isCrossed(), where);
                assertTrue(feed.sawHealth(instrument.symbol() + ":" + FeedState.IN_SYNC), where + " never in sync: " + feed.health);
            }
            final long deltasSeen = deltas;
            assertEquals(expected.get("counts_by_stream_type").get("depth@100ms").asLong(), diffs);
            assertEquals(deltasSeen, (long)feed.read(client -> feed.published[BookDeltaEncoder.TEMPLATE_ID]),
                "every delta published reached the consumer");
            assertEquals(feed.instruments.size(), (long)feed.read(client -> feed.published[BookSnapshotEncoder.TEMPLATE_ID]));
            assertEquals(0, feed.consumer.unchainedDeltas());
            assertEquals(0, feed.consumer.crossedBooks());
            assertEquals(0L, (long)feed.read(client -> client.feed().badInput().total()));
            assertEquals(0L, (long)feed.read(client -> client.feed().decoder().duplicates()), "no frame was reordered");
            System.out.printf("speed 0: %d diffs, %d already in the snapshots, %d published as deltas%n", diffs, inSnapshots, deltas);
        }
    }
}
