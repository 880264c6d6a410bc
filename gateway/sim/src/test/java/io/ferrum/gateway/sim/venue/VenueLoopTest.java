package io.ferrum.gateway.sim.venue;

import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.ReplaceOrderDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.engine.CapturingOutput;
import io.ferrum.engine.Engine;
import io.ferrum.engine.FixtureSession;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.order.Position;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.engine.strategy.marketmaker.MarketMaker;
import io.ferrum.engine.strategy.marketmaker.MarketMakerParameters;
import io.ferrum.engine.strategy.momentum.MomentumParameters;
import io.ferrum.engine.strategy.momentum.MomentumTaker;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both sample strategies trade a recorded session against the simulated venue; the test re-derives the books. */
class VenueLoopTest
{
    static final String SESSION = "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv";

    static final class Run
    {
        final CapturingOutput orders = new CapturingOutput();
        final CapturingOutput reports = new CapturingOutput();
        Engine engine;
        VenueLoop loop;
    }

    static Run run(final FixtureSession session, final Instrument mmInstrument, final Instrument momentumInstrument)
    {
        final Run run = new Run();
        final SimulatedTimers timers = new SimulatedTimers(64);
        run.loop = new VenueLoop(new SimulatedVenue.Context().latencyNs(5_000_000).makerFeePpm(-100).takerFeePpm(750),
            session.instruments, run.orders, run.reports, timers);
        final long lot = 10L * 100_000_000L; // 10 units at exponent -8
        run.engine = new Engine(new Engine.Context()
            .instruments(session.instruments)
            .output(run.loop)
            .timerScheduler(timers)
            .preTradeCheck(RiskPreTradeCheck.withoutLimits(session.instruments))
            .addStrategy(new MarketMaker(new MarketMakerParameters().strategyId(1)
                .instrumentId(mmInstrument.instrumentId()).quoteQuantity(lot).maxPosition(5 * lot).halfSpreadTicks(1)
                .maxSkewTicks(3).requoteTicks(1)))
            .addStrategy(new MomentumTaker(new MomentumParameters().strategyId(2)
                .instrumentId(momentumInstrument.instrumentId()).lookbackTrades(5).thresholdBps(2)
                .orderQuantity(lot).maxPosition(3 * lot).holdNs(30_000_000_000L).cooldownNs(2_000_000_000L))));
        run.loop.attach(run.engine);
        for (int i = 0; i < session.messages.size(); i++)
        {
            final int[] m = session.messages.get(i);
            run.loop.onMarketData(session.buffer, m[0], m[1], session.timestamps.get(i));
        }
        return run;
    }

    @Test
    void strategiesTradeTheSessionAndTheEngineBooksWhatTheVenueReported() throws Exception
    {
        final FixtureSession session = FixtureSession.load(SESSION);
        final Instrument zil = session.instruments.get("ZILUSDT");
        final Instrument dent = session.instruments.get("DENTUSDT");
        final Run run = run(session, zil, dent);
        final Engine engine = run.engine;

        assertTrue(engine.ordersSent() > 10, "orders sent: " + engine.ordersSent());
        assertTrue(engine.fills() > 0, "fills: " + engine.fills());
        assertTrue(engine.counters().get(io.ferrum.engine.telemetry.EngineCounters.TIMERS_FIRED) > 0, "momentum exits on timers");
        assertEquals(run.loop.reportsFed(), engine.counters().get(io.ferrum.engine.telemetry.EngineCounters.EXECUTION_REPORTS));
        assertEquals(0, engine.counters().get(io.ferrum.engine.telemetry.EngineCounters.UNKNOWN_ORDER_REPORTS));

        // Independent books: strategy of each client order id from the orders sent, fills from the reports.
        final Map<Long, Integer> owner = new HashMap<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final NewOrderDecoder newOrder = new NewOrderDecoder();
        final ReplaceOrderDecoder replace = new ReplaceOrderDecoder();
        for (final byte[] message : run.orders.messages)
        {
            final UnsafeBuffer b = new UnsafeBuffer(message);
            header.wrap(b, 0);
            if (header.templateId() == NewOrderDecoder.TEMPLATE_ID)
            {
                newOrder.wrapAndApplyHeader(b, 0, header);
                owner.put(newOrder.clientOrderId(), newOrder.strategyId());
            }
            else if (header.templateId() == ReplaceOrderDecoder.TEMPLATE_ID)
            {
                replace.wrapAndApplyHeader(b, 0, header);
                owner.put(replace.newClientOrderId(), replace.strategyId());
            }
        }
        final Map<String, BigDecimal[]> books = new HashMap<>(); // key -> {qty, cost, realized, fees}
        final ExecutionReportDecoder report = new ExecutionReportDecoder();
        long fills = 0;
        for (final byte[] message : run.reports.messages)
        {
            final UnsafeBuffer b = new UnsafeBuffer(message);
            report.wrapAndApplyHeader(b, 0, header.wrap(b, 0));
            if (report.lastQuantity() == 0)
            {
                continue;
            }
            fills++;
            final String key = owner.get(report.clientOrderId()) + "/" + report.instrumentId();
            final BigDecimal[] book = books.computeIfAbsent(key,
                k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            final BigDecimal price = BigDecimal.valueOf(report.lastPrice(), 8);
            final BigDecimal qty = BigDecimal.valueOf(report.lastQuantity(), 8)
                .multiply(BigDecimal.valueOf(report.side() == Side.BUY ? 1 : -1));
            book[3] = book[3].add(BigDecimal.valueOf(report.fee(), 8));
            final BigDecimal open = book[0];
            if (open.signum() == 0 || open.signum() == qty.signum())
            {
                book[0] = open.add(qty);
                book[1] = book[1].add(price.multiply(qty));
            }
            else
            {
                final BigDecimal closing = qty.abs().min(open.abs());
                final BigDecimal released = book[1].multiply(closing).divide(open.abs(), 30, RoundingMode.HALF_EVEN);
                book[2] = book[2].add(price.multiply(closing).multiply(BigDecimal.valueOf(open.signum()))
                    .subtract(released));
                book[1] = book[1].subtract(released);
                book[0] = open.add(qty);
                if (qty.abs().compareTo(closing) > 0)
                {
                    book[1] = price.multiply(book[0]);
                }
            }
        }
        assertEquals(fills, engine.fills());
        BigDecimal realizedTotal = BigDecimal.ZERO;
        for (final Map.Entry<String, BigDecimal[]> e : books.entrySet())
        {
            final String[] key = e.getKey().split("/");
            final Position position = engine.portfolio().find(Integer.parseInt(key[0]), Integer.parseInt(key[1]));
            assertEquals(0, e.getValue()[0].compareTo(BigDecimal.valueOf(position.quantity(), 8)), e.getKey());
            assertEquals(0, e.getValue()[3].compareTo(BigDecimal.valueOf(position.fees(), 8)), e.getKey());
            // Engine truncates each notional to 1e-8: allow a few units of the last place.
            assertEquals(e.getValue()[2].doubleValue(), BigDecimal.valueOf(position.realizedPnl(), 8).doubleValue(),
                1e-6, e.getKey());
            realizedTotal = realizedTotal.add(e.getValue()[2]);
        }
        assertEquals(realizedTotal.doubleValue(), BigDecimal.valueOf(engine.realizedPnl(), 8).doubleValue(), 1e-6);

        // Same session, same configuration: bit-for-bit the same state.
        final Run again = run(FixtureSession.load(SESSION), zil, dent);
        assertEquals(engine.stateHash(), again.engine.stateHash());
        assertEquals(run.orders.messages.size(), again.orders.messages.size());
    }
}
