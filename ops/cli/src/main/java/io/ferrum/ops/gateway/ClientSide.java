package io.ferrum.ops.gateway;

import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.loader.StrategyManifest;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.RingPublisher;
import io.ferrum.gateway.binance.BadInput;
import io.ferrum.gateway.client.MarketDataClient;
import io.ferrum.gateway.sim.order.OrderGateway;
import io.ferrum.sequencer.EngineEgressListener;
import io.ferrum.sequencer.SequencerCounters;
import io.ferrum.sequencer.ring.InboundRing;
import io.ferrum.sequencer.telemetry.MetricsAgent;
import io.ferrum.sequencer.telemetry.StageLatency;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The cluster client's side of trading, wired once for {@code ./ferrum demo} and
 * {@code ./ferrum gateway}: the order gateway (orders to a paper {@link SimulatedVenue}, whose
 * execution reports go back into the inbound ring) on its own agent, the listener that hands it
 * the leader's egress and leader changes, and the market-data client publishing into the same
 * ring (its tap gives the order gateway its view of the books). The sequencer that drains the
 * ring is the caller's: a {@code LocalCluster}'s in the demo, a standalone one in the gateway.
 */
public final class ClientSide implements AutoCloseable
{
    /** Source id of the market-data client's messages on the log. */
    public static final int FEED_SOURCE_ID = 1;
    /** Source id of the simulated venue's execution reports on the log. */
    public static final int VENUE_SOURCE_ID = 100;
    /** Levels per side of the REST depth snapshot the client asks for: a snapshot must fit one ring slot. */
    public static final int DEPTH_LIMIT = 100;

    private final InboundRing ring;
    private final StageLatency latency;
    private final ErrorHandler errorHandler;
    private final OrderGateway orderGateway;
    private final AgentRunner orderGatewayRunner;
    private volatile int leaderMemberId = -1;
    private volatile MarketDataClient marketData;
    private final io.ferrum.gateway.MessageHandler marketDataTap;
    private AgentRunner metricsRunner;

    /**
     * Starts the order gateway's agent (backoff idle, parking up to 1 ms: never busy-spins).
     *
     * @param reportTap sees every execution report the venue emits (a test's capture), or null
     * @param orderTap  sees every order message passed to the venue (a test's capture), or null
     * @param latency   the process's stage recorders (the ring's wait, the gateway's decode, the order gateway's stages)
     */
    public ClientSide(
        final InboundRing ring,
        final InstrumentRegistry instruments,
        final SimulatedVenue.Context venue,
        final EngineOutput reportTap,
        final EngineOutput orderTap,
        final ErrorHandler errorHandler,
        final StageLatency latency)
    {
        this(ring, instruments, venue, null, null, reportTap, orderTap, errorHandler, latency);
    }

    /**
     * As above with another venue than the paper one.
     *
     * @param venueFactory the venue the order gateway sends to (Binance's WebSocket API), or null for the paper venue
     * @param marketDataTap also sees every market-data message the feed publishes (a local exchange's books), or null
     */
    public ClientSide(
        final InboundRing ring,
        final InstrumentRegistry instruments,
        final SimulatedVenue.Context venue,
        final OrderGateway.VenueFactory venueFactory,
        final io.ferrum.gateway.MessageHandler marketDataTap,
        final EngineOutput reportTap,
        final EngineOutput orderTap,
        final ErrorHandler errorHandler,
        final StageLatency latency)
    {
        this.marketDataTap = marketDataTap;
        this.ring = ring.latency(latency);
        this.latency = latency;
        this.errorHandler = errorHandler;
        orderGateway = new OrderGateway(new OrderGateway.Context()
            .latency(latency)
            .instruments(instruments)
            .venue(venue.sourceId(VENUE_SOURCE_ID))
            .venueFactory(venueFactory)
            .reportPublisher(new RingPublisher(ring, null))
            .reportTap(reportTap)
            .orderTap(orderTap));
        orderGatewayRunner = new AgentRunner(
            new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1)),
            errorHandler, null, orderGateway);
        AgentRunner.startOnThread(orderGatewayRunner);
    }

    /**
     * The instruments of {@code registry} among {@code symbols}, as the market-data client subscribes
     * to them; symbols without an instrument are skipped.
     */
    public static List<io.ferrum.gateway.binance.Instrument> subscriptions(
        final Iterable<String> symbols, final InstrumentRegistry registry)
    {
        final List<io.ferrum.gateway.binance.Instrument> subscribed = new ArrayList<>();
        for (final String symbol : symbols)
        {
            final Instrument instrument = registry.get(symbol);
            if (instrument != null)
            {
                subscribed.add(new io.ferrum.gateway.binance.Instrument(
                    symbol, instrument.instrumentId(), instrument.priceExponent(), instrument.sizeExponent()));
            }
        }
        return subscribed;
    }

    /**
     * What the sequencer calls with the leader's egress: engine outputs go to the order gateway,
     * and a new leader makes it reconcile before the new leader's orders go out.
     */
    public EngineEgressListener leaderEgress()
    {
        return new EngineEgressListener()
        {
            public void onEngineOutput(final DirectBuffer buffer, final int offset, final int length, final long timestampNs)
            {
                orderGateway.onEngineOutput(buffer, offset, length, timestampNs);
            }

            public void onNewLeader(final int memberId)
            {
                leaderMemberId = memberId;
                orderGateway.onNewLeader(memberId);
            }
        };
    }

    /**
     * Connects the market-data client (it reconnects by itself) to a venue's WebSocket and REST
     * endpoints, publishing into the ring.
     */
    public MarketDataClient connectMarketData(
        final String wsUri, final String restUri, final List<io.ferrum.gateway.binance.Instrument> instruments)
    {
        if (instruments.isEmpty())
        {
            throw new IllegalArgumentException("no instrument to subscribe to");
        }
        marketData = MarketDataClient.connect(new MarketDataClient.Context()
            .wsUri(wsUri)
            .restUri(restUri)
            .instruments(instruments)
            .sourceId(FEED_SOURCE_ID)
            .depthLimit(DEPTH_LIMIT)
            .jitterSeed(1)
            .latency(latency)
            .publisher(new RingPublisher(ring, null == marketDataTap ? orderGateway::onMessage : (buffer, offset, length) ->
            {
                orderGateway.onMessage(buffer, offset, length);
                marketDataTap.onMessage(buffer, offset, length);
            })));
        return marketData;
    }

    /**
     * Starts the process's metrics agent on a cold thread (sleeping 10 ms between duty cycles): the
     * stages' latency into the latency file beside the CnC of {@code aeronDir}, and the sequencer's,
     * ring's and order gateway's counts into Ferrum counters there (docs/observability.md).
     */
    public void startMetrics(final File aeronDir, final SequencerCounters sequencer)
    {
        final MetricsAgent.Context metrics = new MetricsAgent.Context().aeronDir(aeronDir).latency(latency)
            .counter("ferrum_sequencer_sent_total", sequencer::sent)
            .counter("ferrum_sequencer_resent_total", sequencer::resent)
            .gauge("ferrum_sequencer_pending", sequencer::pending)
            .counter("ferrum_sequencer_back_pressured_total", sequencer::backPressured)
            .counter("ferrum_sequencer_not_connected_total", sequencer::notConnected)
            .counter("ferrum_sequencer_pending_full_total", sequencer::pendingFull)
            .counter("ferrum_sequencer_leader_changes_total", sequencer::leaderChanges)
            .counter("ferrum_sequencer_connects_total", sequencer::connects)
            .counter("ferrum_sequencer_disconnects_total", sequencer::disconnects)
            .counter("ferrum_ring_full_total", ring::fullCount)
            .counter("ferrum_order_gateway_orders_sent_total", orderGateway::ordersSent)
            .counter("ferrum_order_gateway_duplicate_orders_total", orderGateway::duplicateOrders)
            .counter("ferrum_order_gateway_reports_published_total", orderGateway::reportsPublished)
            .counter("ferrum_order_gateway_market_data_total", orderGateway::marketDataMessages);
        for (final BadInput kind : BadInput.values())
        {
            metrics.counter("ferrum_gateway_dropped_frames_total{reason=\"" + kind.name().toLowerCase(Locale.ROOT) + "\"}",
                () -> droppedFrames(kind));
        }
        metricsRunner = new AgentRunner(new SleepingMillisIdleStrategy(10), errorHandler, null, new MetricsAgent(metrics));
        AgentRunner.startOnThread(metricsRunner);
    }

    /** Frames of that kind the market-data client's decoder dropped, 0 without a client; any thread. */
    private long droppedFrames(final BadInput kind)
    {
        final MarketDataClient client = marketData;
        return null == client ? 0 : client.feed().badInput().count(kind);
    }

    /**
     * The strategies' manifest as the log's next input, before any market data, so that a replay
     * knows which code ran (docs/strategies.md): the demo's and the gateway's first input, while
     * the ring is still empty (a slot is free). {@code sequence}: see {@link StrategyManifest#encode(long, long)}.
     */
    public static void journalManifest(final InboundRing ring, final StrategyManifest manifest, final long sequence)
    {
        final byte[] bytes = manifest.encode(sequence, 0L);
        if (bytes.length > ring.slotLength())
        {
            throw new IllegalArgumentException("the strategies' manifest (" + bytes.length + " bytes) does not fit a ring" +
                " slot of " + ring.slotLength() + " bytes: fewer strategies or shorter parameters");
        }
        final long slot = ring.tryClaim();
        if (slot == InboundRing.FULL)
        {
            throw new IllegalStateException("the inbound ring is full before the first message");
        }
        ring.buffer(slot).putBytes(0, bytes);
        ring.commit(slot, bytes.length);
    }

    /** The ring the feed and the venue's reports publish into, for the sequencer to drain. */
    public InboundRing ring()
    {
        return ring;
    }

    public OrderGateway orderGateway()
    {
        return orderGateway;
    }

    /** The market-data client, null before {@link #connectMarketData} and after {@link #closeMarketData()}. */
    public MarketDataClient marketData()
    {
        return marketData;
    }

    /** The leader of the sequencer's current session as last reported, -1 before the first. */
    public int leaderMemberId()
    {
        return leaderMemberId;
    }

    /** Stops the feed first, so that what is in flight can still reach the log. */
    public void closeMarketData()
    {
        CloseHelper.close(marketData);
        marketData = null;
    }

    public void close()
    {
        closeMarketData();
        CloseHelper.closeAll(orderGatewayRunner, metricsRunner);
    }
}
