package io.ferrum.ops.history;

import io.ferrum.codecs.sbe.BestBidAskEncoder;
import io.ferrum.codecs.sbe.BookDeltaEncoder;
import io.ferrum.codecs.sbe.BookSnapshotEncoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportEncoder;
import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.codecs.sbe.FeedStatusEncoder;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.RiskDecisionEncoder;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.SourceEncoder;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.gateway.RingPublisher;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.sequencer.Sequencer;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.cluster.ClusterNode;
import io.ferrum.sequencer.cluster.FerrumClusteredService;
import io.ferrum.sequencer.cluster.LocalCluster;
import io.ferrum.sequencer.journal.JournalReader;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real journal for the history tests: a single-member cluster with the demo's engine, fed through
 * the sequencer's ring with every kind of input the history has a table for (trades, quotes, a book
 * snapshot and deltas, feed status, risk decisions, execution reports with fills), at known values and
 * at the cluster's own clock, as a live run. Admin commands need an authenticated session: the demo's
 * test in ops/cli covers them.
 */
public final class TestJournal
{
    static final String SYMBOL = "ZILUSDT";
    static final int INSTRUMENT_ID = 2;
    static final int STRATEGY_ID = 7;
    static final long BASE_TIME_NS = 1_617_600_000_000_000_000L; // 2021-04-05T05:20:00Z

    private TestJournal()
    {
    }

    /**
     * Writes a journal of {@code rounds} rounds under {@code dir} and stops its cluster.
     *
     * @return the member's directory, as {@code ./ferrum history --journal} takes it
     */
    public static Path write(final Path dir, final int rounds) throws Exception
    {
        final ClusterConfig config = ClusterConfig.parse(String.join("\n",
            "cluster.dir = " + dir,
            "cluster.term.length = 1m",
            "ring.slot.length = 4096",
            "ring.size = 1024"), "test");
        final DemoEngineConfig engine = DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT");
        java.nio.file.Files.createDirectories(dir);
        engine.write(dir);
        final Path journal;
        try (LocalCluster cluster = LocalCluster.launch(config, (id) -> FerrumClusteredService.create(
                engine::newEngine, config.ackInterval()), ThreadLayout.none(), Throwable::printStackTrace);
            Sequencer sequencer = cluster.launchSequencer((b, o, l, t) -> { }))
        {
            final ClusterNode leader = cluster.awaitLeader(10, TimeUnit.SECONDS);
            final RingPublisher publisher = new RingPublisher(sequencer.ring(), null);
            final Messages messages = new Messages();
            long published = 0;
            for (int round = 0; round < rounds; round++)
            {
                published += messages.round(round, (encode) -> publish(publisher, encode));
            }
            final long expected = published;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (count(leader.journalDir().toPath()) < expected)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("the log never held the " + expected + " inputs published");
                }
                Thread.sleep(20);
            }
            journal = leader.journalDir().toPath();
        }
        return journal;
    }

    private static long count(final Path journal)
    {
        try
        {
            return JournalReader.open(journal).replay(new io.ferrum.engine.api.EngineInput()
            {
                public void onInput(final org.agrona.DirectBuffer b, final int o, final int l, final long p, final long t)
                {
                }

                public void onTimer(final long timerId, final long timestampNs)
                {
                }
            }).messages();
        }
        catch (final RuntimeException notYet)
        {
            return 0;
        }
    }

    private static void publish(final RingPublisher publisher, final java.util.function.ToIntFunction<MutableDirectBuffer> encode)
    {
        final SleepingMillisIdleStrategy idle = new SleepingMillisIdleStrategy(1);
        MutableDirectBuffer slot;
        while (null == (slot = publisher.claim()))
        {
            idle.idle();
        }
        publisher.commit(encode.applyAsInt(slot));
    }

    /** The inputs of each round, with their values derived from the round number. */
    private static final class Messages
    {
        private final MessageHeaderEncoder header = new MessageHeaderEncoder();
        private final TradeEncoder trade = new TradeEncoder();
        private final BestBidAskEncoder quote = new BestBidAskEncoder();
        private final BookSnapshotEncoder snapshot = new BookSnapshotEncoder();
        private final BookDeltaEncoder delta = new BookDeltaEncoder();
        private final FeedStatusEncoder status = new FeedStatusEncoder();
        private final RiskDecisionEncoder decision = new RiskDecisionEncoder();
        private final ExecutionReportEncoder report = new ExecutionReportEncoder();
        private long feedSequence;
        private long venueSequence;
        private long auditSequence;

        /** @return inputs published */
        int round(final int round, final Consumer<java.util.function.ToIntFunction<MutableDirectBuffer>> out)
        {
            int count = 0;
            final long timeNs = BASE_TIME_NS + round * 10_000_000L;
            final long price = 21_440_000 + (round % 7) * 1000;
            if (0 == round)
            {
                out.accept((b) -> feedStatus(b, timeNs));
                out.accept((b) -> snapshot(b, timeNs, price));
                count += 2;
            }
            out.accept((b) -> trade(b, round, timeNs, price));
            out.accept((b) -> quote(b, round, timeNs, price));
            count += 2;
            if (round % 5 == 4)
            {
                out.accept((b) -> delta(b, round, timeNs, price));
                count++;
            }
            if (round % 10 == 9)
            {
                final long order = 1000 + round;
                final Side side = round % 20 == 9 ? Side.BUY : Side.SELL;
                out.accept((b) -> decision(b, order, side, price, round % 30 == 29));
                out.accept((b) -> report(b, order, side, ExecType.NEW, OrderStatus.ACKNOWLEDGED, 0, 0, timeNs));
                out.accept((b) -> report(b, order, side, ExecType.FILL, OrderStatus.FILLED, price, 10_00000000L, timeNs));
                count += 3;
            }
            return count;
        }

        private SourceEncoder source(final SourceEncoder source, final int sourceId, final long sequence, final long timeNs)
        {
            return source.sourceId(sourceId).sequence(sequence).eventTimeNs(timeNs).receiveTimeNs(timeNs + 1000);
        }

        private int trade(final MutableDirectBuffer b, final int round, final long timeNs, final long price)
        {
            trade.wrapAndApplyHeader(b, 0, header);
            source(trade.source(), 1, ++feedSequence, timeNs);
            trade.venue(Venue.BINANCE_SPOT).instrumentId(INSTRUMENT_ID).symbol(SYMBOL).priceExponent((byte)-8)
                .sizeExponent((byte)-8).tradeId(500_000 + round).price(price).quantity(123_45678901L + round)
                .tradeTimeNs(timeNs).aggressor(round % 2 == 0 ? Side.BUY : Side.SELL);
            return MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
        }

        private int quote(final MutableDirectBuffer b, final int round, final long timeNs, final long price)
        {
            quote.wrapAndApplyHeader(b, 0, header);
            source(quote.source(), 1, ++feedSequence, timeNs);
            quote.venue(Venue.BINANCE_SPOT).instrumentId(INSTRUMENT_ID).symbol(SYMBOL).priceExponent((byte)-8)
                .sizeExponent((byte)-8).updateId(900_000 + round).bidPrice(price - 1000).bidQuantity(5_00000000L)
                .askPrice(price + 1000).askQuantity(7_00000000L);
            return MessageHeaderEncoder.ENCODED_LENGTH + quote.encodedLength();
        }

        private int snapshot(final MutableDirectBuffer b, final long timeNs, final long price)
        {
            snapshot.wrapAndApplyHeader(b, 0, header);
            source(snapshot.source(), 1, ++feedSequence, timeNs);
            snapshot.venue(Venue.BINANCE_SPOT).instrumentId(INSTRUMENT_ID).symbol(SYMBOL).priceExponent((byte)-8)
                .sizeExponent((byte)-8).lastUpdateId(899_999);
            final BookSnapshotEncoder.BidsEncoder bids = snapshot.bidsCount(3);
            for (int i = 0; i < 3; i++)
            {
                bids.next().price(price - 1000 * (i + 1)).quantity(1_00000000L * (i + 1));
            }
            final BookSnapshotEncoder.AsksEncoder asks = snapshot.asksCount(3);
            for (int i = 0; i < 3; i++)
            {
                asks.next().price(price + 1000 * (i + 1)).quantity(2_00000000L * (i + 1));
            }
            return MessageHeaderEncoder.ENCODED_LENGTH + snapshot.encodedLength();
        }

        private int delta(final MutableDirectBuffer b, final int round, final long timeNs, final long price)
        {
            delta.wrapAndApplyHeader(b, 0, header);
            source(delta.source(), 1, ++feedSequence, timeNs);
            delta.venue(Venue.BINANCE_SPOT).instrumentId(INSTRUMENT_ID).symbol(SYMBOL).priceExponent((byte)-8)
                .sizeExponent((byte)-8).firstUpdateId(900_000 + round).lastUpdateId(900_000 + round);
            delta.bidsCount(1).next().price(price - 500).quantity(3_00000000L);
            delta.asksCount(1).next().price(price + 2000).quantity(0);
            return MessageHeaderEncoder.ENCODED_LENGTH + delta.encodedLength();
        }

        private int feedStatus(final MutableDirectBuffer b, final long timeNs)
        {
            status.wrapAndApplyHeader(b, 0, header);
            source(status.source(), 1, ++feedSequence, timeNs);
            status.venue(Venue.BINANCE_SPOT).instrumentId(0).symbol("").streamId(1).state(FeedState.IN_SYNC)
                .previousState(FeedState.CONNECTING).detail("connected\tto the\\simulator");
            return MessageHeaderEncoder.ENCODED_LENGTH + status.encodedLength();
        }

        private int decision(final MutableDirectBuffer b, final long order, final Side side, final long price,
            final boolean reject)
        {
            decision.wrapAndApplyHeader(b, 0, header);
            source(decision.source(), 1000, ++auditSequence, 0);
            decision.causeLogPosition(order * 64).venue(Venue.BINANCE_SPOT).instrumentId(INSTRUMENT_ID).symbol(SYMBOL)
                .strategyId(STRATEGY_ID).clientOrderId(order).replacedClientOrderId(0).side(side).orderType(OrderType.LIMIT)
                .priceExponent((byte)-8).sizeExponent((byte)-8).price(price).quantity(10_00000000L)
                .reason(reject ? RiskRejectReason.MAX_ORDER_QUANTITY : RiskRejectReason.NULL_VAL);
            decision.checksCount(1).next().check(RiskRejectReason.MAX_ORDER_QUANTITY).scope(Scope.STRATEGY)
                .targetId(STRATEGY_ID).valueExponent((byte)-8).observed(10_00000000L).limitValue(100_00000000L);
            return MessageHeaderEncoder.ENCODED_LENGTH + decision.encodedLength();
        }

        private int report(final MutableDirectBuffer b, final long order, final Side side, final ExecType type,
            final OrderStatus status, final long price, final long quantity, final long timeNs)
        {
            report.wrapAndApplyHeader(b, 0, header);
            source(report.source(), 100, ++venueSequence, timeNs);
            report.venue(Venue.BINANCE_SPOT).instrumentId(INSTRUMENT_ID).symbol(SYMBOL).clientOrderId(order)
                .venueOrderId(order + 77).execType(type).orderStatus(status).side(side).priceExponent((byte)-8)
                .sizeExponent((byte)-8).lastPrice(price).lastQuantity(quantity).cumulativeQuantity(quantity)
                .leavesQuantity(10_00000000L - quantity).feeExponent((byte)-8).fee(quantity == 0 ? 0 : 1608)
                .liquidity(quantity == 0 ? Liquidity.NULL_VAL : Liquidity.TAKER).tradeId(quantity == 0 ? 0 : order + 5)
                .venueRejectCode(0);
            return MessageHeaderEncoder.ENCODED_LENGTH + report.encodedLength();
        }
    }
}
