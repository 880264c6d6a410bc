package io.ferrum.ops.backtest;

import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.backtest.data.EventSource;
import io.ferrum.ops.backtest.data.EventStore;
import io.ferrum.ops.backtest.data.EventStoreWriter;
import io.ferrum.ops.backtest.data.SessionImporter;
import io.ferrum.ops.backtest.venue.EngineFillVenue;
import io.ferrum.ops.backtest.venue.FeeSchedule;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backtests the real ten-symbol session with the real engine (both sample strategies, the
 * engine's SimulatedVenue) and checks its fills, fees, positions and equity against values the
 * test derives on its own from the stored events and the reports, in BigDecimal: first taker
 * fills at the touch of an independently built L2 book, fees at 0.1 % truncated, cash and
 * positions summed from the fills, equity marked at the last quotes' mids.
 */
class SessionBacktestTest
{
    private static final long ORDER_LATENCY = 1_000_000;
    private static final long DATA_LATENCY = 500_000;
    /** Both engine strategies on DENTUSDT, the session's most traded symbol. */
    private static final BacktestConfig CONFIG = new BacktestConfig(BacktestConfig.Source.SESSION,
        Fixtures.binance("spot-2021-04-05-10symbols"), null,
        List.of("DENTUSDT"), LocalDate.of(2021, 4, 4), LocalDate.of(2021, 4, 6), 1, 0, DATA_LATENCY, ORDER_LATENCY,
        1_000_000, 0, FeeSchedule.BINANCE_SPOT_BASE, 10_000_000_000_000L, 1_000_000_000L,
        new BacktestConfig.StrategyParameters(BacktestConfig.Strategy.BOTH, "10000", 1, 5));

    @TempDir
    static Path dir;
    static EventStore store;

    @BeforeAll
    static void importSession()
    {
        store = new EventStore(dir);
        try (EventStoreWriter out = new EventStoreWriter(store, "test"))
        {
            new SessionImporter(EngineSetup.sessionInstruments(CONFIG)).importFile(
                Fixtures.binance("spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv"), out);
        }
    }

    private static EventSource open()
    {
        return store.open(store.symbols(), LocalDate.of(2021, 4, 4), LocalDate.of(2021, 4, 6));
    }

    private record Fill(int instrumentId, boolean buy, BigDecimal price, BigDecimal quantity, BigDecimal fee,
        long venueTimeNs, long clientOrderId, boolean taker, long cumulative)
    {
    }

    @Test
    void fillsAndProfitMatchAnIndependentDerivation()
    {
        final List<Fill> fills = new ArrayList<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final ExecutionReportDecoder report = new ExecutionReportDecoder();
        final InstrumentRegistry instruments = EngineSetup.sessionInstruments(CONFIG);
        final Engine[] real = new Engine[1];
        final BacktestDriver driver = new BacktestDriver(
            (output, timers) ->
            {
                final EngineInput engine = real[0] = EngineSetup.engine(CONFIG, instruments, output, timers);
                return new EngineInput()
                {
                    public void onInput(final DirectBuffer b, final int o, final int l, final long p, final long t)
                    {
                        header.wrap(b, o);
                        if (header.templateId() == ExecutionReportDecoder.TEMPLATE_ID)
                        {
                            report.wrapAndApplyHeader(b, o, header);
                            if (report.lastQuantity() > 0)
                            {
                                fills.add(new Fill(report.instrumentId(), report.side() == Side.BUY,
                                    BigDecimal.valueOf(report.lastPrice(), -report.priceExponent()),
                                    BigDecimal.valueOf(report.lastQuantity(), -report.sizeExponent()),
                                    BigDecimal.valueOf(report.fee(), -report.feeExponent()),
                                    report.source().eventTimeNs(), report.clientOrderId(),
                                    report.liquidity() == Liquidity.TAKER, report.cumulativeQuantity()));
                            }
                        }
                        engine.onInput(b, o, l, p, t);
                    }

                    public void onTimer(final long id, final long t)
                    {
                        engine.onTimer(id, t);
                    }
                };
            },
            reports -> new EngineFillVenue(reports, instruments, real[0]::book, FeeSchedule.BINANCE_SPOT_BASE.makerCentiBps(),
                FeeSchedule.BINANCE_SPOT_BASE.takerCentiBps()),
            LatencyModel.fixed(DATA_LATENCY), LatencyModel.fixed(ORDER_LATENCY), LatencyModel.fixed(1_000_000),
            1_000_000_000L, 10_000_000_000_000L);
        driver.addStrategy(BacktestConfig.StrategyParameters.MARKET_MAKER_ID);
        driver.addStrategy(BacktestConfig.StrategyParameters.MOMENTUM_ID);
        try (EventSource source = open())
        {
            driver.run(source);
        }
        assertTrue(fills.size() > 20, "the strategy traded: " + fills.size() + " fills");

        // Independently: the L2 book in BigDecimal as the stored events build it (snapshot, then deltas), each
        // book event kept with its time, and the last mid of each book
        final List<Object[]> bookEvents = new ArrayList<>();
        final Map<Integer, TreeMap<BigDecimal, BigDecimal>> bids = new HashMap<>();
        final Map<Integer, TreeMap<BigDecimal, BigDecimal>> asks = new HashMap<>();
        final BookSnapshotDecoder snapshot = new BookSnapshotDecoder();
        final BookDeltaDecoder delta = new BookDeltaDecoder();
        final BestBidAskDecoder quote = new BestBidAskDecoder();
        final Map<Integer, BigDecimal> lastMid = new HashMap<>(); // positions are marked at the last quote's mid
        try (EventSource source = open())
        {
            while (source.next())
            {
                header.wrap(source.buffer(), source.offset());
                if (header.templateId() == BookSnapshotDecoder.TEMPLATE_ID)
                {
                    snapshot.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                    final List<long[]> levels = new ArrayList<>();
                    snapshot.bids().forEach(l -> levels.add(new long[]{1, l.price(), l.quantity()}));
                    snapshot.asks().forEach(l -> levels.add(new long[]{0, l.price(), l.quantity()}));
                    bookEvents.add(new Object[]{source.timestampNs(), snapshot.instrumentId(), true, levels});
                }
                else if (header.templateId() == BookDeltaDecoder.TEMPLATE_ID)
                {
                    delta.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                    final List<long[]> levels = new ArrayList<>();
                    delta.bids().forEach(l -> levels.add(new long[]{1, l.price(), l.quantity()}));
                    delta.asks().forEach(l -> levels.add(new long[]{0, l.price(), l.quantity()}));
                    bookEvents.add(new Object[]{source.timestampNs(), delta.instrumentId(), false, levels});
                }
                else if (header.templateId() == BestBidAskDecoder.TEMPLATE_ID)
                {
                    quote.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                    lastMid.put(quote.instrumentId(), BigDecimal.valueOf((quote.bidPrice() + quote.askPrice()) / 2, 8));
                }
            }
        }
        int checkedTouches = 0;
        int applied = 0;
        BigDecimal cash = BigDecimal.valueOf(100_000);
        final Map<Integer, BigDecimal> positions = new HashMap<>();
        for (final Fill fill : fills)
        {
            final BigDecimal notional = fill.price().multiply(fill.quantity());
            cash = cash.add(fill.buy() ? notional.negate() : notional).subtract(fill.fee());
            positions.merge(fill.instrumentId(), fill.buy() ? fill.quantity() : fill.quantity().negate(), BigDecimal::add);
            assertEquals(notional.multiply(new BigDecimal("0.001")).setScale(8, java.math.RoundingMode.DOWN),
                fill.fee(), "taker fee 0.1 %, truncated to 10^-8");
            // the engine (and the venue that reads its book) has seen the book events up to the data latency ago
            while (applied < bookEvents.size() && (long)bookEvents.get(applied)[0] + DATA_LATENCY < fill.venueTimeNs())
            {
                apply(bookEvents.get(applied++), bids, asks);
            }
            if (fill.taker() && fill.cumulative() == fill.quantity().movePointRight(8).longValueExact())
            {
                // an order's first taker fill is at the best opposite level of the book the venue had
                final TreeMap<BigDecimal, BigDecimal> opposite = (fill.buy() ? asks : bids).get(fill.instrumentId());
                assertEquals(fill.buy() ? opposite.firstKey() : opposite.lastKey(), fill.price(), "first taker fill at the touch");
                checkedTouches++;
            }
        }
        assertTrue(checkedTouches > 3, "checked " + checkedTouches + " first fills against the touch");
        BigDecimal equity = cash;
        for (final Map.Entry<Integer, BigDecimal> position : positions.entrySet())
        {
            equity = equity.add(position.getValue().multiply(lastMid.get(position.getKey())));
        }

        long ledgerFills = 0;
        long finalEquity = 0;
        final Map<Integer, Long> ledgerPositions = new HashMap<>();
        for (final StrategyLedger ledger : driver.ledgers())
        {
            ledgerFills += ledger.execution().fills();
            finalEquity += ledger.curve().equity(ledger.curve().size() - 1) - 10_000_000_000_000L;
            for (final Integer id : positions.keySet())
            {
                ledgerPositions.merge(id, ledger.position(id), Long::sum);
            }
        }
        assertEquals(fills.size(), ledgerFills);
        final BigDecimal ours = BigDecimal.valueOf(finalEquity + 10_000_000_000_000L, 8);
        final BigDecimal tolerance = BigDecimal.valueOf(2L * fills.size() + positions.size(), 8);
        assertTrue(ours.subtract(equity).abs().compareTo(tolerance) <= 0,
            "ledger equity " + ours + " vs independent " + equity);
        for (final Map.Entry<Integer, BigDecimal> position : positions.entrySet())
        {
            assertEquals(position.getValue().movePointRight(8).longValueExact(), ledgerPositions.get(position.getKey()));
        }
    }

    @SuppressWarnings("unchecked")
    private static void apply(
        final Object[] event, final Map<Integer, TreeMap<BigDecimal, BigDecimal>> bids,
        final Map<Integer, TreeMap<BigDecimal, BigDecimal>> asks)
    {
        final int id = (int)event[1];
        if ((boolean)event[2])
        {
            bids.put(id, new TreeMap<>());
            asks.put(id, new TreeMap<>());
        }
        for (final long[] level : (List<long[]>)event[3])
        {
            final TreeMap<BigDecimal, BigDecimal> side = (level[0] == 1 ? bids : asks).get(id);
            final BigDecimal price = BigDecimal.valueOf(level[1], 8);
            if (level[2] == 0)
            {
                side.remove(price);
            }
            else
            {
                side.put(price, BigDecimal.valueOf(level[2], 8));
            }
        }
    }
}
