package io.ferrum.gateway.sim.order;

import io.ferrum.codecs.sbe.CancelAllOrdersDecoder;
import io.ferrum.codecs.sbe.CancelOrderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.OpenOrderStateDecoder;
import io.ferrum.codecs.sbe.OrdersReconcilingDecoder;
import io.ferrum.codecs.sbe.ReconcileOrdersEncoder;
import io.ferrum.codecs.sbe.ReplaceOrderDecoder;
import io.ferrum.codecs.sbe.RiskDecisionDecoder;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.engine.book.OrderBook;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.InboundPublisher;
import io.ferrum.gateway.sim.venue.BookSource;
import io.ferrum.gateway.venue.VenueAdapter;
import io.ferrum.sequencer.EngineEgressListener;
import io.ferrum.sequencer.telemetry.Stage;
import io.ferrum.sequencer.telemetry.StageLatency;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The order gateway to the simulated venue: the engine's orders (from the cluster leader's
 * egress) go to a {@link SimulatedVenue}, whose execution reports go back into the inbound ring
 * (and so through the sequencer and the log) under the venue's own source id and sequence; the
 * engine's RiskDecision audit records go on the log the same way, under the engine's audit source.
 * <p>
 * The venue fills against its own view of the books, kept by a strategy-less {@link Engine}
 * fed the same market-data messages the gateway publishes into the ring (the ring publisher's
 * tap). Both inputs arrive on other threads (Netty's, the sequencer's) and are copied into one
 * many-to-one inbox; everything else runs on this agent's thread.
 * <p>
 * Idempotent by client order id: the egress is delivered to every connected session and again
 * after a leader change, so a NewOrder (by its client order id), a ReplaceOrder (by its new
 * client order id) or a CancelOrder (by the id it cancels) seen before is not sent twice.
 * <p>
 * Exactly once across a failover: the old leader's egress may have lost orders it decided (sent
 * by its service, never delivered). On every new leader session ({@link #onNewLeader}) the
 * gateway publishes a {@code ReconcileOrders} into the log and, until the engine's
 * {@code OrdersReconciling} answer for that request arrives, sends nothing to the venue: every
 * order message decided before the request that the venue has not answered is in the answer,
 * in creation order. The answer's messages go through the same client-order-id filter, so what
 * the old leader did deliver is dropped and what it lost goes out now, before any order the new
 * leader decides after the request. An answer that does not come within the reconcile timeout
 * (egress lost again, another election) is asked for again. The answer also carries an
 * {@code OpenOrderState} for each open order, passed to the venue unfiltered: a restarted gateway's
 * venue session, which sent none of them, asks the venue what became of each before sending anything.
 * It ends with a {@code CancelAllOrders} for each instrument whose kill switch has no venue answer on
 * the log yet: the first delivery of each kill switch (its log time) per instrument goes to the venue, so a
 * kill switch lost on the old leader's egress (or with a killed gateway) is carried out now, and one this
 * gateway already passed on is not sent twice.
 */
public final class OrderGateway implements Agent, EngineEgressListener, io.ferrum.gateway.MessageHandler
{
    /** Source id of ReconcileOrders unless configured: apart from the feed's and the venue's defaults. */
    public static final int DEFAULT_RECONCILE_SOURCE_ID = 101;
    private static final int MARKET_DATA = 1;
    private static final int ENGINE_OUTPUT = 2;
    private static final int NEW_LEADER = 3;
    private static final int NOT_ANSWERED = -1;
    private static final TimerScheduler NO_TIMERS = new TimerScheduler()
    {
        public boolean schedule(final long timerId, final long deadlineNs)
        {
            return true;
        }

        public boolean cancel(final long timerId)
        {
            return true;
        }
    };

    private final Context context;
    private final ManyToOneRingBuffer inbox;
    private final Engine books;
    private final VenueAdapter venue;
    private final InboundPublisher reports;
    private final EngineOutput reportTap;
    private final EpochNanoClock clock;
    private final IdleStrategy offerIdle = new SleepingMillisIdleStrategy(1);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceOrder = new ReplaceOrderDecoder();
    private final OrdersReconcilingDecoder reconciling = new OrdersReconcilingDecoder();
    private final CancelAllOrdersDecoder cancelAll = new CancelAllOrdersDecoder();
    private final ReconcileOrdersEncoder reconcileRequest = new ReconcileOrdersEncoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final UnsafeBuffer leaderMessage = new UnsafeBuffer(new byte[Integer.BYTES]);
    private final LongHashSet orderIdsSeen = new LongHashSet(1024);
    private final LongHashSet cancelIdsSeen = new LongHashSet(1024);
    private final MessageHandler inboxHandler = this::onInboxMessage;
    private final AtomicLongArray bestPrices;
    private final int maxInstrumentId;
    private final long[] cancelAllNsByInstrument;
    private long bookLogPosition;
    private boolean reconcilingOrders;
    private long reconcileSequence;
    private long reconcileDeadlineNs;
    private int reconcileRemaining;
    private volatile long reconciliations;
    private volatile long cancelAllsSent;
    private volatile long ordersRecovered;
    private volatile long ordersHeld;
    private volatile long ordersSent;
    private volatile long duplicateOrders;
    private volatile long reportsPublished;
    private volatile long auditsPublished;
    private volatile long marketDataMessages;

    public OrderGateway(final Context context)
    {
        this.context = context.conclude();
        this.clock = context.clock;
        this.inbox = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(context.inboxCapacity + RingBufferDescriptor.TRAILER_LENGTH)));
        this.reports = context.reportPublisher;
        this.reportTap = context.reportTap;
        this.books = new Engine(new Engine.Context()
            .instruments(context.instruments)
            .output((buffer, offset, length) -> true)
            .timerScheduler(NO_TIMERS)
            .preTradeCheck(RiskPreTradeCheck.withoutLimits(context.instruments))
            .bookLevels(context.bookLevels));
        this.venue = null == context.venueFactory ?
            new SimulatedVenue(context.venue, context.instruments, books::book, this::publishReport) :
            context.venueFactory.create(context.instruments, books::book, this::publishReport);
        int max = 0;
        for (final var instrument : context.instruments.instruments())
        {
            max = Math.max(max, instrument.instrumentId());
        }
        this.maxInstrumentId = max;
        this.cancelAllNsByInstrument = new long[max + 1];
        this.bestPrices = new AtomicLongArray(2 * (max + 1));
    }

    public String roleName()
    {
        return "ferrum-order-gateway";
    }

    /** Market data as the gateway publishes it into the ring (any thread): copied into the inbox. */
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        offer(MARKET_DATA, buffer, offset, length);
    }

    /** The leader's egress (the sequencer's thread): orders are copied into the inbox, the rest ignored there. */
    public void onEngineOutput(final DirectBuffer buffer, final int offset, final int length, final long timestampNs)
    {
        offer(ENGINE_OUTPUT, buffer, offset, length);
    }

    /** A new session with a leader (the sequencer's thread): reconciled on this agent's thread, in egress order. */
    public void onNewLeader(final int leaderMemberId)
    {
        leaderMessage.putInt(0, leaderMemberId);
        offer(NEW_LEADER, leaderMessage, 0, Integer.BYTES);
    }

    public int doWork()
    {
        final int work = inbox.read(inboxHandler, context.batchLimit);
        final long nowNs = clock.nanoTime();
        if (reconcilingOrders && nowNs - reconcileDeadlineNs > 0)
        {
            requestReconcile(nowNs);
        }
        return work + venue.poll(nowNs);
    }

    /** Closes the venue (a real venue's session) when the agent stops. */
    public void onClose()
    {
        venue.close();
    }

    /** ReconcileOrders sent into the log (one per new leader session, plus one per timeout). */
    public long reconciliations()
    {
        return reconciliations;
    }

    /** Kill switches passed to the venue as a cancel of everything it holds. */
    public long cancelAllsSent()
    {
        return cancelAllsSent;
    }

    /** Orders sent to the venue from a reconcile answer: decided by an old leader, lost on its egress. */
    public long ordersRecovered()
    {
        return ordersRecovered;
    }

    /** Order messages not sent while waiting for a reconcile answer (the answer carries them again). */
    public long ordersHeld()
    {
        return ordersHeld;
    }

    /** Whether orders are held until the engine answers the last ReconcileOrders (any thread, approximate). */
    public boolean isReconciling()
    {
        return reconcilingOrders;
    }

    /** Orders passed to the venue (after de-duplication). */
    public long ordersSent()
    {
        return ordersSent;
    }

    /** Orders dropped because their client order id was seen before. */
    public long duplicateOrders()
    {
        return duplicateOrders;
    }

    /** The engine's RiskDecision audit records put on the log. */
    public long auditsPublished()
    {
        return auditsPublished;
    }

    /** Execution reports published into the ring. */
    public long reportsPublished()
    {
        return reportsPublished;
    }

    public long marketDataMessages()
    {
        return marketDataMessages;
    }

    /** Orders the venue still holds or has queued: zero once everything sent has been answered. */
    public int venueOpenOrders()
    {
        return venue.openOrders();
    }

    /** Best bid of the venue's book of {@code instrumentId} as of the last message, 0 when none (any thread). */
    public long bestBid(final int instrumentId)
    {
        return instrumentId < 0 || instrumentId > maxInstrumentId ? 0 : bestPrices.get(2 * instrumentId);
    }

    /** Best ask, as {@link #bestBid}. */
    public long bestAsk(final int instrumentId)
    {
        return instrumentId < 0 || instrumentId > maxInstrumentId ? 0 : bestPrices.get(2 * instrumentId + 1);
    }

    private void offer(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        // A full inbox holds the producer back (the feed or the egress), it never drops.
        offerIdle.reset();
        while (!inbox.write(type, buffer, offset, length))
        {
            if (Thread.currentThread().isInterrupted())
            {
                return;
            }
            offerIdle.idle();
        }
    }

    private void onInboxMessage(final int type, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        final long nowNs = clock.nanoTime();
        if (type == MARKET_DATA)
        {
            marketDataMessages++;
            books.onInput(buffer, offset, length, ++bookLogPosition, nowNs);
            venue.onMarketData(buffer, offset, length, nowNs);
            publishBest();
        }
        else if (type == NEW_LEADER)
        {
            requestReconcile(nowNs);
        }
        else if (isAudit(buffer, offset, length))
        {
            // The engine's RiskDecision goes on the log as it is, so that the journal holds every decision.
            publish(buffer, offset, length);
            auditsPublished++;
        }
        else
        {
            onOrderOutput(buffer, offset, length, nowNs);
        }
    }

    private void onOrderOutput(final MutableDirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (isReconcileAnswer(buffer, offset, length) || isCancelAll(buffer, offset, length, nowNs))
        {
            return;
        }
        if (!isOrderMessage(buffer, offset, length))
        {
            return;
        }
        if (reconcilingOrders)
        {
            if (NOT_ANSWERED == reconcileRemaining)
            {
                // Decided before the request: if the venue has not answered it, the answer carries it again.
                ordersHeld++;
                return;
            }
            if (0 == --reconcileRemaining)
            {
                reconcilingOrders = false;
            }
            if (OpenOrderStateDecoder.TEMPLATE_ID == header.wrap(buffer, offset).templateId())
            {
                // what the log knows of an open order: a venue session that never sent it asks the venue about it
                venue.onOrderMessage(buffer, offset, length, nowNs);
                return;
            }
            if (isNew(buffer, offset, length))
            {
                ordersRecovered++;
                send(buffer, offset, length, nowNs);
            }
            return;
        }
        if (isNew(buffer, offset, length))
        {
            send(buffer, offset, length, nowNs);
        }
    }

    private void send(final MutableDirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        ordersSent++;
        header.wrap(buffer, offset);
        if (NewOrderDecoder.TEMPLATE_ID == header.templateId())
        {
            // a NewOrder carries the log time of the input it was decided on
            context.latency.record(Stage.DECISION_TO_ORDER_OUT,
                nowNs - newOrder.wrapAndApplyHeader(buffer, offset, header).timestampNs());
        }
        if (null != context.orderTap)
        {
            context.orderTap.offer(buffer, offset, length);
        }
        venue.onOrderMessage(buffer, offset, length, nowNs);
    }

    /** Publishes a ReconcileOrders into the log and holds orders until the engine answers it. */
    private void requestReconcile(final long nowNs)
    {
        // Epoch ns: a restarted gateway's requests stay above its predecessor's, which the engine keeps.
        reconcileSequence = Math.max(reconcileSequence + 1, nowNs);
        reconcilingOrders = true;
        reconcileRemaining = NOT_ANSWERED;
        reconcileDeadlineNs = nowNs + context.reconcileTimeoutNs;
        MutableDirectBuffer slot;
        offerIdle.reset();
        while ((slot = reports.claim()) == null)
        {
            offerIdle.idle();
        }
        reconcileRequest.wrapAndApplyHeader(slot, 0, headerEncoder).source()
            .sourceId(context.reconcileSourceId)
            .sequence(reconcileSequence)
            .eventTimeNs(nowNs)
            .receiveTimeNs(nowNs);
        reports.commit(MessageHeaderEncoder.ENCODED_LENGTH + reconcileRequest.encodedLength());
        reconciliations++;
    }

    /** Whether an engine output is a RiskDecision (an audit record for the log, not an order). */
    private boolean isAudit(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return false;
        }
        header.wrap(buffer, offset);
        return header.schemaId() == MessageHeaderDecoder.SCHEMA_ID && header.templateId() == RiskDecisionDecoder.TEMPLATE_ID;
    }

    /** Whether it is an OrdersReconciling; the answer to the latest request starts its count. */
    private boolean isReconcileAnswer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return false;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
            header.templateId() != OrdersReconcilingDecoder.TEMPLATE_ID)
        {
            return false;
        }
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + OrdersReconcilingDecoder.BLOCK_LENGTH)
        {
            return true;
        }
        reconciling.wrapAndApplyHeader(buffer, offset, header);
        if (reconcilingOrders && NOT_ANSWERED == reconcileRemaining &&
            reconciling.requestSourceId() == context.reconcileSourceId &&
            reconciling.requestSequence() == reconcileSequence)
        {
            reconcileRemaining = Math.max(0, reconciling.messageCount());
            reconcilingOrders = reconcileRemaining > 0;
        }
        return true;
    }

    /**
     * Whether it is a CancelAllOrders (the kill switch for the venue): live, or in a reconcile answer (counted
     * there). Never held while reconciling: the first delivery of each kill switch (its log time) per
     * instrument goes to the venue at once.
     */
    private boolean isCancelAll(final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || header.templateId() != CancelAllOrdersDecoder.TEMPLATE_ID)
        {
            return false;
        }
        if (reconcilingOrders && NOT_ANSWERED != reconcileRemaining && 0 == --reconcileRemaining)
        {
            reconcilingOrders = false;
        }
        if (length >= MessageHeaderDecoder.ENCODED_LENGTH + CancelAllOrdersDecoder.BLOCK_LENGTH)
        {
            cancelAll.wrapAndApplyHeader(buffer, offset, header);
            final long killSwitchNs = cancelAll.timestampNs();
            if (cancelAll.scope() == Scope.INSTRUMENT)
            {
                final int instrumentId = cancelAll.instrumentId();
                if (instrumentId > 0 && instrumentId <= maxInstrumentId && isNewCancelAll(instrumentId, killSwitchNs))
                {
                    cancelAllsSent++;
                    venue.cancelAll(instrumentId, nowNs);
                }
            }
            else
            {
                boolean any = false;
                for (int id = 1; id <= maxInstrumentId; id++)
                {
                    any |= isNewCancelAll(id, killSwitchNs);
                }
                if (any)
                {
                    cancelAllsSent++;
                    venue.cancelAll(0, nowNs);
                }
            }
        }
        return true;
    }

    /** The egress comes again after a leader change, and in reconcile answers: one kill switch cancels once. */
    private boolean isNewCancelAll(final int instrumentId, final long killSwitchNs)
    {
        if (killSwitchNs > cancelAllNsByInstrument[instrumentId])
        {
            cancelAllNsByInstrument[instrumentId] = killSwitchNs;
            return true;
        }
        return false;
    }

    private boolean isOrderMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return false;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return false;
        }
        final int templateId = header.templateId();
        return templateId == NewOrderDecoder.TEMPLATE_ID || templateId == ReplaceOrderDecoder.TEMPLATE_ID ||
            templateId == CancelOrderDecoder.TEMPLATE_ID || templateId == OpenOrderStateDecoder.TEMPLATE_ID;
    }

    /** Whether an order message (checked by {@link #isOrderMessage}) was not seen before; remembers it. */
    private boolean isNew(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final boolean fresh;
        switch (header.templateId())
        {
            case NewOrderDecoder.TEMPLATE_ID:
                fresh = orderIdsSeen.add(newOrder.wrapAndApplyHeader(buffer, offset, header).clientOrderId());
                break;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                fresh = orderIdsSeen.add(replaceOrder.wrapAndApplyHeader(buffer, offset, header).newClientOrderId());
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                fresh = cancelIdsSeen.add(cancelOrder.wrapAndApplyHeader(buffer, offset, header).clientOrderId());
                break;
            default:
                return false;
        }
        if (!fresh)
        {
            duplicateOrders++;
        }
        return fresh;
    }

    /** Publishes the best prices for other threads' status lines (a handful of instruments: a short loop). */
    private void publishBest()
    {
        for (int id = 1; id <= maxInstrumentId; id++)
        {
            final OrderBook book = books.book(id);
            if (book != null)
            {
                bestPrices.lazySet(2 * id, book.bestBidPrice());
                bestPrices.lazySet(2 * id + 1, book.bestAskPrice());
            }
        }
    }

    private boolean publishReport(final DirectBuffer buffer, final int offset, final int length)
    {
        if (reportTap != null)
        {
            reportTap.offer(buffer, offset, length);
        }
        publish(buffer, offset, length);
        reportsPublished++;
        return true;
    }

    private void publish(final DirectBuffer buffer, final int offset, final int length)
    {
        MutableDirectBuffer slot;
        offerIdle.reset();
        while ((slot = reports.claim()) == null)
        {
            // A full ring is back-pressure: wait for the sequencer, never drop a fill.
            offerIdle.idle();
        }
        slot.putBytes(0, buffer, offset, length);
        reports.commit(length);
    }

    /** Makes the venue the gateway sends to; its reports go to {@code reports}, on the gateway's thread. */
    @FunctionalInterface
    public interface VenueFactory
    {
        VenueAdapter create(InstrumentRegistry instruments, BookSource books, EngineOutput reports);
    }

    /** The venue the gateway sends to (the paper venue unless a factory was configured). */
    public VenueAdapter venue()
    {
        return venue;
    }

    /** Configures the order gateway. */
    public static final class Context
    {
        private InstrumentRegistry instruments;
        private SimulatedVenue.Context venue = new SimulatedVenue.Context();
        private VenueFactory venueFactory;
        private InboundPublisher reportPublisher;
        private EngineOutput reportTap;
        private EngineOutput orderTap;
        private int reconcileSourceId = DEFAULT_RECONCILE_SOURCE_ID;
        private long reconcileTimeoutNs = TimeUnit.SECONDS.toNanos(5);
        private EpochNanoClock clock;
        private StageLatency latency = new StageLatency();
        private int inboxCapacity = 4 * 1024 * 1024;
        private int batchLimit = 256;
        private int bookLevels = 1000;
        private boolean concluded;

        public Context instruments(final InstrumentRegistry instruments)
        {
            this.instruments = instruments;
            return this;
        }

        /** The fill model: latency, maker/taker fees, the reports' source id. */
        public Context venue(final SimulatedVenue.Context venue)
        {
            this.venue = venue;
            return this;
        }

        /**
         * Another venue than the paper one (Binance's WebSocket API): made on the gateway's thread with the
         * instruments, the gateway's view of the books and the sink of its reports. Null (the default) is the
         * {@link SimulatedVenue} configured by {@link #venue}.
         */
        public Context venueFactory(final VenueFactory venueFactory)
        {
            this.venueFactory = venueFactory;
            return this;
        }

        /** Where execution reports go: the inbound ring, through its own publisher. */
        public Context reportPublisher(final InboundPublisher reportPublisher)
        {
            this.reportPublisher = reportPublisher;
            return this;
        }

        /** Also sees every execution report, on the agent's thread (a test's capture), or null. */
        public Context reportTap(final EngineOutput reportTap)
        {
            this.reportTap = reportTap;
            return this;
        }

        /** Also sees every order message passed to the venue, on the agent's thread (a test's count), or null. */
        public Context orderTap(final EngineOutput orderTap)
        {
            this.orderTap = orderTap;
            return this;
        }

        /** Source id of the gateway's ReconcileOrders requests; unique among the log's sources. */
        public Context reconcileSourceId(final int reconcileSourceId)
        {
            this.reconcileSourceId = reconcileSourceId;
            return this;
        }

        /** How long to wait for the engine's answer to a ReconcileOrders before asking again. */
        public Context reconcileTimeoutNs(final long reconcileTimeoutNs)
        {
            this.reconcileTimeoutNs = reconcileTimeoutNs;
            return this;
        }

        /** Where {@link Stage#DECISION_TO_ORDER_OUT} is recorded: the process's recorders. */
        public Context latency(final StageLatency latency)
        {
            this.latency = latency;
            return this;
        }

        public Context clock(final EpochNanoClock clock)
        {
            this.clock = clock;
            return this;
        }

        /** Bytes of the inbox (a power of two). */
        public Context inboxCapacity(final int inboxCapacity)
        {
            this.inboxCapacity = inboxCapacity;
            return this;
        }

        public Context bookLevels(final int bookLevels)
        {
            this.bookLevels = bookLevels;
            return this;
        }

        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (instruments == null || reportPublisher == null)
            {
                throw new IllegalStateException("instruments and reportPublisher are required");
            }
            if (reconcileTimeoutNs <= 0)
            {
                throw new IllegalStateException("reconcileTimeoutNs must be positive: " + reconcileTimeoutNs);
            }
            if (Integer.bitCount(inboxCapacity) != 1)
            {
                throw new IllegalStateException("inboxCapacity must be a power of two: " + inboxCapacity);
            }
            if (clock == null)
            {
                clock = new SystemEpochNanoClock();
            }
            if (0 == venue.firstSequence())
            {
                // A restarted gateway's reports must not look like its last run's, already applied.
                venue.firstSequence(clock.nanoTime());
            }
            venue.conclude();
            concluded = true;
            return this;
        }
    }
}
