package io.ferrum.bench.latency;

import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.loader.StrategiesFile;
import io.ferrum.engine.loader.StrategyJars;
import io.ferrum.engine.spec.EngineSpec;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.sim.VenueSimulator;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.ops.demo.DemoRun;
import io.ferrum.sequencer.cluster.ThreadingProfile;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tick to trade through the demo's own wiring ({@link DemoRun}): the venue simulator sends
 * {@link TickFlow}'s ticks over a loopback WebSocket at their intended times; the market-data
 * client decodes them into the inbound ring; the sequencer puts them on the single-member Aeron
 * Cluster log; the engine's {@link TickToTradeStrategy} answers each with an order through
 * pre-trade risk ({@code bench-risk.properties}); the leader's egress reaches the order gateway,
 * whose simulated venue (latency 0) acknowledges it. The venue's report tap stamps that moment as
 * the order's arrival at the venue; latency is arrival minus the tick's intended send time.
 */
final class TickToTradeRun
{
    static final String RISK_RESOURCE = "/io/ferrum/bench/latency/bench-risk.properties";

    private TickToTradeRun()
    {
    }

    /** What a run measured: one result per phase, and what the engine and venue counted. */
    record Outcome(List<RateResult> phases, long ordersSent, long ordersRefused, String refusals, long egressBackPressured,
        long duplicates, long unknown, List<Throwable> errors, String scraper, double[] cpuNsPerTick)
    {
    }

    /**
     * @param scrape     how often a scraper reads the run's /metrics, or null for no scraper
     * @param strategies a desk's strategies, run before the harness's strategy on every tick, or null for none
     * @param jars       their classes besides Ferrum's
     */
    static Outcome run(
        final TickFlow flow, final Path dir, final ThreadingProfile profile, final Duration scrape,
        final StrategiesFile strategies, final StrategyJars jars) throws Exception
    {
        final Path riskFile = dir.resolve("bench-risk.properties");
        Files.createDirectories(dir);
        try (InputStream in = TickToTradeRun.class.getResourceAsStream(RISK_RESOURCE))
        {
            if (in == null)
            {
                throw new IOException("missing resource " + RISK_RESOURCE);
            }
            Files.copy(in, riskFile, StandardCopyOption.REPLACE_EXISTING);
        }
        final DemoEngineConfig config = DemoEngineConfig.of(EngineSpec.defaults())
            .withStrategies(withHarness(strategies, jars), jars)
            .withRiskConfig(riskFile);
        final Arrivals arrivals = new Arrivals(flow.ticks());
        final VenueArrivalTap tap = new VenueArrivalTap(arrivals);
        final List<RateResult> results = new ArrayList<>();
        final Engine engine;
        final List<Throwable> errors;
        final VenueSimulator simulator;
        String scraperNote = null;
        final CpuSampler cpu = new CpuSampler();
        try (cpu; DemoRun run = new DemoRun(flow.session(), 1.0, dir.resolve("journal"), config, config::newEngine,
            profile, new SimulatedVenue.Context().latencyNs(0), tap, false))
        {
            simulator = run.simulator();
            try (Scraper scraper = null == scrape ? null : new Scraper(run.aeronDirs(), scrape))
            {
                flow.awaitSent(simulator, 30_000, 0);
                arrivals.awaitDrained(Arrivals.DRAIN_QUIET_MS, Arrivals.DRAIN_MAX_MS);
                scraperNote = null == scraper ? null : scraper.note();
            }
            engine = run.stop(500);
            errors = run.errors();
        }
        final double[] cpuNsPerTick = new double[flow.phases().size()];
        for (int p = 0; p < flow.phases().size(); p++)
        {
            final long startNs = simulator.dueTimeNs(flow.phaseStartRecordedNs(p));
            if (startNs == Long.MIN_VALUE)
            {
                throw new IllegalStateException("the market-data client never connected to the venue simulator");
            }
            final Phase phase = flow.phases().get(p);
            results.add(arrivals.result(phase, flow.firstTick(p), startNs));
            // the phase and the quiet gap after it, where a path that fell behind still works on its ticks
            final long endNs = p + 1 < flow.phases().size() ?
                simulator.dueTimeNs(flow.phaseStartRecordedNs(p + 1)) : startNs + phase.durationNs() + flow.gapNs();
            cpuNsPerTick[p] = (double)cpu.cpuNsBetween(startNs, endNs) / phase.count();
        }
        if (engine == null)
        {
            throw new IllegalStateException("the engine never started");
        }
        final TickToTradeStrategy strategy = (TickToTradeStrategy)engine.context().strategies()
            .get(engine.context().strategies().size() - 1);
        return new Outcome(results, strategy.sent(), strategy.refused(), strategy.refusals(),
            engine.counters().get(EngineCounters.OUTPUT_BACK_PRESSURED), arrivals.duplicates(), arrivals.unknown(), errors,
            scraperNote, cpuNsPerTick);
    }

    /**
     * The strategies a run loads: the desk's file (loaded alone first, so that its errors name its own lines), then the
     * harness's strategy on {@link TickFlow#SYMBOL} with the next free strategy id, registered last so that every tick
     * has passed the desk's strategies before the harness answers it.
     */
    static StrategiesFile withHarness(final StrategiesFile strategies, final StrategyJars jars)
    {
        final int instrumentId = EngineSpec.defaults().instruments().get(TickFlow.SYMBOL).instrumentId();
        final int harnessId = 1 + (null == strategies ? 0 :
            EngineSpec.defaults().withStrategies(strategies, jars).strategyIds().stream().max(Integer::compare).orElse(0));
        return StrategiesFile.parse((null == strategies ? "" : strategies.text()) +
            "strategy.tick-to-trade.class = " + TickToTradeStrategy.class.getName() + "\n" +
            "strategy.tick-to-trade.strategyId = " + harnessId + "\n" +
            "strategy.tick-to-trade.instrumentId = " + instrumentId + "\n",
            null == strategies ? "the latency harness's strategy" : strategies.origin());
    }

    /**
     * On the order gateway's thread: the first execution report of each order is its arrival at
     * the venue (the simulated venue acknowledges on arrival at latency 0).
     */
    static final class VenueArrivalTap implements EngineOutput
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final ExecutionReportDecoder report = new ExecutionReportDecoder();
        private final Arrivals arrivals;
        private long lastOrderId = -1;

        VenueArrivalTap(final Arrivals arrivals)
        {
            this.arrivals = arrivals;
        }

        public boolean offer(final DirectBuffer buffer, final int offset, final int length)
        {
            final long nowNs = System.nanoTime();
            if (length >= MessageHeaderDecoder.ENCODED_LENGTH)
            {
                header.wrap(buffer, offset);
                if (header.schemaId() == MessageHeaderDecoder.SCHEMA_ID && header.templateId() == ExecutionReportDecoder.TEMPLATE_ID)
                {
                    final long clientOrderId = report.wrapAndApplyHeader(buffer, offset, header).clientOrderId();
                    // below the base: an order of a desk's strategy, no tick's answer
                    if (clientOrderId >= TickToTradeStrategy.ORDER_ID_BASE &&
                        clientOrderId != lastOrderId) // an IOC's acknowledgement and expiry come back to back
                    {
                        lastOrderId = clientOrderId;
                        arrivals.onArrival(TickFlow.tickOf(clientOrderId), nowNs);
                    }
                }
            }
            return true;
        }
    }
}
