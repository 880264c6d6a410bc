package io.ferrum.engine;

import io.ferrum.codecs.sbe.AccountBalancesEncoder;
import io.ferrum.codecs.sbe.BalanceUpdate;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.codecs.sbe.SourceDecoder;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentFilters;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.order.SpotAccount;
import io.ferrum.engine.risk.PreTradeCheck;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.risk.RiskConfigParser;
import io.ferrum.tuning.jit.StringLiterals;
import io.ferrum.engine.strategy.marketmaker.MarketMaker;
import io.ferrum.engine.strategy.marketmaker.MarketMakerParameters;
import io.ferrum.engine.strategy.momentum.MomentumParameters;
import io.ferrum.engine.strategy.momentum.MomentumTaker;
import io.ferrum.gateway.sim.venue.SimulatedTimers;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.sim.venue.VenueLoop;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine thread allocates nothing per event in steady state: the recorded 10-symbol session
 * (real Binance frames turned into Ferrum SBE messages) is replayed cycle after cycle, with
 * fresh sequences, update ids and times each cycle, through the engine, both sample strategies,
 * the simulated venue and its execution reports, and the thread's allocated bytes are compared
 * before and after a million events. Every {@link #HASH_INTERVAL} inputs the engine's state hash
 * is taken on the same thread, as the cluster service does between inputs, so the hash (a full
 * snapshot into a reused buffer) is inside the measurement too.
 */
class SteadyStateAllocationTest
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final long WARM_UP_EVENTS = 300_000;
    private static final long CYCLE_NS = 200_000_000_000L;
    private static final long UPDATE_ID_STEP = 10_000_000_000L;
    private static final int SEQUENCE_OFFSET = HEADER + SourceDecoder.sequenceEncodingOffset();
    /** The cluster service's default: one state hash per 1,024 engine inputs. */
    private static final int HASH_INTERVAL = 1_024;

    private static final int BALANCE_INTERVAL = 256;
    private static final int BALANCE_SOURCE = 77;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final UnsafeBuffer balances = new UnsafeBuffer(new byte[1024]);
    private int balancesLength;
    private long balanceInputs;
    private long sequence;
    private Engine engine;
    private long hashes;
    private long hashSink;

    @Test
    void millionEventsAfterWarmUpAllocateNothing() throws Exception
    {
        final FixtureSession session = FixtureSession.load(
            "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv");
        run(session, RiskPreTradeCheck.withoutLimits(session.instruments));
    }

    /**
     * Every rule of the risk library on: limits wide enough that the strategies keep trading, tight
     * enough that each check computes its value (notional, band, position, rate, open orders, daily
     * loss, drawdown) and every stop rule is evaluated on each price change and risk timer.
     */
    @Test
    void millionEventsWithEveryRiskRuleOnAllocateNothing() throws Exception
    {
        final FixtureSession session = FixtureSession.load(
            "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv");
        final RiskPreTradeCheck risk = new RiskPreTradeCheck(RiskConfigParser.parse(String.join("\n",
            "risk.global.max_order_notional = 1000000",
            "risk.global.price_band_bps = 2000",
            "risk.global.max_orders_per_second = 100000",
            "risk.global.max_open_orders = 1000",
            "risk.global.daily_loss_limit = 1000000",
            "risk.global.max_drawdown_pct = 90",
            "risk.strategy.1.max_order_quantity = 1000000",
            "risk.strategy.1.max_position_pct_equity = 100",
            "risk.strategy.2.max_position_pct_equity = 100",
            "risk.strategy.2.max_orders_per_second = 10000",
            "risk.instrument.ZILUSDT.max_position_pct_equity = 100",
            "risk.global.stop_loss_bps = 5000",
            "risk.global.trailing_stop_bps = 5000",
            "risk.global.volatility_stop_multiple = 1000",
            "risk.global.max_holding_seconds = 86400",
            "risk.volatility.window = 10"), "allocation test", Map.of()), session.instruments);
        run(session, risk);
        assertTrue(risk.riskManager().volatilityPpm(session.instruments.get("ZILUSDT").instrumentId()) >= 0,
            "volatility warmed up: the stop rules were live");
    }

    /**
     * The balance rule on (risk.balance.check = venue), the session's instruments given their assets, and
     * the venue account's balances on the log every {@link #BALANCE_INTERVAL} inputs: every order is checked
     * against the account and reserved, every balance update applied and the reservations it shows released.
     */
    @Test
    void millionEventsWithTheBalanceRuleAllocateNothing() throws Exception
    {
        final FixtureSession session = FixtureSession.load(
            "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv");
        final InstrumentRegistry instruments = new InstrumentRegistry();
        final List<String> assets = new ArrayList<>();
        assets.add("USDT");
        for (final Instrument i : session.instruments.instruments())
        {
            final String base = i.symbol().substring(0, i.symbol().length() - "USDT".length());
            assets.add(base);
            instruments.add(new Instrument(i.instrumentId(), i.symbol(), i.venue(), i.priceExponent(), i.sizeExponent(),
                i.tickSize(), i.lotSize(), base, "USDT", InstrumentFilters.NONE));
        }
        final AccountBalancesEncoder encoder = new AccountBalancesEncoder();
        encoder.wrapAndApplyHeader(balances, 0, new MessageHeaderEncoder())
            .venue(Venue.BINANCE_SPOT).update(BalanceUpdate.SNAPSHOT).balanceExponent((byte)-8).updateTimeNs(0);
        encoder.source().sourceId(BALANCE_SOURCE).sequence(0).eventTimeNs(0).receiveTimeNs(0);
        final AccountBalancesEncoder.BalancesEncoder entries = encoder.balancesCount(assets.size());
        for (final String asset : assets)
        {
            entries.next().asset(asset).free(1_000_000_000L * 100_000_000L).locked(0);
        }
        balancesLength = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();

        final RiskPreTradeCheck risk = new RiskPreTradeCheck(
            RiskConfigParser.parse("risk.balance.check = venue", "allocation test", Map.of()), instruments);
        final Engine engine = run(session, instruments, risk);
        final SpotAccount account = engine.orderManager().account();
        assertTrue(account.isKnown(), "the balances were applied");
        assertTrue(balanceInputs > 1_000, "balances on the log: " + balanceInputs);
        assertTrue(account.reservationCount() < 100, "reservations released: " + account.reservationCount());
        assertEquals(0, engine.rejectLog().orderRejects(RiskRejectReason.INSUFFICIENT_BALANCE.value()));
    }

    private Engine run(final FixtureSession session, final PreTradeCheck check) throws Exception
    {
        return run(session, session.instruments, check);
    }

    private Engine run(final FixtureSession session, final InstrumentRegistry instruments, final PreTradeCheck check)
        throws Exception
    {
        final int messages = session.messages.size();
        final int[] offsets = new int[messages];
        final int[] lengths = new int[messages];
        final long[] times = new long[messages];
        for (int i = 0; i < messages; i++)
        {
            offsets[i] = session.messages.get(i)[0];
            lengths[i] = session.messages.get(i)[1];
            times[i] = session.timestamps.get(i);
        }

        final Instrument zil = instruments.get("ZILUSDT");
        final Instrument dent = instruments.get("DENTUSDT");
        final long lot = 10L * 100_000_000L;
        final SimulatedTimers timers = new SimulatedTimers(64);
        final VenueLoop loop = new VenueLoop(new SimulatedVenue.Context().latencyNs(5_000_000).takerFeePpm(750),
            instruments, null, null, timers);
        engine = new Engine(new Engine.Context()
            .instruments(instruments)
            .output(loop)
            .timerScheduler(timers)
            .addStrategy(new MarketMaker(new MarketMakerParameters().strategyId(1).instrumentId(zil.instrumentId())
                .quoteQuantity(lot).maxPosition(5 * lot).halfSpreadTicks(1).maxSkewTicks(3).sizeJitterLots(3)))
            .addStrategy(new MomentumTaker(new MomentumParameters().strategyId(2).instrumentId(dent.instrumentId())
                .lookbackTrades(5).thresholdBps(2).orderQuantity(lot).maxPosition(3 * lot)
                .holdNs(30_000_000_000L).cooldownNs(2_000_000_000L)))
            .preTradeCheck(check));
        loop.attach(engine);

        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        // HotSpot's one-off allocations on this thread for the string literals of each class it first
        // C2-compiles happen here instead of during the measurement: see StringLiterals.
        StringLiterals.preIntern("io.ferrum.", "org.agrona.");
        int cycle = 0;
        while (engine.counters().get(EngineCounters.EVENTS) < WARM_UP_EVENTS)
        {
            replayCycle(session.buffer, loop, offsets, lengths, times, cycle++);
        }
        final long eventsBefore = engine.counters().get(EngineCounters.EVENTS);
        final long ordersBefore = engine.ordersSent();
        final long fillsBefore = engine.fills();
        final long calibrateStart = threads.getCurrentThreadAllocatedBytes();
        final long calibrateEnd = threads.getCurrentThreadAllocatedBytes();
        final long measurementCost = calibrateEnd - calibrateStart;

        final long hashesBefore = hashes;
        final long inputsBefore = sequence;
        final long start = threads.getCurrentThreadAllocatedBytes();
        while (engine.counters().get(EngineCounters.EVENTS) - eventsBefore < 1_000_000)
        {
            replayCycle(session.buffer, loop, offsets, lengths, times, cycle++);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - start - measurementCost;

        final long events = engine.counters().get(EngineCounters.EVENTS) - eventsBefore;
        assertTrue(events >= 1_000_000);
        assertEquals(sequence / HASH_INTERVAL - inputsBefore / HASH_INTERVAL, hashes - hashesBefore,
            "one state hash per " + HASH_INTERVAL + " market inputs");
        assertTrue(hashes - hashesBefore > 100, "hashes inside the measurement: " + (hashes - hashesBefore));
        assertTrue(hashSink != 0, "the hashes were computed");
        assertTrue(engine.ordersSent() - ordersBefore > 1_000, "the strategies kept trading");
        assertTrue(engine.fills() - fillsBefore > 1_000, "the venue kept filling");
        assertEquals(0, engine.counters().get(EngineCounters.DUPLICATES));
        assertEquals(0, engine.counters().get(EngineCounters.MALFORMED_INPUTS));
        assertEquals(0, engine.counters().get(EngineCounters.STRATEGY_ERRORS));
        assertEquals(0, allocated, "bytes allocated by the engine thread over " + events + " events after " +
            eventsBefore + " warm-up events");
        assertTrue(engine.counters().get(EngineCounters.TIMERS_FIRED) > 0, "timers fired (hold timers; with stops the risk timer)");
        return engine;
    }

    /** Feeds one pass of the session, rewriting sequences, update ids and times in place so nothing repeats. */
    private void replayCycle(
        final MutableDirectBuffer buffer, final VenueLoop loop, final int[] offsets, final int[] lengths,
        final long[] times, final int cycle)
    {
        final long idShift = cycle == 0 ? 0 : UPDATE_ID_STEP;
        for (int i = 0; i < offsets.length; i++)
        {
            final int offset = offsets[i];
            buffer.putLong(offset + SEQUENCE_OFFSET, ++sequence);
            if (balancesLength > 0 && (sequence == 1 || sequence % BALANCE_INTERVAL == 0))
            {
                // the account before the first market input, so no order is refused for want of it
                balances.putLong(SEQUENCE_OFFSET, ++balanceInputs);
                loop.onMarketData(balances, 0, balancesLength, times[i] + cycle * CYCLE_NS);
            }
            header.wrap(buffer, offset);
            switch (header.templateId())
            {
                case BookSnapshotDecoder.TEMPLATE_ID:
                    shift(buffer, offset + HEADER + BookSnapshotDecoder.lastUpdateIdEncodingOffset(), idShift);
                    break;
                case BookDeltaDecoder.TEMPLATE_ID:
                    shift(buffer, offset + HEADER + BookDeltaDecoder.firstUpdateIdEncodingOffset(), idShift);
                    shift(buffer, offset + HEADER + BookDeltaDecoder.lastUpdateIdEncodingOffset(), idShift);
                    break;
                case BestBidAskDecoder.TEMPLATE_ID:
                    shift(buffer, offset + HEADER + BestBidAskDecoder.updateIdEncodingOffset(), idShift);
                    break;
                default:
                    break;
            }
            loop.onMarketData(buffer, offset, lengths[i], times[i] + cycle * CYCLE_NS);
            if (sequence % HASH_INTERVAL == 0)
            {
                hashSink ^= engine.stateHash();
                hashes++;
            }
        }
    }

    private static void shift(final MutableDirectBuffer buffer, final int index, final long delta)
    {
        buffer.putLong(index, buffer.getLong(index) + delta);
    }
}
