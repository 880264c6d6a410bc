package io.ferrum.bench.engine;

import io.ferrum.codecs.sbe.BookSnapshotEncoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.Engine;
import io.ferrum.engine.book.OrderBook;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.engine.strategy.marketmaker.MarketMaker;
import io.ferrum.engine.strategy.marketmaker.MarketMakerParameters;
import io.ferrum.engine.strategy.momentum.MomentumParameters;
import io.ferrum.engine.strategy.momentum.MomentumTaker;
import io.ferrum.gateway.sim.venue.SimulatedTimers;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.sim.venue.VenueLoop;
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

import java.util.concurrent.TimeUnit;

/**
 * The sample strategies' own callbacks, called directly with the context the engine gave them
 * (so every query they make, position, order lookup, feed health, is the engine's real one), on
 * the state left by a short session through the engine and its simulated venue: a ZILUSDT book,
 * the market maker's two quotes acknowledged, and one momentum entry filled.
 * <ul>
 * <li>{@code marketMakerOnBook}: the book is unchanged, so the quotes stay: mid, skew from the
 * position, rounding to the tick, both orders looked up and found in place. This is the market
 * maker's cost on every book update that does not move its quotes (most of them); one that does
 * sends a replace, measured with the engine in {@code EngineBenchmark}.</li>
 * <li>{@code momentumOnTrade}: trades alternating between two prices 4.7 bps apart, so that every
 * trade crosses the 2 bps threshold over the 4-trade window (the oldest trade of an even window has
 * the other price); the strategy checks the feed's health and is then held by its cooldown: the
 * full decision short of sending an order.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class StrategyCallbackBenchmark
{
    private static final long LOW = 21_440_000;
    private static final long HIGH = 21_450_000;

    private final Instrument zil = new Instrument(1, "ZILUSDT", Venue.BINANCE_SPOT, -8, -8, 1_000, 10_000_000);
    private MarketMaker marketMaker;
    private MomentumTaker momentum;
    private OrderBook book;
    private long timeNs = 1_617_647_603_000_000_000L;
    private long trades;

    @Setup
    public void setUp()
    {
        final InstrumentRegistry instruments = new InstrumentRegistry().add(zil);
        final SimulatedTimers timers = new SimulatedTimers(64);
        final VenueLoop loop = new VenueLoop(
            new SimulatedVenue.Context().latencyNs(1_000_000), instruments, null, null, timers);
        marketMaker = new MarketMaker(new MarketMakerParameters().strategyId(1).instrumentId(1)
            .quoteQuantity(1_000_000_000L).maxPosition(50_000_000_000L).halfSpreadTicks(2));
        momentum = new MomentumTaker(new MomentumParameters().strategyId(2).instrumentId(1)
            .lookbackTrades(4).thresholdBps(2).orderQuantity(1_000_000_000L).maxPosition(10_000_000_000L)
            .holdNs(TimeUnit.DAYS.toNanos(10)).cooldownNs(TimeUnit.DAYS.toNanos(10)));
        final Engine engine = new Engine(new Engine.Context()
            .instruments(instruments)
            .output(loop)
            .timerScheduler(timers)
            .preTradeCheck(RiskPreTradeCheck.withoutLimits(instruments))
            .addStrategy(marketMaker)
            .addStrategy(momentum));
        loop.attach(engine);

        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final BookSnapshotEncoder s = new BookSnapshotEncoder().wrapAndApplyHeader(buffer, 0, header);
        s.source().sourceId(1).sequence(1).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        s.venue(Venue.BINANCE_SPOT).instrumentId(1).putSymbol(zil.symbolBytes(), 0).priceExponent((byte)-8)
            .sizeExponent((byte)-8).lastUpdateId(1_000);
        final BookSnapshotEncoder.BidsEncoder bids = s.bidsCount(5);
        for (int i = 0; i < 5; i++)
        {
            bids.next().price(21_437_000 - i * 1_000).quantity(280_000_000_000L);
        }
        final BookSnapshotEncoder.AsksEncoder asks = s.asksCount(5);
        for (int i = 0; i < 5; i++)
        {
            asks.next().price(21_448_000 + i * 1_000).quantity(1_140_000_000_000L);
        }
        loop.onMarketData(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + s.encodedLength(), timeNs);

        // Trades through the engine, 100 ms apart: the venue acknowledges the quotes and the momentum
        // strategy enters once (its window fills, the move crosses the threshold) and then cools down.
        final TradeEncoder t = new TradeEncoder();
        for (int i = 0; i < 8; i++)
        {
            timeNs += 100_000_000;
            t.wrapAndApplyHeader(buffer, 0, header);
            t.source().sourceId(1).sequence(2 + i).eventTimeNs(timeNs).receiveTimeNs(timeNs);
            t.venue(Venue.BINANCE_SPOT).instrumentId(1).putSymbol(zil.symbolBytes(), 0).priceExponent((byte)-8)
                .sizeExponent((byte)-8).tradeId(i).price(price(i)).quantity(1_000_000_000L).tradeTimeNs(timeNs)
                .aggressor(Side.BUY);
            loop.onMarketData(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + t.encodedLength(), timeNs);
        }
        loop.advanceTo(timeNs + 100_000_000);
        trades = 8;
        book = engine.book(1);
        if (marketMaker.quotesSent() != 2 || momentum.entries() != 1 || !book.isTwoSided())
        {
            throw new IllegalStateException("unexpected start state: quotes " + marketMaker.quotesSent() +
                ", momentum entries " + momentum.entries());
        }
    }

    private static long price(final long trade)
    {
        return (trade & 1) == 0 ? LOW : HIGH;
    }

    @Benchmark
    public long marketMakerOnBook()
    {
        marketMaker.onBook(book);
        return marketMaker.bidOrderId() + marketMaker.askOrderId() + marketMaker.quotesSent();
    }

    @Benchmark
    public long momentumOnTrade()
    {
        final long trade = trades++;
        timeNs += 1_000;
        momentum.onTrade(1, price(trade), 1_000_000_000L, io.ferrum.strategy.Side.BUY, timeNs);
        return momentum.entries();
    }
}
