package io.ferrum.gateway.binance.api;

import io.ferrum.codecs.sbe.BalanceUpdate;
import io.ferrum.codecs.sbe.CancelOrderDecoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.OpenOrderStateDecoder;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.ReplaceOrderDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.gateway.client.Backoff;
import io.ferrum.gateway.client.ConnectionBudget;
import io.ferrum.gateway.venue.VenueAdapter;
import io.ferrum.sequencer.telemetry.Stage;
import io.ferrum.sequencer.telemetry.StageLatency;
import io.netty.channel.EventLoopGroup;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Binance spot as a venue: one WebSocket API session ({@code /ws-api/v3}) for orders and, on the same
 * session, the user data stream for what happens to them. The engine's NewOrder, CancelOrder and
 * ReplaceOrder become {@code order.place}, {@code order.cancel} and {@code order.cancelReplace} (client
 * order ids from {@link ClientOrderIds}); every {@code executionReport} becomes a Ferrum ExecutionReport
 * given to the order gateway, which puts it on the log: the engine's OMS moves only on those.
 * <p>
 * Session: connect (backoff with jitter inside a connection budget), {@code time} (server offset),
 * {@code session.logon} with Ed25519 or, with an HMAC key, every request signed; then
 * {@code userDataStream.subscribe} ({@code .signature} with HMAC), {@code account.status}, and a
 * reconcile with {@code openOrders.status}: an order the venue holds that Ferrum does not know is
 * cancelled (its report goes on the log with client order id 0), one Ferrum thinks open that the venue
 * does not list is asked for with {@code order.status} and its end (fills missed while disconnected,
 * a cancel behind our back) goes on the log as a correction; one the venue never received is sent again
 * under the same id. Orders wait in a queue while the session is not ready and while a send would take a
 * rate limit past its headroom ({@link ApiRateLimits}), but never longer than {@link Context#maxSendDelay}:
 * then they are refused as {@link #THROTTLED}; cancels have their own queue and go first. A 429 holds
 * everything until its {@code retryAfter}, a 418 stops the venue (every order rejected with -1003) and
 * alarms in the log. The kill switch ({@link #cancelAll}) sends {@code openOrders.cancelAll} per instrument;
 * balances ({@code account.status}, {@code outboundAccountPosition}) go on the log as AccountBalances.
 * <p>
 * Threads: the connection's Netty loop only copies frames into an inbox; decoding, the state machine
 * and sends run on the order gateway's thread in {@link #poll}. The execution-report path allocates
 * nothing; reconciliation and the session's start are the cold path.
 */
public final class BinanceApiVenue implements VenueAdapter
{
    /** Binance's code for "too many requests" (429 and 418 carry it), used on orders refused locally for it. */
    public static final int TOO_MANY_REQUESTS = -1003;
    public static final int NEW_ORDER_REJECTED = -2010;
    public static final int CANCEL_REJECTED = -2011;
    public static final int NO_SUCH_ORDER = -2013;
    public static final int UNSUPPORTED_ORDER_TYPE = -1116;
    public static final int BAD_SYMBOL = -1121;
    /**
     * Binance's "too many new orders" (-1015), on an order Ferrum refused itself: it could not be sent within
     * {@link Context#maxSendDelay} (a rate limit's headroom reached, the session reconnecting). A quote sent
     * seconds late is a stale quote: the strategy gets it back at once and decides again.
     */
    public static final int THROTTLED = -1015;

    private static final Logger LOG = LogManager.getLogger(BinanceApiVenue.class);

    private static final int DISCONNECTED = 0;
    private static final int CONNECTING = 1;
    private static final int STARTING = 2;
    private static final int RECONCILING = 3;
    private static final int READY = 4;
    private static final int STOPPED = 5;

    // request kinds
    private static final int TIME = 1;
    private static final int LOGON = 2;
    private static final int SUBSCRIBE = 3;
    private static final int ACCOUNT = 4;
    private static final int OPEN_ORDERS = 5;
    private static final int PLACE = 6;
    private static final int CANCEL = 7;
    private static final int REPLACE = 8;
    private static final int ORDER_STATUS = 9;
    private static final int CANCEL_ALL = 10;
    private static final int CANCEL_FOREIGN = 11;

    private static final byte[] M_TIME = RequestWriter.ascii("time");
    private static final byte[] M_SUBSCRIBE = RequestWriter.ascii("userDataStream.subscribe");
    private static final byte[] M_SUBSCRIBE_SIGNATURE = RequestWriter.ascii("userDataStream.subscribe.signature");
    private static final byte[] M_ACCOUNT = RequestWriter.ascii("account.status");
    private static final byte[] M_OPEN_ORDERS = RequestWriter.ascii("openOrders.status");
    private static final byte[] M_PLACE = RequestWriter.ascii("order.place");
    private static final byte[] M_CANCEL = RequestWriter.ascii("order.cancel");
    private static final byte[] M_REPLACE = RequestWriter.ascii("order.cancelReplace");
    private static final byte[] M_ORDER_STATUS = RequestWriter.ascii("order.status");
    private static final byte[] M_CANCEL_ALL = RequestWriter.ascii("openOrders.cancelAll");

    private static final byte[] K_API_KEY = RequestWriter.ascii("apiKey");
    private static final byte[] K_CANCEL_ORIG = RequestWriter.ascii("cancelOrigClientOrderId");
    private static final byte[] K_CANCEL_REPLACE_MODE = RequestWriter.ascii("cancelReplaceMode");
    private static final byte[] K_NEW_CLIENT_ORDER_ID = RequestWriter.ascii("newClientOrderId");
    private static final byte[] K_NEW_ORDER_RESP_TYPE = RequestWriter.ascii("newOrderRespType");
    private static final byte[] K_OMIT_ZERO = RequestWriter.ascii("omitZeroBalances");
    private static final byte[] K_ORDER_ID = RequestWriter.ascii("orderId");
    private static final byte[] K_ORIG_CLIENT_ORDER_ID = RequestWriter.ascii("origClientOrderId");
    private static final byte[] K_PRICE = RequestWriter.ascii("price");
    private static final byte[] K_QUANTITY = RequestWriter.ascii("quantity");
    private static final byte[] K_RECV_WINDOW = RequestWriter.ascii("recvWindow");
    private static final byte[] K_SIDE = RequestWriter.ascii("side");
    private static final byte[] K_SYMBOL = RequestWriter.ascii("symbol");
    private static final byte[] K_TIME_IN_FORCE = RequestWriter.ascii("timeInForce");
    private static final byte[] K_TIMESTAMP = RequestWriter.ascii("timestamp");
    private static final byte[] K_TYPE = RequestWriter.ascii("type");
    private static final byte[] V_ACK = RequestWriter.ascii("ACK");
    private static final byte[] V_TRUE = RequestWriter.ascii("true");
    private static final byte[] V_STOP_ON_FAILURE = RequestWriter.ascii("STOP_ON_FAILURE");
    private static final byte[] V_BUY = RequestWriter.ascii("BUY");
    private static final byte[] V_SELL = RequestWriter.ascii("SELL");
    private static final byte[] V_MARKET = RequestWriter.ascii("MARKET");
    private static final byte[] V_LIMIT = RequestWriter.ascii("LIMIT");
    private static final byte[] V_LIMIT_MAKER = RequestWriter.ascii("LIMIT_MAKER");
    private static final byte[] V_GTC = RequestWriter.ascii("GTC");
    private static final byte[] V_IOC = RequestWriter.ascii("IOC");
    private static final byte[] V_FOK = RequestWriter.ascii("FOK");

    private static final byte[] F_ID = RequestWriter.ascii("id");
    private static final byte[] F_STATUS = RequestWriter.ascii("status");
    private static final byte[] F_RESULT = RequestWriter.ascii("result");
    private static final byte[] F_ERROR = RequestWriter.ascii("error");
    private static final byte[] F_CODE = RequestWriter.ascii("code");
    private static final byte[] F_MSG = RequestWriter.ascii("msg");
    private static final byte[] F_DATA = RequestWriter.ascii("data");
    private static final byte[] F_RETRY_AFTER = RequestWriter.ascii("retryAfter");
    private static final byte[] F_RATE_LIMITS = RequestWriter.ascii("rateLimits");
    private static final byte[] F_RATE_LIMIT_TYPE = RequestWriter.ascii("rateLimitType");
    private static final byte[] F_INTERVAL = RequestWriter.ascii("interval");
    private static final byte[] F_INTERVAL_NUM = RequestWriter.ascii("intervalNum");
    private static final byte[] F_LIMIT = RequestWriter.ascii("limit");
    private static final byte[] F_COUNT = RequestWriter.ascii("count");
    private static final byte[] F_EVENT = RequestWriter.ascii("event");
    private static final byte[] F_SERVER_TIME = RequestWriter.ascii("serverTime");
    private static final byte[] F_SYMBOL = RequestWriter.ascii("symbol");
    private static final byte[] F_CLIENT_ORDER_ID = RequestWriter.ascii("clientOrderId");
    private static final byte[] F_ORDER_ID = RequestWriter.ascii("orderId");
    private static final byte[] F_EXECUTED_QTY = RequestWriter.ascii("executedQty");
    private static final byte[] F_QUOTE_QTY = RequestWriter.ascii("cummulativeQuoteQty");
    private static final byte[] F_BALANCES = RequestWriter.ascii("balances");
    private static final byte[] F_UPDATE_TIME = RequestWriter.ascii("updateTime");
    private static final byte[] F_ASSET = RequestWriter.ascii("asset");
    private static final byte[] F_FREE = RequestWriter.ascii("free");
    private static final byte[] F_LOCKED = RequestWriter.ascii("locked");
    private static final byte[] DUPLICATE_ORDER = RequestWriter.ascii("Duplicate order sent.");
    private static final byte[] ORDERS = RequestWriter.ascii("ORDERS");
    private static final byte[] SECOND = RequestWriter.ascii("SECOND");
    private static final byte[] MINUTE = RequestWriter.ascii("MINUTE");
    private static final byte[] DAY = RequestWriter.ascii("DAY");

    private final Context ctx;
    private final InstrumentRegistry instruments;
    private final EngineOutput reports;
    private final EpochNanoClock clock;
    private final ApiConnection connection;
    private final ManyToOneRingBuffer inbox;
    private final MessageHandler inboxHandler = this::onInbox;
    private final ApiEventDecoder events;
    private final ApiRateLimits limits;
    private final Backoff backoff;
    private final ConnectionBudget budget;
    private final RequestWriter request = new RequestWriter(4096);
    private final HmacSigner hmac;
    private final byte[] idBytes = new byte[ClientOrderIds.MAX_LENGTH];
    private final byte[][] symbols;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceOrder = new ReplaceOrderDecoder();
    private final OpenOrderStateDecoder openOrderState = new OpenOrderStateDecoder();
    private final Long2ObjectHashMap<OpenOrder> open = new Long2ObjectHashMap<>();
    private final OpenOrder[] pool;
    private int free;
    private final Histogram decisionToAck = StageLatency.newHistogram();
    private final Histogram sendToAck = StageLatency.newHistogram();

    // pending requests by id
    private final int requestMask;
    private final long[] requestIds;
    private final int[] requestKinds;
    private final long[] requestOrders;
    private final long[] requestSentNs;
    private final long[] requestDecisionNs;
    private long nextRequestId = 1;

    // requests waiting to be sent, in order: cancels apart, so that they never wait behind a throttled order
    private final SendQueue orderQueue;
    private final SendQueue cancelQueue;
    // instruments whose openOrders.cancelAll (the kill switch) waits for a ready session or a 429's end
    private final boolean[] cancelAllPending;
    private boolean cancelAllWaiting;

    private int state = DISCONNECTED;
    private int generation;
    private long nextAttemptNs;
    private long serverOffsetMs;
    private long connectedAtNs;
    private long connects;
    private long disconnects;
    private long ordersPlaced;
    private long duplicatesRecognised;
    private long venueRejects;
    private long unknownCancels;
    private long reconciliations;
    private long corrections;
    private long foreignCancelled;
    private long adoptedOrders;
    private long oversizeFrames;
    private long responsesWithoutRequest;
    private long throttledRejects;
    private long canceledBeforeSent;
    private long cancelAllsSent;
    private int statusQueries;

    public BinanceApiVenue(final Context context, final InstrumentRegistry instruments, final EngineOutput reports)
    {
        this.ctx = context.conclude();
        this.instruments = instruments;
        this.reports = reports;
        this.clock = ctx.clock;
        this.inbox = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(ctx.inboxCapacity + RingBufferDescriptor.TRAILER_LENGTH)));
        this.connection = new ApiConnection(ctx.apiUri, inbox, ctx.maxFrameLength, ctx.group);
        this.events = new ApiEventDecoder(instruments, reports, ctx.sourceId, ctx.firstSequence, ctx.feeExponent, this);
        this.limits = new ApiRateLimits(ctx.headroom);
        this.backoff = new Backoff(ctx.reconnectBaseNs, ctx.reconnectMaxNs, ctx.jitterSeed);
        this.budget = new ConnectionBudget(ctx.connectAttempts, ctx.connectWindowNs);
        this.hmac = ctx.credentials.logsOn() ? null : ctx.credentials.newHmacSigner();
        int maxId = 0;
        for (final Instrument instrument : instruments.instruments())
        {
            maxId = Math.max(maxId, instrument.instrumentId());
        }
        symbols = new byte[maxId + 1][];
        for (final Instrument instrument : instruments.instruments())
        {
            symbols[instrument.instrumentId()] = instrument.symbol().getBytes(StandardCharsets.US_ASCII);
        }
        pool = new OpenOrder[ctx.maxOpenOrders];
        for (int i = 0; i < pool.length; i++)
        {
            pool[i] = new OpenOrder();
        }
        free = pool.length;
        requestMask = Integer.highestOneBit(ctx.maxOpenOrders * 4) - 1;
        requestIds = new long[requestMask + 1];
        requestKinds = new int[requestMask + 1];
        requestOrders = new long[requestMask + 1];
        requestSentNs = new long[requestMask + 1];
        requestDecisionNs = new long[requestMask + 1];
        orderQueue = new SendQueue(ctx.maxOpenOrders * 2);
        cancelQueue = new SendQueue(ctx.maxOpenOrders * 2);
        cancelAllPending = new boolean[symbols.length];
    }

    // ---------------------------------------------------------------- engine side

    public void onOrderMessage(final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return;
        }
        switch (header.templateId())
        {
            case NewOrderDecoder.TEMPLATE_ID:
                newOrder.wrapAndApplyHeader(buffer, offset, header);
                onNewOrder(nowNs);
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                cancelOrder.wrapAndApplyHeader(buffer, offset, header);
                onCancelOrder(cancelOrder.clientOrderId(), nowNs);
                break;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                replaceOrder.wrapAndApplyHeader(buffer, offset, header);
                onReplaceOrder(nowNs);
                break;
            case OpenOrderStateDecoder.TEMPLATE_ID:
                openOrderState.wrapAndApplyHeader(buffer, offset, header);
                onOpenOrderState(nowNs);
                break;
            default:
                break;
        }
    }

    /**
     * An order the log holds open that this session never sent (the order gateway was restarted:
     * the session that sent it died with it). It may be at Binance, filled or cancelled since, or
     * not there at all: it is taken over as sent and asked for with {@code order.status}, whose
     * answer corrects the log (missed fills, its end) or, for an order Binance never heard of (-2013),
     * sends it, unless its cancel came in the same answer (then it ends as cancelled, never sent) (a
     * cancel-replace Binance never heard of is refused instead: the order it replaced
     * is asked for on its own). Its NewOrder or ReplaceOrder, re-sent in the same reconcile answer,
     * then finds its id taken and is not sent blindly: a filled order's id is free again at Binance
     * and would be accepted twice.
     */
    private void onOpenOrderState(final long nowNs)
    {
        final long clientOrderId = openOrderState.clientOrderId();
        if (open.containsKey(clientOrderId))
        {
            return; // this session sent it: its own reconcile covers it
        }
        final Instrument instrument = instruments.get(openOrderState.instrumentId());
        final OpenOrder order = take(clientOrderId);
        if (order == null || instrument == null)
        {
            if (order != null)
            {
                release(order);
            }
            return;
        }
        order.instrument = instrument;
        order.side = openOrderState.side();
        order.orderType = openOrderState.orderType();
        order.timeInForce = openOrderState.timeInForce();
        order.postOnly = openOrderState.flags().postOnly();
        order.price = openOrderState.price();
        order.quantity = openOrderState.quantity();
        order.cumulative = openOrderState.filledQuantity();
        order.acknowledged = openOrderState.orderStatus() != OrderStatus.PENDING_NEW;
        order.decisionNs = openOrderState.timestampNs();
        order.replacesClientOrderId = openOrderState.replacesClientOrderId();
        order.sentNs = nowNs;
        adoptedOrders++;
        if (state == READY || state == RECONCILING)
        {
            askStatus(order, nowNs); // not logged on yet: the connection's reconcile asks for it
        }
    }

    /** Orders taken over from the log's reconcile answer after a restart, each asked for with order.status. */
    public long adoptedOrders()
    {
        return adoptedOrders;
    }

    private void onNewOrder(final long nowNs)
    {
        final Instrument instrument = instruments.get(newOrder.instrumentId());
        final OpenOrder order = take(newOrder.clientOrderId());
        if (order == null)
        {
            return;
        }
        order.instrument = instrument;
        order.side = newOrder.side();
        order.orderType = newOrder.orderType();
        order.timeInForce = newOrder.timeInForce();
        order.postOnly = newOrder.flags().postOnly();
        order.price = newOrder.price();
        order.quantity = newOrder.quantity();
        order.decisionNs = newOrder.timestampNs();
        if (instrument == null)
        {
            rejectLocally(order, BAD_SYMBOL, nowNs);
            return;
        }
        if (order.orderType != OrderType.MARKET && order.orderType != OrderType.LIMIT)
        {
            // stop orders are Ferrum's own on spot (STOP_LOSS needs a trigger the engine keeps): not sent
            rejectLocally(order, UNSUPPORTED_ORDER_TYPE, nowNs);
            return;
        }
        enqueueOrder(PLACE, order, nowNs);
    }

    private void onCancelOrder(final long clientOrderId, final long nowNs)
    {
        final OpenOrder order = open.get(clientOrderId);
        if (order == null)
        {
            unknownCancels++;
            return;
        }
        order.cancelRequested = true;
        if (order.sentNs == 0)
        {
            // still in the queue, never at Binance: it ends here (a replace that never left leaves the old order as it is)
            canceledBeforeSent++;
            if (order.replacesClientOrderId != 0)
            {
                rejectLocally(order, CANCEL_REJECTED, nowNs);
            }
            else
            {
                publish(order, ExecType.CANCELED, OrderStatus.CANCELED, 0, 0, nowNs);
                release(order);
            }
            return;
        }
        cancelQueue.add(CANCEL, clientOrderId);
    }

    /** Queues a place or replace, or refuses it at once when a rate limit would hold it past the send bound. */
    private void enqueueOrder(final int kind, final OpenOrder order, final long nowNs)
    {
        order.queuedNs = nowNs;
        if (state == READY && limits.delayNs(nowNs, true, 1) > ctx.maxSendDelayNs)
        {
            throttle(order, nowNs);
            return;
        }
        orderQueue.add(kind, order.clientOrderId);
    }

    private void throttle(final OpenOrder order, final long nowNs)
    {
        throttledRejects++;
        rejectLocally(order, THROTTLED, nowNs);
    }

    private void onReplaceOrder(final long nowNs)
    {
        final OpenOrder old = open.get(replaceOrder.clientOrderId());
        final OpenOrder order = take(replaceOrder.newClientOrderId());
        if (order == null)
        {
            return;
        }
        order.replacesClientOrderId = replaceOrder.clientOrderId();
        order.instrument = instruments.get(replaceOrder.instrumentId());
        order.price = replaceOrder.price();
        order.quantity = replaceOrder.quantity();
        order.decisionNs = replaceOrder.timestampNs();
        if (old == null || order.instrument == null)
        {
            order.side = old == null ? Side.NULL_VAL : old.side;
            rejectLocally(order, NEW_ORDER_REJECTED, nowNs);
            return;
        }
        order.side = old.side;
        order.orderType = OrderType.LIMIT;
        order.timeInForce = TimeInForce.GTC;
        order.postOnly = old.postOnly;
        enqueueOrder(REPLACE, order, nowNs);
    }

    private OpenOrder take(final long clientOrderId)
    {
        if (clientOrderId <= 0 || open.containsKey(clientOrderId))
        {
            return null; // the order gateway filters repeats: this is a second order under a live id
        }
        if (free == 0)
        {
            throw new IllegalStateException("more than " + pool.length + " open orders at Binance");
        }
        final OpenOrder order = pool[--free];
        order.clientOrderId = clientOrderId;
        order.replacesClientOrderId = 0;
        order.venueOrderId = 0;
        order.cumulative = 0;
        order.acknowledged = false;
        order.seen = false;
        order.cancelRequested = false;
        order.sentNs = 0;
        order.queuedNs = 0;
        open.put(clientOrderId, order);
        return order;
    }

    public void onMarketData(final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        // Binance matches against its own book
    }

    public int openOrders()
    {
        return open.size();
    }

    /**
     * {@code openOrders.cancelAll} for the instrument, or for every instrument of the registry (whatever
     * Binance holds on them: orders of another program, ids lost); each answer goes on the log as a
     * CancelAllResult. Sent at once when the session is ready, else as soon as it is, before any order.
     */
    public void cancelAll(final int instrumentId, final long nowNs)
    {
        for (final Instrument instrument : instruments.instruments())
        {
            if (instrumentId == 0 || instrument.instrumentId() == instrumentId)
            {
                cancelAllPending[instrument.instrumentId()] = true;
                cancelAllWaiting = true;
            }
        }
        if (state != READY)
        {
            LOG.warn("kill switch: the Binance session is not ready; openOrders.cancelAll goes out when it is");
        }
        sendPendingCancelAlls(nowNs);
    }

    private int sendPendingCancelAlls(final long nowNs)
    {
        if (!cancelAllWaiting || state != READY || limits.delayNs(nowNs, false, 1) > 0)
        {
            return 0;
        }
        cancelAllWaiting = false;
        int sent = 0;
        for (int id = 0; id < cancelAllPending.length; id++)
        {
            if (cancelAllPending[id])
            {
                cancelAllPending[id] = false;
                sendCancelAll(instruments.get(id), nowNs);
                sent++;
            }
        }
        return sent;
    }

    // ---------------------------------------------------------------- duty cycle

    public int poll(final long nowNs)
    {
        int work = inbox.read(inboxHandler, 64);
        if (state == DISCONNECTED && nowNs - nextAttemptNs >= 0)
        {
            connect(nowNs);
            work++;
        }
        work += expireQueued(nowNs);
        if (state == READY)
        {
            work += sendPendingCancelAlls(nowNs);
            work += drainQueue(nowNs);
        }
        return work;
    }

    private void connect(final long nowNs)
    {
        final long waitNs = budget.delayNs(System.nanoTime());
        if (waitNs > 0)
        {
            nextAttemptNs = nowNs + waitNs;
            return;
        }
        budget.record(System.nanoTime());
        state = CONNECTING;
        connection.connect(++generation);
    }

    private void onInbox(final int type, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        if (buffer.getInt(offset) != generation)
        {
            return; // an earlier connection's last words
        }
        final long nowNs = clock.nanoTime();
        switch (type)
        {
            case ApiConnection.FRAME:
                onFrame(buffer, offset + Integer.BYTES, length - Integer.BYTES, nowNs);
                break;
            case ApiConnection.CONNECTED:
                onConnected(nowNs);
                break;
            case ApiConnection.DISCONNECTED:
                onDisconnected(nowNs);
                break;
            case ApiConnection.OVERSIZE:
                oversizeFrames++;
                break;
            default:
                break;
        }
    }

    private void onConnected(final long nowNs)
    {
        connects++;
        connectedAtNs = nowNs;
        state = STARTING;
        LOG.info("Binance API session connected: {} ({})", ctx.apiUri, ctx.credentials);
        // the server's clock first: every signed request's timestamp depends on it
        send(TIME, 0, nowNs, 1, false);
    }

    private void onDisconnected(final long nowNs)
    {
        if (state == STOPPED)
        {
            return;
        }
        for (int slot = 0; slot <= requestMask; slot++)
        {
            if (requestIds[slot] != 0 && requestKinds[slot] == CANCEL_ALL)
            {
                // no answer and the connection is gone: sent again once ready (Binance answers -2011 if it was done)
                cancelAllPending[(int)requestOrders[slot]] = true;
                cancelAllWaiting = true;
                requestIds[slot] = 0;
            }
        }
        if (state != CONNECTING)
        {
            disconnects++;
            LOG.warn("Binance API session lost: {} orders open, reconciling on reconnect", open.size());
        }
        if (nowNs - connectedAtNs > ctx.healthyAfterNs && state == READY)
        {
            backoff.reset();
        }
        state = limits.banned() ? STOPPED : DISCONNECTED;
        nextAttemptNs = nowNs + backoff.nextDelayNs();
    }

    private void onFrame(final MutableDirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        final int limit = offset + length;
        final int idStart = JsonMember.find(buffer, offset, limit, F_ID);
        if (idStart == JsonMember.MISSING)
        {
            final int event = JsonMember.find(buffer, offset, limit, F_EVENT);
            if (event == JsonMember.MISSING || !events.onEvent(buffer, event, limit, nowNs))
            {
                events.countMalformed();
            }
            return;
        }
        final long id = JsonMember.longValue(buffer, idStart, limit, -1);
        final int status = (int)JsonMember.longValue(buffer, JsonMember.find(buffer, offset, limit, F_STATUS), limit, -1);
        final int slot = (int)(id & requestMask);
        if (id <= 0 || status < 0 || requestIds[slot] != id)
        {
            responsesWithoutRequest++;
            return;
        }
        requestIds[slot] = 0;
        readRateLimits(buffer, offset, limit, nowNs);
        final int kind = requestKinds[slot];
        final long clientOrderId = requestOrders[slot];
        if (status == 200)
        {
            onSuccess(kind, clientOrderId, requestSentNs[slot], requestDecisionNs[slot], buffer,
                JsonMember.find(buffer, offset, limit, F_RESULT), limit, nowNs);
            return;
        }
        final int error = JsonMember.find(buffer, offset, limit, F_ERROR);
        final int code = error < 0 ? 0 : (int)JsonMember.longValue(buffer,
            JsonMember.find(buffer, error, limit, F_CODE), limit, 0);
        if (status == 429 || status == 418)
        {
            final int data = error < 0 ? -1 : JsonMember.find(buffer, error, limit, F_DATA);
            final long retryAfterMs = data < 0 ? 0 : JsonMember.longValue(buffer,
                JsonMember.find(buffer, data, limit, F_RETRY_AFTER), limit, 0);
            onRateLimited(status, retryAfterMs, kind, clientOrderId, nowNs);
            return;
        }
        onFailure(kind, clientOrderId, status, code, buffer, error, limit, nowNs);
    }

    private void onSuccess(
        final int kind, final long clientOrderId, final long sentNs, final long decisionNs, final DirectBuffer buffer,
        final int result,
        final int limit, final long nowNs)
    {
        switch (kind)
        {
            case TIME:
            {
                final long serverMs = JsonMember.longValue(buffer, JsonMember.find(buffer, result, limit, F_SERVER_TIME),
                    limit, 0);
                if (serverMs > 0)
                {
                    final long midMs = (sentNs + nowNs) / 2 / 1_000_000L;
                    serverOffsetMs = serverMs - midMs;
                }
                if (ctx.credentials.logsOn())
                {
                    sendLogon(nowNs);
                }
                else
                {
                    beginSigned(SUBSCRIBE, M_SUBSCRIBE_SIGNATURE, 0);
                    request.number(K_TIMESTAMP, timestampMs(nowNs));
                    finish(SUBSCRIBE, 0, nowNs, 2, false);
                }
                break;
            }
            case LOGON:
                send(SUBSCRIBE, 0, nowNs, 2, false, M_SUBSCRIBE);
                break;
            case SUBSCRIBE:
                beginSigned(ACCOUNT, M_ACCOUNT, 0);
                request.string(K_OMIT_ZERO, V_TRUE).number(K_RECV_WINDOW, ctx.recvWindowMs)
                    .number(K_TIMESTAMP, timestampMs(nowNs));
                finish(ACCOUNT, 0, nowNs, 20, false);
                beginSigned(OPEN_ORDERS, M_OPEN_ORDERS, 0);
                request.number(K_RECV_WINDOW, ctx.recvWindowMs).number(K_TIMESTAMP, timestampMs(nowNs));
                finish(OPEN_ORDERS, 0, nowNs, 80, false);
                state = RECONCILING;
                break;
            case ACCOUNT:
                onAccount(buffer, result, limit, nowNs);
                break;
            case OPEN_ORDERS:
                reconcile(buffer, result, limit, nowNs);
                break;
            case PLACE:
            case REPLACE:
            {
                // the order may have ended already: the stream's reports can come before the response
                ctx.latency.record(Stage.ORDER_OUT_TO_ACK, nowNs - sentNs);
                if (nowNs - sentNs >= 0 && nowNs - sentNs < StageLatency.HIGHEST_NS)
                {
                    sendToAck.recordValue(Math.max(1, nowNs - sentNs));
                }
                final long sinceDecision = nowNs - decisionNs;
                if (sinceDecision >= 0 && sinceDecision < StageLatency.HIGHEST_NS)
                {
                    decisionToAck.recordValue(Math.max(1, sinceDecision));
                }
                break;
            }
            case ORDER_STATUS:
                onOrderStatus(clientOrderId, buffer, result, limit, nowNs);
                break;
            case CANCEL_ALL:
            {
                final Instrument instrument = instruments.get((int)clientOrderId);
                final int cancelled = events.publishCancelAll(instrument, 0, buffer, result, limit, nowNs);
                LOG.info("kill switch at Binance: openOrders.cancelAll {} cancelled {}", instrument.symbol(), cancelled);
                break;
            }
            default:
                break; // cancels: the user data stream reports them
        }
    }

    private void onFailure(
        final int kind, final long clientOrderId, final int status, final int code, final DirectBuffer buffer,
        final int error, final int limit, final long nowNs)
    {
        switch (kind)
        {
            case PLACE:
            case REPLACE:
            {
                final int msg = error < 0 ? -1 : JsonMember.find(buffer, error, limit, F_MSG);
                if (code == NEW_ORDER_REJECTED && msg >= 0 && JsonMember.equals(buffer, msg, DUPLICATE_ORDER))
                {
                    // sent again after a drop and Binance has it: the stream and the reconcile tell its state
                    duplicatesRecognised++;
                    return;
                }
                final OpenOrder order = open.get(clientOrderId);
                if (order != null && status >= 500)
                {
                    // unknown outcome: openOrders/order.status settle it on the next reconcile
                    connection.drop();
                    return;
                }
                if (order != null)
                {
                    venueRejects++;
                    rejectLocally(order, code, nowNs);
                }
                break;
            }
            case CANCEL:
                unknownCancels++;
                break;
            case CANCEL_ALL:
            {
                // -2011: nothing open on the symbol; anything else is on the log too, for the operator
                final Instrument instrument = instruments.get((int)clientOrderId);
                events.publishCancelAll(instrument, code == 0 ? status : code, buffer, -1, limit, nowNs);
                LOG.info("kill switch at Binance: openOrders.cancelAll {} answered {} {}", instrument.symbol(), status, code);
                break;
            }
            case ORDER_STATUS:
                statusQueries--;
                final OpenOrder lost = open.get(clientOrderId);
                if (code == NO_SUCH_ORDER && lost != null && lost.replacesClientOrderId != 0)
                {
                    // a cancel-replace that never reached Binance: what it replaced is asked for on its own
                    rejectLocally(lost, NEW_ORDER_REJECTED, nowNs);
                }
                else if (code == NO_SUCH_ORDER && lost != null && lost.cancelRequested)
                {
                    // never reached Binance and cancelled since (the kill switch of a failed leader, say): it
                    // ends here; placing it now would leave it open after its cancel
                    canceledBeforeSent++;
                    publish(lost, ExecType.CANCELED, OrderStatus.CANCELED, 0, 0, nowNs);
                    release(lost);
                }
                else if (code == NO_SUCH_ORDER && lost != null)
                {
                    // never reached Binance: sent again under the same id
                    lost.queuedNs = nowNs;
                    orderQueue.add(PLACE, clientOrderId);
                }
                finishReconcileIfDone();
                break;
            case TIME:
            case LOGON:
            case SUBSCRIBE:
                LOG.error("Binance API session refused ({} {}): check the API key, its permissions and the key type",
                    status, code);
                connection.drop();
                break;
            case OPEN_ORDERS:
                LOG.error("openOrders.status failed ({} {}): reconnecting", status, code);
                connection.drop();
                break;
            default:
                LOG.warn("Binance request kind {} failed: {} {}", kind, status, code);
                break;
        }
    }

    private void onRateLimited(
        final int status, final long retryAfterMs, final int kind, final long clientOrderId, final long nowNs)
    {
        if (status == 418)
        {
            limits.onBanned(retryAfterMs);
            LOG.error("ALARM: Binance banned this IP (418) until {} (epoch ms): the venue is stopped, every order " +
                "is rejected; an operator must look before restarting", retryAfterMs);
            state = STOPPED;
            connection.drop();
            while (!orderQueue.isEmpty())
            {
                final OpenOrder order = open.get(orderQueue.poll());
                if (order != null && order.sentNs == 0)
                {
                    rejectLocally(order, TOO_MANY_REQUESTS, nowNs);
                }
            }
            return;
        }
        final long retryAfterNs = retryAfterMs > 0 ? (retryAfterMs - serverOffsetMs) * 1_000_000L : 0;
        limits.onTooManyRequests(retryAfterNs, nowNs);
        LOG.warn("Binance answered 429: holding every request until {}", retryAfterMs);
        if (kind == PLACE || kind == REPLACE)
        {
            orderQueue.addFirst(kind, clientOrderId);
        }
        else if (kind == CANCEL)
        {
            cancelQueue.addFirst(kind, clientOrderId);
        }
        else if (kind == CANCEL_ALL)
        {
            cancelAllPending[(int)clientOrderId] = true;
            cancelAllWaiting = true;
        }
        else if (kind != ACCOUNT)
        {
            connection.drop(); // the session's start did not complete: start again after the backoff
        }
    }

    // ---------------------------------------------------------------- reconciliation (cold path)

    private void reconcile(final DirectBuffer buffer, final int result, final int limit, final long nowNs)
    {
        reconciliations++;
        open.values().forEach(order -> order.seen = false);
        int position = result < 0 ? -1 : io.ferrum.gateway.json.JsonScanner.skipWhitespace(buffer, result, limit);
        if (position < 0 || position >= limit || buffer.getByte(position) != '[')
        {
            LOG.error("openOrders.status answered without an array: reconnecting");
            connection.drop();
            return;
        }
        position = io.ferrum.gateway.json.JsonScanner.skipWhitespace(buffer, position + 1, limit);
        int listed = 0;
        while (position < limit && buffer.getByte(position) == '{')
        {
            final int end = io.ferrum.gateway.json.JsonScanner.skipValue(buffer, position, limit);
            if (end < 0)
            {
                break;
            }
            listed++;
            reconcileOne(buffer, position, end, nowNs);
            position = io.ferrum.gateway.json.JsonScanner.skipWhitespace(buffer, end, limit);
            if (position < limit && buffer.getByte(position) == ',')
            {
                position = io.ferrum.gateway.json.JsonScanner.skipWhitespace(buffer, position + 1, limit);
            }
        }
        statusQueries = 0;
        final List<OpenOrder> missing = new ArrayList<>();
        for (final OpenOrder order : open.values())
        {
            if (!order.seen && order.sentNs != 0)
            {
                missing.add(order);
            }
        }
        for (final OpenOrder order : missing)
        {
            askStatus(order, nowNs);
        }
        LOG.info("Binance reconcile: {} open at the venue, {} open here, {} asked for by order.status",
            listed, open.size(), missing.size());
        finishReconcileIfDone();
    }

    private void reconcileOne(final DirectBuffer buffer, final int object, final int end, final long nowNs)
    {
        final int idStart = JsonMember.find(buffer, object, end, F_CLIENT_ORDER_ID);
        final long clientOrderId = idStart < 0 ? ClientOrderIds.FOREIGN :
            ClientOrderIds.parse(buffer, idStart, JsonMember.end(buffer, idStart, end) - idStart);
        final OpenOrder order = clientOrderId == ClientOrderIds.FOREIGN ? null : open.get(clientOrderId);
        final long venueOrderId = JsonMember.longValue(buffer, JsonMember.find(buffer, object, end, F_ORDER_ID), end, 0);
        if (order == null)
        {
            // an order Ferrum does not know: cancelled, and its CANCELED report goes on the log
            final int symbol = JsonMember.find(buffer, object, end, F_SYMBOL);
            final String name = symbol < 0 ? "" :
                buffer.getStringWithoutLengthAscii(symbol, JsonMember.end(buffer, symbol, end) - symbol);
            final Instrument instrument = instruments.get(name);
            LOG.warn("Binance holds order {} on {} that Ferrum does not know: cancelling it", venueOrderId, name);
            if (instrument != null && venueOrderId > 0)
            {
                foreignCancelled++;
                beginSigned(CANCEL_FOREIGN, M_CANCEL, 0);
                request.number(K_ORDER_ID, venueOrderId).number(K_RECV_WINDOW, ctx.recvWindowMs)
                    .string(K_SYMBOL, symbols[instrument.instrumentId()]).number(K_TIMESTAMP, timestampMs(nowNs));
                finish(CANCEL_FOREIGN, 0, nowNs, 1, false);
            }
            return;
        }
        order.seen = true;
        order.venueOrderId = venueOrderId;
        if (!order.acknowledged)
        {
            corrections++;
            publish(order, order.replacesClientOrderId != 0 ? ExecType.REPLACED : ExecType.NEW, OrderStatus.ACKNOWLEDGED,
                0, 0, nowNs);
            order.acknowledged = true;
        }
        final long executed = decimal(buffer, JsonMember.find(buffer, object, end, F_EXECUTED_QTY), end,
            order.instrument.sizeExponent());
        if (executed > order.cumulative)
        {
            corrections++;
            final long lastQuantity = executed - order.cumulative;
            order.cumulative = executed;
            publish(order, ExecType.PARTIAL_FILL, OrderStatus.PARTIALLY_FILLED, order.price, lastQuantity, nowNs);
        }
    }

    private void askStatus(final OpenOrder order, final long nowNs)
    {
        statusQueries++;
        beginSigned(ORDER_STATUS, M_ORDER_STATUS, order.clientOrderId);
        request.string(K_ORIG_CLIENT_ORDER_ID, idBytes, 0, ClientOrderIds.write(order.clientOrderId, idBytes, 0))
            .number(K_RECV_WINDOW, ctx.recvWindowMs)
            .string(K_SYMBOL, symbols[order.instrument.instrumentId()])
            .number(K_TIMESTAMP, timestampMs(nowNs));
        finish(ORDER_STATUS, order.clientOrderId, nowNs, 4, false);
    }

    private void onOrderStatus(
        final long clientOrderId, final DirectBuffer buffer, final int result, final int limit, final long nowNs)
    {
        statusQueries--;
        final OpenOrder order = open.get(clientOrderId);
        if (order != null && result >= 0)
        {
            final int end = io.ferrum.gateway.json.JsonScanner.skipValue(buffer, result, limit);
            final int statusStart = JsonMember.find(buffer, result, end, F_STATUS);
            final String status = statusStart < 0 ? "" :
                buffer.getStringWithoutLengthAscii(statusStart, JsonMember.end(buffer, statusStart, end) - statusStart);
            order.venueOrderId = JsonMember.longValue(buffer, JsonMember.find(buffer, result, end, F_ORDER_ID), end, 0);
            final long executed = decimal(buffer, JsonMember.find(buffer, result, end, F_EXECUTED_QTY), end,
                order.instrument.sizeExponent());
            if (executed > order.cumulative)
            {
                // fills missed while disconnected: one correction at their average price
                final long lastQuantity = executed - order.cumulative;
                final long price = averagePrice(buffer, result, end, order, executed);
                order.cumulative = executed;
                corrections++;
                final boolean done = executed >= order.quantity;
                publish(order, done ? ExecType.FILL : ExecType.PARTIAL_FILL,
                    done ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED, price, lastQuantity, nowNs);
                if (done)
                {
                    release(order);
                }
            }
            if (open.get(clientOrderId) == order)
            {
                final ExecType end2 = "CANCELED".equals(status) ? ExecType.CANCELED :
                    "EXPIRED".equals(status) || "EXPIRED_IN_MATCH".equals(status) ? ExecType.EXPIRED :
                    "REJECTED".equals(status) ? ExecType.REJECTED : null;
                if (end2 != null)
                {
                    corrections++;
                    publish(order, end2, end2 == ExecType.CANCELED ? OrderStatus.CANCELED :
                        end2 == ExecType.EXPIRED ? OrderStatus.EXPIRED : OrderStatus.REJECTED, 0, 0, nowNs);
                    release(order);
                }
                else if (!order.acknowledged)
                {
                    corrections++;
                    publish(order, ExecType.NEW, OrderStatus.ACKNOWLEDGED, 0, 0, nowNs);
                    order.acknowledged = true;
                }
            }
        }
        finishReconcileIfDone();
    }

    private long averagePrice(
        final DirectBuffer buffer, final int result, final int end, final OpenOrder order, final long executed)
    {
        final int quote = JsonMember.find(buffer, result, end, F_QUOTE_QTY);
        if (quote < 0 || executed <= 0)
        {
            return order.price;
        }
        try
        {
            final BigDecimal quoteQty = new BigDecimal(
                buffer.getStringWithoutLengthAscii(quote, JsonMember.end(buffer, quote, end) - quote));
            final BigDecimal quantity = BigDecimal.valueOf(executed, -order.instrument.sizeExponent());
            return quoteQty.divide(quantity, -order.instrument.priceExponent(), RoundingMode.HALF_EVEN)
                .unscaledValue().longValueExact();
        }
        catch (final ArithmeticException | NumberFormatException ex)
        {
            return order.price;
        }
    }

    private void finishReconcileIfDone()
    {
        if (state == RECONCILING && statusQueries <= 0)
        {
            state = READY;
        }
    }

    /** account.status's balances go on the log as a SNAPSHOT of the account (assets not listed are zero). */
    private void onAccount(final DirectBuffer buffer, final int result, final int limit, final long nowNs)
    {
        final long updateMs = result < 0 ? 0 :
            JsonMember.longValue(buffer, JsonMember.find(buffer, result, limit, F_UPDATE_TIME), limit, 0);
        final int balances = result < 0 ? -1 : JsonMember.find(buffer, result, limit, F_BALANCES);
        if (!events.publishBalances(BalanceUpdate.SNAPSHOT, buffer, balances, limit, F_ASSET, F_FREE, F_LOCKED,
            updateMs > 0 ? updateMs * 1_000_000L : nowNs, nowNs))
        {
            events.countMalformed();
            LOG.warn("Binance account.status answered without a readable balances array");
        }
    }

    // ---------------------------------------------------------------- sending

    /** Cancels first (they never wait behind an order the ORDERS limit holds), then places and replaces. */
    private int drainQueue(final long nowNs)
    {
        int sent = 0;
        while (!cancelQueue.isEmpty() && state == READY && limits.delayNs(nowNs, false, 1) == 0)
        {
            final OpenOrder order = open.get(cancelQueue.poll());
            if (order != null)
            {
                sendCancel(order, nowNs);
                sent++;
            }
        }
        while (!orderQueue.isEmpty() && state == READY && limits.delayNs(nowNs, true, 1) == 0)
        {
            final int kind = orderQueue.peekKind();
            final OpenOrder order = open.get(orderQueue.poll());
            if (order == null)
            {
                continue; // ended while it waited (cancelled before it was sent)
            }
            if (kind == PLACE)
            {
                sendPlace(order, nowNs);
            }
            else
            {
                sendReplace(order, nowNs);
            }
            sent++;
        }
        return sent;
    }

    /**
     * Refuses, as THROTTLED, the orders that waited longer than the send bound, oldest first, whatever holds
     * them (a limit's headroom, a 429, a reconnect): the queue is in arrival order, so its head is the oldest.
     */
    private int expireQueued(final long nowNs)
    {
        int expired = 0;
        while (!orderQueue.isEmpty())
        {
            final OpenOrder order = open.get(orderQueue.peekId());
            if (order != null && nowNs - order.queuedNs <= ctx.maxSendDelayNs)
            {
                break;
            }
            orderQueue.poll();
            if (order != null)
            {
                throttle(order, nowNs);
                expired++;
            }
        }
        return expired;
    }

    private void sendPlace(final OpenOrder order, final long nowNs)
    {
        beginSigned(PLACE, M_PLACE, order.clientOrderId);
        request.string(K_NEW_CLIENT_ORDER_ID, idBytes, 0, ClientOrderIds.write(order.clientOrderId, idBytes, 0))
            .string(K_NEW_ORDER_RESP_TYPE, V_ACK);
        final Instrument instrument = order.instrument;
        final boolean limit = order.orderType == OrderType.LIMIT;
        if (limit)
        {
            request.decimal(K_PRICE, order.price, instrument.priceExponent());
        }
        request.decimal(K_QUANTITY, order.quantity, instrument.sizeExponent())
            .number(K_RECV_WINDOW, ctx.recvWindowMs)
            .string(K_SIDE, order.side == Side.BUY ? V_BUY : V_SELL)
            .string(K_SYMBOL, symbols[instrument.instrumentId()]);
        if (limit && !order.postOnly)
        {
            request.string(K_TIME_IN_FORCE, timeInForce(order.timeInForce));
        }
        request.number(K_TIMESTAMP, timestampMs(nowNs))
            .string(K_TYPE, !limit ? V_MARKET : order.postOnly ? V_LIMIT_MAKER : V_LIMIT);
        order.sentNs = nowNs;
        ordersPlaced++;
        finish(PLACE, order.clientOrderId, nowNs, 1, true);
    }

    private void sendReplace(final OpenOrder order, final long nowNs)
    {
        final OpenOrder old = open.get(order.replacesClientOrderId);
        if (old == null)
        {
            rejectLocally(order, NEW_ORDER_REJECTED, nowNs);
            return;
        }
        beginSigned(REPLACE, M_REPLACE, order.clientOrderId);
        final Instrument instrument = order.instrument;
        request.string(K_CANCEL_ORIG, idBytes, 0, ClientOrderIds.write(old.clientOrderId, idBytes, 0))
            .string(K_CANCEL_REPLACE_MODE, V_STOP_ON_FAILURE)
            .string(K_NEW_CLIENT_ORDER_ID, idBytes, 0, ClientOrderIds.write(order.clientOrderId, idBytes, 0))
            .string(K_NEW_ORDER_RESP_TYPE, V_ACK)
            .decimal(K_PRICE, order.price, instrument.priceExponent())
            .decimal(K_QUANTITY, order.quantity, instrument.sizeExponent())
            .number(K_RECV_WINDOW, ctx.recvWindowMs)
            .string(K_SIDE, order.side == Side.BUY ? V_BUY : V_SELL)
            .string(K_SYMBOL, symbols[instrument.instrumentId()]);
        if (!order.postOnly)
        {
            request.string(K_TIME_IN_FORCE, V_GTC);
        }
        request.number(K_TIMESTAMP, timestampMs(nowNs)).string(K_TYPE, order.postOnly ? V_LIMIT_MAKER : V_LIMIT);
        order.sentNs = nowNs;
        ordersPlaced++;
        finish(REPLACE, order.clientOrderId, nowNs, 1, true);
    }

    private void sendCancel(final OpenOrder order, final long nowNs)
    {
        beginSigned(CANCEL, M_CANCEL, order.clientOrderId);
        request.string(K_ORIG_CLIENT_ORDER_ID, idBytes, 0, ClientOrderIds.write(order.clientOrderId, idBytes, 0))
            .number(K_RECV_WINDOW, ctx.recvWindowMs)
            .string(K_SYMBOL, symbols[order.instrument.instrumentId()])
            .number(K_TIMESTAMP, timestampMs(nowNs));
        finish(CANCEL, order.clientOrderId, nowNs, 1, false);
    }

    private void sendCancelAll(final Instrument instrument, final long nowNs)
    {
        beginSigned(CANCEL_ALL, M_CANCEL_ALL, 0);
        request.number(K_RECV_WINDOW, ctx.recvWindowMs)
            .string(K_SYMBOL, symbols[instrument.instrumentId()])
            .number(K_TIMESTAMP, timestampMs(nowNs));
        cancelAllsSent++;
        finish(CANCEL_ALL, instrument.instrumentId(), nowNs, 1, false);
    }

    private void sendLogon(final long nowNs)
    {
        final long id = nextRequestId++;
        final Map<String, String> params = new LinkedHashMap<>();
        params.put("apiKey", ctx.credentials.apiKey());
        params.put("timestamp", Long.toString(timestampMs(nowNs)));
        final String signature = ctx.credentials.ed25519().signBase64(SignaturePayload.of(params));
        final String json = "{\"id\":" + id + ",\"method\":\"session.logon\",\"params\":{\"apiKey\":\"" +
            ctx.credentials.apiKey() + "\",\"signature\":\"" + signature + "\",\"timestamp\":" + params.get("timestamp") + "}}";
        final byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
        track(id, LOGON, 0, nowNs);
        limits.sent(nowNs, false, 2);
        connection.send(bytes, bytes.length);
    }

    /** A request whose parameters are signed: the API key first when every request carries an HMAC. */
    private void beginSigned(final int kind, final byte[] method, final long clientOrderId)
    {
        request.begin(nextRequestId, method);
        if (hmac != null)
        {
            request.string(K_API_KEY, ctx.apiKeyBytes);
        }
    }

    private void send(final int kind, final long clientOrderId, final long nowNs, final int weight, final boolean order)
    {
        send(kind, clientOrderId, nowNs, weight, order, M_TIME);
    }

    /** An unsigned request without parameters. */
    private void send(
        final int kind, final long clientOrderId, final long nowNs, final int weight, final boolean order, final byte[] method)
    {
        request.begin(nextRequestId, method);
        request.end(null);
        transmit(kind, clientOrderId, nowNs, weight, order);
    }

    private void finish(final int kind, final long clientOrderId, final long nowNs, final int weight, final boolean order)
    {
        request.end(hmac);
        transmit(kind, clientOrderId, nowNs, weight, order);
    }

    private void transmit(final int kind, final long clientOrderId, final long nowNs, final int weight, final boolean order)
    {
        final long id = nextRequestId++;
        track(id, kind, clientOrderId, nowNs);
        limits.sent(nowNs, order, weight);
        if (!connection.send(request.buffer(), request.length()))
        {
            requestIds[(int)(id & requestMask)] = 0; // never left: the reconcile after the reconnect covers it
        }
    }

    private void track(final long id, final int kind, final long clientOrderId, final long nowNs)
    {
        final int slot = (int)(id & requestMask);
        requestIds[slot] = id;
        requestKinds[slot] = kind;
        requestOrders[slot] = clientOrderId;
        requestSentNs[slot] = nowNs;
        final OpenOrder order = kind == PLACE || kind == REPLACE ? open.get(clientOrderId) : null;
        requestDecisionNs[slot] = order == null ? nowNs : order.decisionNs;
    }

    /** Binance's time now: this process's clock and the offset {@code time} measured. */
    private long timestampMs(final long nowNs)
    {
        return clock.nanoTime() / 1_000_000L + serverOffsetMs;
    }

    private static byte[] timeInForce(final TimeInForce timeInForce)
    {
        return timeInForce == TimeInForce.IOC ? V_IOC : timeInForce == TimeInForce.FOK ? V_FOK : V_GTC;
    }

    // ---------------------------------------------------------------- reports

    /** The stream reported an order's state: keeps the session's view in step. */
    void onReport(final long clientOrderId, final long venueOrderId, final ExecType execType, final long cumulative,
        final boolean terminal)
    {
        final OpenOrder order = open.get(clientOrderId);
        if (order == null)
        {
            return;
        }
        order.venueOrderId = venueOrderId;
        order.cumulative = Math.max(order.cumulative, cumulative);
        if (execType == ExecType.NEW || execType == ExecType.REPLACED)
        {
            order.acknowledged = true;
        }
        if (terminal)
        {
            release(order);
        }
    }

    /** Whether a NEW for this id answers a replace (reported as REPLACED, as the engine's OMS expects). */
    boolean isReplacement(final long clientOrderId)
    {
        final OpenOrder order = open.get(clientOrderId);
        return order != null && order.replacesClientOrderId != 0;
    }

    /** The session's cumulative quantity of an order, -1 when it does not know it (reports already applied are dropped). */
    long cumulative(final long clientOrderId)
    {
        final OpenOrder order = open.get(clientOrderId);
        return order == null ? -1 : order.cumulative;
    }

    private void rejectLocally(final OpenOrder order, final int code, final long nowNs)
    {
        if (order.instrument == null)
        {
            release(order);
            return; // no instrument to report on: the engine refused it before (unknown instrument)
        }
        events.publish(order.instrument, order.clientOrderId, order.venueOrderId, ExecType.REJECTED, OrderStatus.REJECTED,
            order.side, 0, 0, order.cumulative, 0, 0, Liquidity.NULL_VAL, 0, code, nowNs, nowNs);
        release(order);
    }

    private void publish(
        final OpenOrder order, final ExecType execType, final OrderStatus status, final long lastPrice,
        final long lastQuantity, final long nowNs)
    {
        final boolean live = status == OrderStatus.ACKNOWLEDGED || status == OrderStatus.PARTIALLY_FILLED;
        events.publish(order.instrument, order.clientOrderId, order.venueOrderId, execType, status, order.side,
            lastPrice, lastQuantity, order.cumulative, live ? order.leaves() : 0, 0, Liquidity.NULL_VAL, 0, 0, nowNs, nowNs);
    }

    private void release(final OpenOrder order)
    {
        if (open.remove(order.clientOrderId) == order)
        {
            order.instrument = null;
            pool[free++] = order;
        }
    }

    private static long decimal(final DirectBuffer buffer, final int start, final int limit, final int exponent)
    {
        if (start < 0)
        {
            return 0;
        }
        final long value = io.ferrum.codecs.decimal.DecimalParser.parse(
            buffer.getStringWithoutLengthAscii(start, JsonMember.end(buffer, start, limit) - start), exponent);
        return Math.max(0, value);
    }

    private void readRateLimits(final DirectBuffer buffer, final int offset, final int limit, final long nowNs)
    {
        final int array = JsonMember.find(buffer, offset, limit, F_RATE_LIMITS);
        if (array < 0 || buffer.getByte(array) != '[')
        {
            return;
        }
        final int end = io.ferrum.gateway.json.JsonScanner.skipValue(buffer, array, limit);
        int position = array + 1;
        while (end > 0 && position < end)
        {
            position = io.ferrum.gateway.json.JsonScanner.skipWhitespace(buffer, position, end);
            if (position >= end || buffer.getByte(position) != '{')
            {
                break;
            }
            final int objectEnd = io.ferrum.gateway.json.JsonScanner.skipValue(buffer, position, end);
            if (objectEnd < 0)
            {
                break;
            }
            final int type = JsonMember.find(buffer, position, objectEnd, F_RATE_LIMIT_TYPE);
            final int interval = JsonMember.find(buffer, position, objectEnd, F_INTERVAL);
            final long intervalNum = JsonMember.longValue(buffer,
                JsonMember.find(buffer, position, objectEnd, F_INTERVAL_NUM), objectEnd, 0);
            final long unitNs = JsonMember.equals(buffer, interval, SECOND) ? TimeUnit.SECONDS.toNanos(1) :
                JsonMember.equals(buffer, interval, MINUTE) ? TimeUnit.MINUTES.toNanos(1) :
                JsonMember.equals(buffer, interval, DAY) ? TimeUnit.DAYS.toNanos(1) : 0;
            limits.onVenueCount(JsonMember.equals(buffer, type, ORDERS), unitNs * intervalNum,
                (int)JsonMember.longValue(buffer, JsonMember.find(buffer, position, objectEnd, F_LIMIT), objectEnd, -1),
                (int)JsonMember.longValue(buffer, JsonMember.find(buffer, position, objectEnd, F_COUNT), objectEnd, -1),
                nowNs);
            position = io.ferrum.gateway.json.JsonScanner.skipWhitespace(buffer, objectEnd, end);
            if (position < end && buffer.getByte(position) == ',')
            {
                position++;
            }
        }
    }

    // ---------------------------------------------------------------- state for tests and metrics

    /** Whether the session is logged on, subscribed and reconciled. */
    public boolean isReady()
    {
        return state == READY;
    }

    /** Whether a 418 stopped the venue. */
    public boolean isStopped()
    {
        return state == STOPPED;
    }

    /** Engine decision (the NewOrder's log time) to Binance's acknowledgement of order.place, in ns. */
    public Histogram decisionToAck()
    {
        return decisionToAck;
    }

    /** order.place (or cancelReplace) sent to Binance's acknowledgement, in ns: the wire and the venue only. */
    public Histogram sendToAck()
    {
        return sendToAck;
    }

    public ApiRateLimits rateLimits()
    {
        return limits;
    }

    public ApiEventDecoder events()
    {
        return events;
    }

    public long connects()
    {
        return connects;
    }

    public long disconnects()
    {
        return disconnects;
    }

    public long ordersPlaced()
    {
        return ordersPlaced;
    }

    public long duplicatesRecognised()
    {
        return duplicatesRecognised;
    }

    public long venueRejects()
    {
        return venueRejects;
    }

    public long unknownCancels()
    {
        return unknownCancels;
    }

    public long reconciliations()
    {
        return reconciliations;
    }

    public long corrections()
    {
        return corrections;
    }

    public long foreignCancelled()
    {
        return foreignCancelled;
    }

    public long oversizeFrames()
    {
        return oversizeFrames;
    }

    public long responsesWithoutRequest()
    {
        return responsesWithoutRequest;
    }

    /** Orders refused as {@link #THROTTLED}: they could not be sent within the send bound. */
    public long throttledRejects()
    {
        return throttledRejects;
    }

    /** Orders whose cancel came while they still waited to be sent: ended here, never sent. */
    public long canceledBeforeSent()
    {
        return canceledBeforeSent;
    }

    /** {@code openOrders.cancelAll} requests sent (the kill switch, one per instrument). */
    public long cancelAllsSent()
    {
        return cancelAllsSent;
    }

    /** Closes the connection for a test (the venue reconnects by itself). */
    public void dropConnection()
    {
        connection.drop();
    }

    public void close()
    {
        state = STOPPED;
        connection.close();
    }

    /** Configures the session. */
    public static final class Context
    {
        private URI apiUri;
        private Credentials credentials;
        private byte[] apiKeyBytes;
        private int sourceId = 100;
        private long firstSequence;
        private int feeExponent = -8;
        private long recvWindowMs = 5_000;
        private double headroom = 0.8;
        private long reconnectBaseNs = TimeUnit.MILLISECONDS.toNanos(100);
        private long reconnectMaxNs = TimeUnit.SECONDS.toNanos(30);
        private long healthyAfterNs = TimeUnit.SECONDS.toNanos(30);
        // 30 in 5 minutes: a tenth of Binance's 300 connection attempts per 5 minutes per IP
        private int connectAttempts = 30;
        private long connectWindowNs = TimeUnit.MINUTES.toNanos(5);
        private long jitterSeed = System.nanoTime();
        private int maxFrameLength = 1024 * 1024;
        private int inboxCapacity = 8 * 1024 * 1024;
        private int maxOpenOrders = 4096;
        private long maxSendDelayNs = TimeUnit.MILLISECONDS.toNanos(100);
        private EpochNanoClock clock;
        private StageLatency latency = new StageLatency();
        private EventLoopGroup group;
        private boolean concluded;

        /** {@code wss://ws-api.binance.com:443/ws-api/v3} live, or the local exchange's. */
        public Context apiUri(final String uri)
        {
            this.apiUri = URI.create(uri);
            return this;
        }

        public Context credentials(final Credentials credentials)
        {
            this.credentials = credentials;
            return this;
        }

        /** Source id of the reports on the log (the venue's). */
        public Context sourceId(final int sourceId)
        {
            this.sourceId = sourceId;
            return this;
        }

        /** Sequence of the first report; 0: the start time in epoch ns, above a previous run's. */
        public Context firstSequence(final long firstSequence)
        {
            this.firstSequence = firstSequence;
            return this;
        }

        public Context recvWindowMs(final long recvWindowMs)
        {
            this.recvWindowMs = recvWindowMs;
            return this;
        }

        /** Share of each Binance limit Ferrum uses at most (0.8 by default). */
        public Context headroom(final double headroom)
        {
            this.headroom = headroom;
            return this;
        }

        public Context reconnectBackoff(final long base, final long max, final TimeUnit unit)
        {
            this.reconnectBaseNs = unit.toNanos(base);
            this.reconnectMaxNs = unit.toNanos(max);
            return this;
        }

        /** At most {@code attempts} connection attempts in any sliding {@code window} (30 per 5 minutes by default). */
        public Context connectBudget(final int attempts, final long window, final TimeUnit unit)
        {
            this.connectAttempts = attempts;
            this.connectWindowNs = unit.toNanos(window);
            return this;
        }

        public Context jitterSeed(final long seed)
        {
            this.jitterSeed = seed;
            return this;
        }

        public Context maxFrameLength(final int length)
        {
            this.maxFrameLength = length;
            return this;
        }

        /**
         * Longest an order may wait in the session before it is sent (100 ms by default): one that cannot go
         * out sooner is refused as {@link #THROTTLED}. Cancels are never refused.
         */
        public Context maxSendDelay(final long delay, final TimeUnit unit)
        {
            this.maxSendDelayNs = unit.toNanos(delay);
            return this;
        }

        public Context maxOpenOrders(final int maxOpenOrders)
        {
            this.maxOpenOrders = maxOpenOrders;
            return this;
        }

        public Context clock(final EpochNanoClock clock)
        {
            this.clock = clock;
            return this;
        }

        /** Where {@link Stage#ORDER_OUT_TO_ACK} is recorded. */
        public Context latency(final StageLatency latency)
        {
            this.latency = latency;
            return this;
        }

        public Context group(final EventLoopGroup group)
        {
            this.group = group;
            return this;
        }

        Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (apiUri == null || credentials == null)
            {
                throw new IllegalArgumentException("the Binance venue needs the API URI and credentials");
            }
            if (recvWindowMs <= 0 || recvWindowMs > 60_000)
            {
                throw new IllegalArgumentException("recvWindow must be in (0, 60000] ms: " + recvWindowMs);
            }
            if (maxSendDelayNs <= 0)
            {
                throw new IllegalArgumentException("maxSendDelay must be positive: " + maxSendDelayNs + " ns");
            }
            if (clock == null)
            {
                clock = new SystemEpochNanoClock();
            }
            if (firstSequence <= 0)
            {
                firstSequence = clock.nanoTime();
            }
            apiKeyBytes = credentials.apiKey().getBytes(StandardCharsets.US_ASCII);
            concluded = true;
            return this;
        }
    }
}
