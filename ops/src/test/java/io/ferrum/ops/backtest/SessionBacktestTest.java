package io.ferrum.ops.backtest;

import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.engine.EngineInput;
import io.ferrum.ops.analytics.Fixtures;
import io.ferrum.ops.backtest.data.EventSource;
import io.ferrum.ops.backtest.data.EventStore;
import io.ferrum.ops.backtest.data.EventStoreWriter;
import io.ferrum.ops.backtest.data.SessionImporter;
import io.ferrum.ops.backtest.strategy.EmaCrossEngine;
import io.ferrum.ops.backtest.venue.FeeSchedule;
import io.ferrum.ops.backtest.venue.TouchFillVenue;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backtests the real ten-symbol session and checks the fills and the P&L against values the
 * test derives on its own from the raw events and the reports, in BigDecimal.
 */
class SessionBacktestTest
{
    private static final long ORDER_LATENCY = 1_000_000;

    @TempDir
    static Path dir;
    static EventStore store;

    @BeforeAll
    static void importSession()
    {
        store = new EventStore(dir);
        try (EventStoreWriter out = new EventStoreWriter(store, "test"))
        {
            new SessionImporter().importFile(
                Fixtures.binance("spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.frames.jsonl"), out);
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
        final BacktestDriver driver = new BacktestDriver(
            (output, timers) ->
            {
                final EngineInput engine = new EmaCrossEngine(output, 7, 2, 5, 0, 200_000_000_000L);
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
            reports -> new TouchFillVenue(reports, FeeSchedule.BINANCE_SPOT_BASE, 100, 100),
            LatencyModel.fixed(500_000), LatencyModel.fixed(ORDER_LATENCY), LatencyModel.fixed(1_000_000),
            1_000_000_000L, 10_000_000_000_000L);
        driver.addStrategy(7);
        try (EventSource source = open())
        {
            driver.run(source);
        }
        assertTrue(fills.size() > 20, "the strategy traded: " + fills.size() + " fills");

        // Independently: quotes by instrument in venue time, the last mid, cash and positions
        final Map<Integer, List<long[]>> quotes = new HashMap<>();
        final Map<Integer, BigDecimal> lastMid = new HashMap<>();
        final BestBidAskDecoder quote = new BestBidAskDecoder();
        try (EventSource source = open())
        {
            while (source.next())
            {
                header.wrap(source.buffer(), source.offset());
                if (header.templateId() == BestBidAskDecoder.TEMPLATE_ID)
                {
                    quote.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                    quotes.computeIfAbsent(quote.instrumentId(), k -> new ArrayList<>())
                        .add(new long[]{source.timestampNs(), quote.bidPrice(), quote.askPrice()});
                    lastMid.put(quote.instrumentId(), BigDecimal.valueOf((quote.bidPrice() + quote.askPrice()) / 2, 8));
                }
            }
        }
        int checkedTouches = 0;
        BigDecimal cash = BigDecimal.valueOf(100_000);
        final Map<Integer, BigDecimal> positions = new HashMap<>();
        for (final Fill fill : fills)
        {
            final BigDecimal notional = fill.price().multiply(fill.quantity());
            cash = cash.add(fill.buy() ? notional.negate() : notional).subtract(fill.fee());
            positions.merge(fill.instrumentId(), fill.buy() ? fill.quantity() : fill.quantity().negate(), BigDecimal::add);
            assertEquals(notional.multiply(new BigDecimal("0.001")).setScale(8, java.math.RoundingMode.DOWN),
                fill.fee(), "taker fee 0.1 %, truncated to 10^-8");
            if (fill.taker() && fill.cumulative() == fill.quantity().movePointRight(8).longValueExact())
            {
                // an order's first fill is at the touch of the last quote the venue had seen
                final long[] touch = lastQuoteAtOrBefore(quotes.get(fill.instrumentId()), fill.venueTimeNs());
                if (touch != null)
                {
                    assertEquals(BigDecimal.valueOf(fill.buy() ? touch[2] : touch[1], 8), fill.price());
                    checkedTouches++;
                }
            }
        }
        assertTrue(checkedTouches > 10, "checked " + checkedTouches + " first fills against the touch");
        BigDecimal equity = cash;
        for (final Map.Entry<Integer, BigDecimal> position : positions.entrySet())
        {
            equity = equity.add(position.getValue().multiply(lastMid.get(position.getKey())));
        }

        final StrategyLedger ledger = driver.ledgers().get(0);
        assertEquals(7, ledger.strategyId());
        assertEquals(fills.size(), ledger.execution().fills());
        final long finalEquity = ledger.curve().equity(ledger.curve().size() - 1);
        final BigDecimal ours = BigDecimal.valueOf(finalEquity, 8);
        final BigDecimal tolerance = BigDecimal.valueOf(2L * fills.size() + positions.size(), 8);
        assertTrue(ours.subtract(equity).abs().compareTo(tolerance) <= 0,
            "ledger equity " + ours + " vs independent " + equity);
        for (final Map.Entry<Integer, BigDecimal> position : positions.entrySet())
        {
            assertEquals(position.getValue().movePointRight(8).longValueExact(), ledger.position(position.getKey()));
        }
    }

    private static long[] lastQuoteAtOrBefore(final List<long[]> quotes, final long timeNs)
    {
        long[] last = null;
        if (quotes != null)
        {
            for (final long[] q : quotes)
            {
                if (q[0] > timeNs)
                {
                    break;
                }
                last = q;
            }
        }
        return last;
    }
}
