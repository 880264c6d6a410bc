package io.ferrum.ops.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.codecs.sbe.BookDeltaEncoder;
import io.ferrum.codecs.sbe.BookSnapshotEncoder;
import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.codecs.sbe.FeedStatusEncoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Venue;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health over time, book sync rules and hostile input, driven through onMessage with real SBE bytes. */
class HealthAndInputTest
{
    private static final long T0 = 1_617_647_600_000_000_000L;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ManualClock clock = new ManualClock();
    private final AnalyticsConsumer consumer = new AnalyticsConsumer(
        new AnalyticsConsumer.Context().clock(clock).refreshIntervalNs(100_000_000L));
    private long sequence;

    private int snapshot(final long lastUpdateId, final long timeNs, final long bid, final long ask)
    {
        final BookSnapshotEncoder e = new BookSnapshotEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.source().sourceId(1).sequence(++sequence).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        e.venue(Venue.BINANCE_SPOT).instrumentId(1).symbol("BTCUSDT").priceExponent((byte)-2).sizeExponent((byte)-3)
            .lastUpdateId(lastUpdateId);
        e.bidsCount(2).next().price(bid).quantity(1_000).next().price(bid - 1).quantity(2_000);
        e.asksCount(2).next().price(ask).quantity(1_500).next().price(ask + 1).quantity(2_500);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private int delta(final long first, final long last, final long timeNs, final long bid, final long bidQty)
    {
        final BookDeltaEncoder e = new BookDeltaEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.source().sourceId(1).sequence(++sequence).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        e.venue(Venue.BINANCE_SPOT).instrumentId(1).symbol("BTCUSDT").priceExponent((byte)-2).sizeExponent((byte)-3)
            .firstUpdateId(first).lastUpdateId(last);
        e.bidsCount(1).next().price(bid).quantity(bidQty);
        e.asksCount(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private int trade(final long timeNs, final byte priceExponent)
    {
        final TradeEncoder e = new TradeEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.source().sourceId(1).sequence(++sequence).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        e.venue(Venue.BINANCE_SPOT).instrumentId(1).symbol("BTCUSDT").priceExponent(priceExponent).sizeExponent((byte)-3)
            .tradeId(sequence).price(5_000_000).quantity(10).tradeTimeNs(timeNs).aggressor(Side.BUY);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private JsonNode report()
    {
        consumer.publishAll();
        return ReportSchema.assertValid(consumer.cache().report("BTCUSDT")).path("payload");
    }

    @Test
    void stalledFeedTurnsDegradedThenDown()
    {
        consumer.onMessage(buffer, 0, snapshot(100, T0, 5_000_000, 5_000_010));
        clock.update(T0 + 200_000_000L);
        assertEquals(1, consumer.doWork());
        JsonNode health = ReportSchema.assertValid(consumer.cache().report("BTCUSDT")).path("payload").path("health");
        assertEquals("healthy", health.path("status").asText());
        assertEquals(200, health.path("data_age_ms").asLong());

        // No new data: the consumer's duty cycle alone moves health on.
        clock.update(T0 + 1_000_000_000L);
        consumer.doWork();
        assertEquals("healthy", ReportSchema.assertValid(consumer.cache().report("BTCUSDT"))
            .path("payload").path("health").path("status").asText());
        clock.update(T0 + 1_101_000_000L);
        consumer.doWork();
        health = ReportSchema.assertValid(consumer.cache().report("BTCUSDT")).path("payload").path("health");
        assertEquals("degraded", health.path("status").asText());
        assertEquals(1101, health.path("data_age_ms").asLong());
        clock.update(T0 + 10_001_000_000L);
        consumer.doWork();
        final JsonNode payload = ReportSchema.assertValid(consumer.cache().report("BTCUSDT")).path("payload");
        assertEquals("down", payload.path("health").path("status").asText());
        assertEquals("critical", payload.path("anomalies").path("stale_feed").path("severity").asText());

        // Data flows again: healthy.
        consumer.onMessage(buffer, 0, delta(101, 101, T0 + 10_000_000_000L, 5_000_001, 7));
        clock.advanceMs(100);
        assertEquals(1, consumer.doWork());
        assertEquals("healthy", ReportSchema.assertValid(consumer.cache().report("BTCUSDT"))
            .path("payload").path("health").path("status").asText());
    }

    @Test
    void refreshIsRateLimited()
    {
        consumer.onMessage(buffer, 0, snapshot(100, T0, 5_000_000, 5_000_010));
        clock.update(T0);
        assertEquals(1, consumer.doWork());
        clock.update(T0 + 99_000_000L);
        assertEquals(0, consumer.doWork());
        clock.update(T0 + 100_000_000L);
        assertEquals(1, consumer.doWork());
    }

    @Test
    void gapTakesTheBookOutOfSyncUntilTheNextSnapshot()
    {
        clock.update(T0);
        consumer.onMessage(buffer, 0, snapshot(100, T0, 5_000_000, 5_000_010));
        consumer.onMessage(buffer, 0, delta(95, 100, T0, 4_000_000, 1));    // old: dropped
        consumer.onMessage(buffer, 0, delta(99, 103, T0, 5_000_002, 3));    // straddles 101: applied
        JsonNode p = report();
        assertEquals(103, p.path("last_update_id").asLong());
        assertEquals("50000.02", p.path("l1").path("bid").asText());
        assertEquals("0.003", p.path("l1").path("bid_size").asText());

        consumer.onMessage(buffer, 0, delta(105, 106, T0, 5_000_003, 4));   // 104 missing: gap
        p = report();
        assertEquals(1, p.path("anomalies").path("gaps").path("gap_count").asLong());
        assertEquals("critical", p.path("anomalies").path("gaps").path("severity").asText());
        assertEquals("out_of_sync", p.path("health").path("book_state").asText());
        assertEquals("degraded", p.path("health").path("status").asText());
        assertTrue(p.path("depth").path("bands").path(0).path("bid_quantity").isNull());

        // A new snapshot at 104 resynchronises, then the held diff 105..106 is replayed onto it.
        consumer.onMessage(buffer, 0, snapshot(104, T0, 5_000_000, 5_000_010));
        p = report();
        assertEquals(1, p.path("anomalies").path("gaps").path("resync_count").asLong());
        assertEquals(106, p.path("last_update_id").asLong());
        assertEquals("50000.03", p.path("l1").path("bid").asText());
        assertEquals("healthy", p.path("health").path("status").asText());
    }

    @Test
    void impossiblePricesAndQuantitiesAreRefused()
    {
        clock.update(T0);
        consumer.onMessage(buffer, 0, snapshot(100, T0, 5_000_000, 5_000_010));
        consumer.onMessage(buffer, 0, delta(101, 101, T0, 5_000_001, -7));
        consumer.onMessage(buffer, 0, delta(101, 101, T0, 0, 7));
        consumer.onMessage(buffer, 0, snapshot(102, T0, -5, 5_000_010));
        final JsonNode p = report();
        assertEquals(3, p.path("health").path("rejected_messages").asLong());
        assertTrue(p.path("health").path("last_error").path("message").asText().startsWith("snapshot 102"));
        assertEquals("50000.00", p.path("l1").path("bid").asText(), "the book is untouched");
        assertEquals(100, p.path("last_update_id").asLong());
    }

    @Test
    void aResentMessageChangesNothing()
    {
        clock.update(T0);
        consumer.onMessage(buffer, 0, snapshot(100, T0, 5_000_000, 5_000_010));
        final int length = trade(T0, (byte)-2);
        final byte[] copy = new byte[length];
        buffer.getBytes(0, copy);
        consumer.onMessage(buffer, 0, length);
        final String once = report().path("stats_24h").toString();
        consumer.onMessage(new UnsafeBuffer(copy), 0, length);
        assertEquals(once, report().path("stats_24h").toString());
        assertEquals(1, consumer.duplicateMessages());
        assertEquals(1, report().path("stats_24h").path("tape").path("trade_count").asLong());
    }

    @Test
    void crossedBookIsFlaggedCritical()
    {
        clock.update(T0);
        consumer.onMessage(buffer, 0, snapshot(100, T0, 5_000_000, 5_000_010));
        consumer.onMessage(buffer, 0, delta(101, 101, T0, 5_000_020, 5));
        final JsonNode crossed = report().path("anomalies").path("crossed_book");
        assertTrue(crossed.path("crossed").asBoolean());
        assertEquals("critical", crossed.path("severity").asText());
        assertEquals(1, crossed.path("crossed_events").asLong());
    }

    @Test
    void feedStatusReportsReconnectsAndLastError()
    {
        clock.update(T0);
        consumer.onMessage(buffer, 0, snapshot(100, T0, 5_000_000, 5_000_010));
        for (final FeedState state : new FeedState[]{FeedState.CONNECTED, FeedState.DISCONNECTED})
        {
            final FeedStatusEncoder e = new FeedStatusEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.source().sourceId(1).sequence(++sequence).eventTimeNs(T0).receiveTimeNs(T0);
            e.venue(Venue.BINANCE_SPOT).instrumentId(0).symbol("").streamId(3).state(state)
                .previousState(FeedState.CONNECTING).detail("socket closed by peer");
            consumer.onMessage(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
        }
        JsonNode health = report().path("health");
        assertEquals("down", health.path("status").asText());
        assertEquals("disconnected: socket closed by peer", health.path("last_error").path("message").asText());
        final FeedStatusEncoder e = new FeedStatusEncoder().wrapAndApplyHeader(buffer, 0, header);
        e.source().sourceId(1).sequence(++sequence).eventTimeNs(T0).receiveTimeNs(T0);
        e.venue(Venue.BINANCE_SPOT).instrumentId(0).symbol("").streamId(3).state(FeedState.CONNECTED)
            .previousState(FeedState.CONNECTING).detail("");
        consumer.onMessage(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
        health = report().path("health");
        assertEquals(1, health.path("reconnects").asLong());
        assertEquals("connected", health.path("feed_state").asText());
        assertEquals("healthy", health.path("status").asText());
    }

    @Test
    void hostileInputIsCountedAndDroppedNeverFatal()
    {
        clock.update(T0);
        final int length = snapshot(100, T0, 5_000_000, 5_000_010);
        // Too short for a header, too short for its block, a group claiming more levels than there are bytes.
        consumer.onMessage(buffer, 0, 5);
        consumer.onMessage(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + 10);
        final UnsafeBuffer truncated = new UnsafeBuffer(new byte[length - 20]);
        truncated.putBytes(0, buffer, 0, length - 20);
        consumer.onMessage(truncated, 0, length - 20);
        assertEquals(3, consumer.malformedMessages());

        // Another schema and an unknown template: ignored.
        final UnsafeBuffer other = new UnsafeBuffer(new byte[64]);
        other.putShort(0, (short)8);
        other.putShort(2, (short)1);
        other.putShort(4, (short)9999);
        consumer.onMessage(other, 0, 64);
        other.putShort(4, (short)7301);
        other.putShort(2, (short)999);
        consumer.onMessage(other, 0, 64);
        assertEquals(2, consumer.ignoredMessages());

        // A trade in another price exponent is refused, not mixed into the tape.
        consumer.onMessage(buffer, 0, snapshot(100, T0, 5_000_000, 5_000_010));
        consumer.onMessage(buffer, 0, trade(T0, (byte)-4));
        final JsonNode p = report();
        assertTrue(p.path("stats_24h").path("tape").isNull());
        assertEquals(1, p.path("health").path("rejected_messages").asLong());
        assertTrue(p.path("health").path("last_error").path("message").asText().startsWith("exponent change refused"));
        consumer.onMessage(buffer, 0, trade(T0, (byte)-2));
        assertEquals("50000.00", report().path("stats_24h").path("tape").path("last").asText());
        assertNull(consumer.cache().report("ETHUSDT"));
    }
}
