package io.ferrum.bench.engine;

import io.ferrum.codecs.sbe.BookDeltaEncoder;
import io.ferrum.codecs.sbe.BookSnapshotEncoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.SourceEncoder;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.Engine;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.engine.strategy.marketmaker.MarketMaker;
import io.ferrum.engine.strategy.marketmaker.MarketMakerParameters;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.gateway.sim.venue.SimulatedTimers;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.sim.venue.VenueLoop;
import io.ferrum.risk.RiskConfigParser;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one engine step on the engine thread, from a sequenced message to an order: a book delta
 * that moves the top of a ZILUSDT-like book (prices and sizes from the recorded 2021-04-05 session:
 * bid 0.21437, ask 0.21448, size exponent -8) with the market maker quoting that instrument and the
 * simulated venue in the loop; and a trade on its own (no order).
 * <p>
 * Deltas are 2 ms apart and the venue answers after 1 ms; its acknowledgement of the previous
 * replace is fed to the engine first, so each delta finds the quotes acknowledged, moves the mid
 * by half a tick and makes the market maker replace the quote that moved. Every operation is the
 * venue's execution report for the previous replace, then the delta (decode, de-duplication, book,
 * strategies) and one replace order through the order manager and the pre-trade check, encoded to
 * the output (the venue's side included). Setup checks that every delta sends an order. Before
 * 2026-11-22 the deltas were 100 us apart, and only one delta in 11 found its quotes acknowledged
 * and sent an order.
 * {@code risk=default} is the engine's default check (trading states, no limits configured);
 * {@code risk=allRules} configures every rule of the risk library, so each order computes notional,
 * price band, position as % of equity, order rate, open orders, daily loss and drawdown.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class EngineBenchmark
{
    /** Every rule on, limits wide enough that the market maker's orders pass. */
    private static final String ALL_RULES = String.join("\n",
        "risk.global.max_order_notional = 1000000",
        "risk.global.price_band_bps = 2000",
        "risk.global.max_orders_per_second = 100000",
        "risk.global.max_open_orders = 1000",
        "risk.global.daily_loss_limit = 1000000",
        "risk.global.max_drawdown_pct = 90",
        "risk.strategy.1.max_order_quantity = 1000000",
        "risk.strategy.1.max_position_pct_equity = 100",
        "risk.instrument.ZILUSDT.max_position_pct_equity = 100",
        "risk.global.stop_loss_bps = 5000",
        "risk.global.trailing_stop_bps = 5000",
        "risk.global.max_holding_seconds = 86400");
    private static final long STEP_NS = 2_000_000;

    /** The pre-trade check in the engine: its default, or every rule of the risk library configured. */
    @Param({"default", "allRules"})
    public String risk;

    private static final int SEQUENCE_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + SourceEncoder.sequenceEncodingOffset();

    private final Instrument zil = new Instrument(1, "ZILUSDT", Venue.BINANCE_SPOT, -8, -8, 1_000, 10_000_000);
    private final UnsafeBuffer delta = new UnsafeBuffer(new byte[256]);
    private final UnsafeBuffer trade = new UnsafeBuffer(new byte[256]);
    private int deltaLength;
    private int tradeLength;
    private int deltaLastUpdateIdOffset;
    private int deltaFirstUpdateIdOffset;
    private int bidQuantityOffset;
    private VenueLoop loop;
    private Engine engine;
    private long sequence;
    private long updateId = 1_000;
    private long timeNs = 1_617_647_603_000_000_000L;
    private long step;

    @Setup
    public void setUp()
    {
        final InstrumentRegistry instruments = new InstrumentRegistry().add(zil);
        final SimulatedTimers timers = new SimulatedTimers(64);
        loop = new VenueLoop(new SimulatedVenue.Context().latencyNs(1_000_000), instruments, null, null, timers);
        engine = new Engine(new Engine.Context()
            .instruments(instruments)
            .output(loop)
            .timerScheduler(timers)
            .preTradeCheck("allRules".equals(risk) ?
                new RiskPreTradeCheck(RiskConfigParser.parse(ALL_RULES, "EngineBenchmark", Map.of()), instruments) :
                RiskPreTradeCheck.withoutLimits(instruments))
            .addStrategy(new MarketMaker(new MarketMakerParameters().strategyId(1).instrumentId(1)
                .quoteQuantity(1_000_000_000L).maxPosition(50_000_000_000L).halfSpreadTicks(2))));
        loop.attach(engine);

        final UnsafeBuffer snapshot = new UnsafeBuffer(new byte[1024]);
        final BookSnapshotEncoder s = new BookSnapshotEncoder().wrapAndApplyHeader(snapshot, 0, new MessageHeaderEncoder());
        s.source().sourceId(1).sequence(++sequence).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        s.venue(Venue.BINANCE_SPOT).instrumentId(1).putSymbol(zil.symbolBytes(), 0).priceExponent((byte)-8)
            .sizeExponent((byte)-8).lastUpdateId(updateId);
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
        loop.onMarketData(snapshot, 0, MessageHeaderEncoder.ENCODED_LENGTH + s.encodedLength(), timeNs);

        final BookDeltaEncoder d = new BookDeltaEncoder().wrapAndApplyHeader(delta, 0, new MessageHeaderEncoder());
        d.source().sourceId(1).sequence(0).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        d.venue(Venue.BINANCE_SPOT).instrumentId(1).putSymbol(zil.symbolBytes(), 0).priceExponent((byte)-8)
            .sizeExponent((byte)-8).firstUpdateId(0).lastUpdateId(0);
        d.bidsCount(1).next().price(21_438_000).quantity(280_000_000_000L);
        d.asksCount(0);
        deltaLength = MessageHeaderEncoder.ENCODED_LENGTH + d.encodedLength();
        deltaFirstUpdateIdOffset = MessageHeaderEncoder.ENCODED_LENGTH + BookDeltaEncoder.firstUpdateIdEncodingOffset();
        deltaLastUpdateIdOffset = MessageHeaderEncoder.ENCODED_LENGTH + BookDeltaEncoder.lastUpdateIdEncodingOffset();
        // Group header (4 bytes) after the block, then price and quantity of the first bid level.
        bidQuantityOffset = MessageHeaderEncoder.ENCODED_LENGTH + BookDeltaEncoder.BLOCK_LENGTH + 4 + 8;

        final TradeEncoder t = new TradeEncoder().wrapAndApplyHeader(trade, 0, new MessageHeaderEncoder());
        t.source().sourceId(1).sequence(0).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        t.venue(Venue.BINANCE_SPOT).instrumentId(1).putSymbol(zil.symbolBytes(), 0).priceExponent((byte)-8)
            .sizeExponent((byte)-8).tradeId(1).price(21_448_000).quantity(206_290_000_000L).tradeTimeNs(timeNs)
            .aggressor(Side.BUY);
        tradeLength = MessageHeaderEncoder.ENCODED_LENGTH + t.encodedLength();

        final long ordersBefore = ordersAndReplaces();
        for (int i = 0; i < 100; i++)
        {
            bookDeltaWithMarketMakerAndVenue();
        }
        final long orders = ordersAndReplaces() - ordersBefore;
        if (orders < 100 || engine.counters().get(EngineCounters.ORDER_REJECTS) != 0)
        {
            throw new IllegalStateException("100 deltas sent " + orders + " orders, rejects " +
                engine.counters().get(EngineCounters.ORDER_REJECTS) + ": the benchmark no longer measures a step to an order");
        }
    }

    /** A best bid one tick above the book appears and goes: the mid moves, the market maker re-prices. */
    @Benchmark
    public long bookDeltaWithMarketMakerAndVenue()
    {
        timeNs += STEP_NS;
        updateId++;
        delta.putLong(SEQUENCE_OFFSET, ++sequence);
        delta.putLong(deltaFirstUpdateIdOffset, updateId);
        delta.putLong(deltaLastUpdateIdOffset, updateId);
        delta.putLong(bidQuantityOffset, (step++ & 1) == 0 ? 280_000_000_000L : 0);
        // The venue's acknowledgements of the previous replaces first (they are due), then the delta.
        loop.advanceTo(timeNs);
        loop.onMarketData(delta, 0, deltaLength, timeNs);
        return ordersAndReplaces();
    }

    private long ordersAndReplaces()
    {
        return engine.ordersSent() + engine.counters().get(EngineCounters.REPLACES_SENT);
    }

    @Benchmark
    public long trade()
    {
        timeNs += 100_000;
        trade.putLong(SEQUENCE_OFFSET, ++sequence);
        engine.onInput(trade, 0, tradeLength, sequence, timeNs);
        return engine.counters().get(EngineCounters.EVENTS);
    }
}
