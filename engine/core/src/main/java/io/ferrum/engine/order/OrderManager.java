package io.ferrum.engine.order;

import io.ferrum.codecs.sbe.CancelAllOrdersEncoder;
import io.ferrum.codecs.sbe.CancelOrderEncoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.NewOrderEncoder;
import io.ferrum.codecs.sbe.OpenOrderStateEncoder;
import io.ferrum.codecs.sbe.OrderFlagsEncoder;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.OrdersReconcilingEncoder;
import io.ferrum.codecs.sbe.ReplaceOrderEncoder;
import io.ferrum.codecs.sbe.RiskRejectEncoder;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.engine.instrument.FixedPointMath;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentFilters;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.risk.PreTradeCheck;
import io.ferrum.engine.risk.PreTradeRequest;
import io.ferrum.engine.risk.PreTradeResult;
import io.ferrum.engine.telemetry.RejectLog;
import io.ferrum.risk.RiskManager;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The order manager (E4): validates and sends orders, cancels and replaces, runs the order state
 * machine from execution reports, and books fills into the portfolio.
 * <p>
 * State machine: an order is PENDING_NEW when sent; the venue's NEW (or REPLACED for the order a
 * replace created) makes it ACKNOWLEDGED; fills make it PARTIALLY_FILLED then FILLED; CANCELED,
 * REJECTED and EXPIRED end it. Terminal orders leave the open-order table and go back to the pool.
 * Reports for orders not open (late, duplicated by the venue, foreign) are counted and ignored.
 * <p>
 * Client order ids come from a counter in the state (deterministic: the same log gives the same
 * ids on every member and in a replay); a strategy may give its own id, refused when an open
 * order already carries it.
 */
public final class OrderManager
{
    private final InstrumentRegistry instruments;
    private final Portfolio portfolio;
    private final PreTradeCheck preTradeCheck;
    private final MarkPrices referencePrices;
    private final EngineOutput output;
    private final EngineCounters counters;
    private final RejectLog rejectLog;
    private OrderListener listener;

    private final Order[] pool;
    private int free;
    private final Long2ObjectHashMap<Order> open;
    private final OpenOrderTotals totals = new OpenOrderTotals();
    private final SpotAccount account;
    private final VenueCancelAlls venueCancelAlls;
    private Order head;
    private Order tail;
    private long nextClientOrderId;
    private long timeNs;

    private final PreTradeRequest request = new PreTradeRequest();
    private final PreTradeResult result = new PreTradeResult();
    private final UnsafeBuffer outBuffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrderEncoder = new NewOrderEncoder();
    private final CancelOrderEncoder cancelEncoder = new CancelOrderEncoder();
    private final ReplaceOrderEncoder replaceEncoder = new ReplaceOrderEncoder();
    private final RiskRejectEncoder rejectEncoder = new RiskRejectEncoder();
    private final OrdersReconcilingEncoder reconcilingEncoder = new OrdersReconcilingEncoder();
    private final OpenOrderStateEncoder openOrderStateEncoder = new OpenOrderStateEncoder();
    private final CancelAllOrdersEncoder cancelAllEncoder = new CancelAllOrdersEncoder();

    public OrderManager(
        final InstrumentRegistry instruments,
        final Portfolio portfolio,
        final PreTradeCheck preTradeCheck,
        final MarkPrices referencePrices,
        final EngineOutput output,
        final EngineCounters counters,
        final RejectLog rejectLog,
        final int maxOpenOrders)
    {
        this.instruments = instruments;
        this.portfolio = portfolio;
        this.preTradeCheck = preTradeCheck;
        this.referencePrices = referencePrices;
        this.output = output;
        this.counters = counters;
        this.rejectLog = rejectLog;
        this.pool = new Order[maxOpenOrders];
        for (int i = 0; i < maxOpenOrders; i++)
        {
            pool[i] = new Order();
        }
        this.free = maxOpenOrders;
        this.open = new Long2ObjectHashMap<>(maxOpenOrders * 2, 0.5f);
        this.nextClientOrderId = 1;
        // a reservation may outlive its order (filled at once, the venue's balances not on the log yet)
        this.account = new SpotAccount(instruments, 2 * maxOpenOrders);
        this.venueCancelAlls = new VenueCancelAlls(instruments);
    }

    /** The venue's spot account and the engine's reservations on it. */
    public SpotAccount account()
    {
        return account;
    }

    /**
     * What an open order holds of the asset it pays with, at the balance exponent: a buy its leaves at its
     * price in the quote asset, a sell its leaves in the base asset; 0 when not open. What a replace of it frees.
     */
    public long heldBy(final long clientOrderId)
    {
        final Order order = open.get(clientOrderId);
        if (order == null)
        {
            return 0;
        }
        final Instrument instrument = instruments.get(order.instrumentId);
        return RiskManager.balanceNeeded(order.side == Side.BUY, order.price != 0 ? order.price : order.stopPrice,
            instrument.priceExponent(), order.leavesQuantity(), instrument.sizeExponent());
    }

    public void listener(final OrderListener listener)
    {
        this.listener = listener;
    }

    /** The engine sets the log time of the input being processed. */
    public void timeNs(final long timeNs)
    {
        this.timeNs = timeNs;
    }

    public long timeNs()
    {
        return timeNs;
    }

    /** A builder bound to a strategy; each strategy context owns one. */
    public OrderTicket newRequest(final int strategyId)
    {
        return new OrderTicket(this, strategyId);
    }

    /** An open order, or null. */
    public Order order(final long clientOrderId)
    {
        return open.get(clientOrderId);
    }

    public int openOrderCount()
    {
        return open.size();
    }

    /** Open orders; strategyId 0 means every strategy, instrumentId 0 every instrument. */
    public int openOrderCount(final int strategyId, final int instrumentId)
    {
        return totals.orders(strategyId, instrumentId);
    }

    /**
     * Remaining (leaves) quantity of the open orders on one side in an instrument; strategyId 0
     * means every strategy. Constant time: read from running totals.
     */
    public long openQuantity(final int strategyId, final int instrumentId, final Side side)
    {
        return totals.quantity(strategyId, instrumentId, side);
    }

    /** First open order in creation order, for iteration with {@link #nextOpen(Order)}. */
    public Order firstOpen()
    {
        return head;
    }

    public Order nextOpen(final Order order)
    {
        return order.next;
    }

    public long nextClientOrderId()
    {
        return nextClientOrderId;
    }

    long submit(final int strategyId, final OrderTicket r)
    {
        final Instrument instrument = instruments.get(r.instrumentId);
        if (instrument == null)
        {
            return reject(strategyId, null, r.instrumentId, r.clientOrderId, RiskRejectReason.UNKNOWN_INSTRUMENT, 0,
                r.instrumentId, 0);
        }
        if (r.side == null || r.side == Side.NULL_VAL || !instrument.isValidQuantity(r.quantity))
        {
            return reject(strategyId, instrument, r.instrumentId, r.clientOrderId, RiskRejectReason.INVALID_QUANTITY,
                instrument.sizeExponent(), r.quantity, instrument.lotSize());
        }
        final OrderType type = r.orderType;
        final boolean priceOk;
        if (type == OrderType.MARKET)
        {
            priceOk = r.price == 0 && r.stopPrice == 0;
        }
        else if (type == OrderType.LIMIT)
        {
            priceOk = instrument.isValidPrice(r.price) && r.stopPrice == 0;
        }
        else if (type == OrderType.STOP_MARKET)
        {
            priceOk = r.price == 0 && instrument.isValidPrice(r.stopPrice);
        }
        else if (type == OrderType.STOP_LIMIT)
        {
            priceOk = instrument.isValidPrice(r.price) && instrument.isValidPrice(r.stopPrice);
        }
        else
        {
            priceOk = false;
        }
        TimeInForce tif = r.timeInForce;
        if (tif == null || tif == TimeInForce.NULL_VAL)
        {
            tif = type == OrderType.LIMIT || type == OrderType.STOP_LIMIT ? TimeInForce.GTC : TimeInForce.IOC;
        }
        if ((type == OrderType.MARKET || type == OrderType.STOP_MARKET) && tif == TimeInForce.GTC)
        {
            tif = TimeInForce.IOC;
        }
        // Post-only needs a resting limit price: refused on anything else.
        if (!priceOk || (r.postOnly && (type != OrderType.LIMIT || tif != TimeInForce.GTC)))
        {
            return reject(strategyId, instrument, r.instrumentId, r.clientOrderId, RiskRejectReason.INVALID_PRICE,
                instrument.priceExponent(), r.price != 0 ? r.price : r.stopPrice, instrument.tickSize());
        }
        final long filtered = checkFilters(strategyId, instrument, r.clientOrderId, r.price, r.stopPrice, r.quantity, true);
        if (filtered != 0)
        {
            return filtered;
        }
        if (r.clientOrderId < 0 || (r.clientOrderId != 0 && open.containsKey(r.clientOrderId)))
        {
            return reject(strategyId, instrument, r.instrumentId, r.clientOrderId,
                RiskRejectReason.DUPLICATE_CLIENT_ORDER_ID, 0, r.clientOrderId, 0);
        }
        final long rejected = checkReduceOnly(strategyId, instrument, r.side, r.quantity, r.reduceOnly,
            r.clientOrderId);
        if (rejected != 0)
        {
            return rejected;
        }
        if (free == 0)
        {
            return reject(strategyId, instrument, r.instrumentId, r.clientOrderId, RiskRejectReason.MAX_OPEN_ORDERS, 0,
                pool.length, pool.length);
        }

        final long clientOrderId = r.clientOrderId != 0 ? r.clientOrderId : allocateClientOrderId();
        request.set(timeNs, strategyId, instrument, clientOrderId, r.side, type, tif, r.price, r.stopPrice,
            r.quantity, r.postOnly, r.reduceOnly, 0);
        if (!runPreTradeCheck(strategyId, instrument))
        {
            return -result.reason().value();
        }

        final Order order = pool[--free];
        order.clientOrderId = clientOrderId;
        order.strategyId = strategyId;
        order.instrumentId = instrument.instrumentId();
        order.side = r.side;
        order.orderType = type;
        order.timeInForce = tif;
        order.postOnly = r.postOnly;
        order.reduceOnly = r.reduceOnly;
        order.price = r.price;
        order.stopPrice = r.stopPrice;
        order.quantity = r.quantity;
        order.status = OrderStatus.PENDING_NEW;
        order.createdNs = timeNs;
        order.updatedNs = timeNs;
        link(order);
        portfolio.getOrCreate(strategyId, instrument);

        offer(encodeNewOrder(order, instrument));
        counters.increment(EngineCounters.ORDERS_SENT);
        reserve(instrument);
        preTradeCheck.onOrderSent(request);
        return clientOrderId;
    }

    /** Requests a cancel; false (and a RiskReject UNKNOWN_ORDER) when the strategy has no such open order. */
    public boolean cancel(final int strategyId, final long clientOrderId)
    {
        final Order order = open.get(clientOrderId);
        if (order == null || order.strategyId != strategyId)
        {
            reject(strategyId, null, order == null ? 0 : order.instrumentId, clientOrderId,
                RiskRejectReason.UNKNOWN_ORDER, 0, clientOrderId, 0);
            return false;
        }
        if (!order.cancelRequested)
        {
            sendCancel(order);
        }
        return true;
    }

    /**
     * The order just sent holds what the balance rule let it spend, less what the order it replaces holds (still
     * open: the venue frees that when it replaces), until the venue's balances show it (when the rule applies).
     */
    private void reserve(final Instrument instrument)
    {
        if (preTradeCheck.checksBalances())
        {
            final boolean buy = request.side() == Side.BUY;
            final long needed = RiskManager.balanceNeeded(buy, request.effectivePrice(), instrument.priceExponent(),
                request.quantity(), instrument.sizeExponent());
            final long freed = request.isReplace() ? heldBy(request.replacedClientOrderId()) : 0;
            account.reserve(request.clientOrderId(), instrument.instrumentId(), buy, needed - freed);
        }
    }

    private void sendCancel(final Order order)
    {
        order.cancelRequested = true;
        order.updatedNs = timeNs;
        offer(encodeCancel(order, instruments.get(order.instrumentId)));
        counters.increment(EngineCounters.CANCELS_SENT);
    }

    /**
     * Cancel-replace of an open LIMIT or STOP_LIMIT order with a new price and quantity; the new
     * order gets a new client order id and is PENDING_NEW until the venue's REPLACED.
     *
     * @return the new client order id, or a negative reject as for {@link OrderTicket#send()}
     */
    public long replace(final int strategyId, final long clientOrderId, final long newPrice, final long newQuantity)
    {
        final Order old = open.get(clientOrderId);
        if (old == null || old.strategyId != strategyId || old.cancelRequested || old.replacedByClientOrderId != 0)
        {
            return reject(strategyId, null, old == null ? 0 : old.instrumentId, clientOrderId,
                RiskRejectReason.UNKNOWN_ORDER, 0, clientOrderId, 0);
        }
        final Instrument instrument = instruments.get(old.instrumentId);
        if (!instrument.isValidQuantity(newQuantity))
        {
            return reject(strategyId, instrument, old.instrumentId, clientOrderId, RiskRejectReason.INVALID_QUANTITY,
                instrument.sizeExponent(), newQuantity, instrument.lotSize());
        }
        if ((old.orderType != OrderType.LIMIT && old.orderType != OrderType.STOP_LIMIT) ||
            !instrument.isValidPrice(newPrice))
        {
            return reject(strategyId, instrument, old.instrumentId, clientOrderId, RiskRejectReason.INVALID_PRICE,
                instrument.priceExponent(), newPrice, instrument.tickSize());
        }
        final long filtered = checkFilters(strategyId, instrument, clientOrderId, newPrice, old.stopPrice, newQuantity, false);
        if (filtered != 0)
        {
            return filtered;
        }
        final long rejected = checkReduceOnly(strategyId, instrument, old.side, newQuantity, old.reduceOnly,
            clientOrderId);
        if (rejected != 0)
        {
            return rejected;
        }
        if (free == 0)
        {
            return reject(strategyId, instrument, old.instrumentId, clientOrderId, RiskRejectReason.MAX_OPEN_ORDERS, 0,
                pool.length, pool.length);
        }
        final long newId = allocateClientOrderId();
        request.set(timeNs, strategyId, instrument, newId, old.side, old.orderType, old.timeInForce, newPrice,
            old.stopPrice, newQuantity, old.postOnly, old.reduceOnly, clientOrderId);
        if (!runPreTradeCheck(strategyId, instrument))
        {
            return -result.reason().value();
        }

        final Order order = pool[--free];
        order.clientOrderId = newId;
        order.strategyId = strategyId;
        order.instrumentId = old.instrumentId;
        order.side = old.side;
        order.orderType = old.orderType;
        order.timeInForce = old.timeInForce;
        order.postOnly = old.postOnly;
        order.reduceOnly = old.reduceOnly;
        order.price = newPrice;
        order.stopPrice = old.stopPrice;
        order.quantity = newQuantity;
        order.status = OrderStatus.PENDING_NEW;
        order.createdNs = timeNs;
        order.updatedNs = timeNs;
        order.replacesClientOrderId = clientOrderId;
        old.replacedByClientOrderId = newId;
        link(order);

        offer(encodeReplace(order, instrument));
        counters.increment(EngineCounters.REPLACES_SENT);
        reserve(instrument);
        preTradeCheck.onOrderSent(request);
        return newId;
    }

    /** Kill switch: requests a cancel of every open order in scope, in creation order; returns how many. */
    public int cancelAll(final Scope scope, final int targetId)
    {
        int count = 0;
        for (Order order = head; order != null; order = order.next)
        {
            final boolean inScope = scope == Scope.GLOBAL ||
                (scope == Scope.STRATEGY && order.strategyId == targetId) ||
                (scope == Scope.INSTRUMENT && order.instrumentId == targetId);
            if (inScope && !order.cancelRequested)
            {
                sendCancel(order);
                count++;
            }
        }
        if (scope == Scope.GLOBAL || scope == Scope.INSTRUMENT)
        {
            // the venue may hold orders the engine does not know (another program, an id lost): it cancels those too
            cancelAllEncoder.wrapAndApplyHeader(outBuffer, 0, headerEncoder)
                .timestampNs(timeNs)
                .scope(scope)
                .instrumentId(scope == Scope.GLOBAL ? 0 : targetId);
            offer(MessageHeaderEncoder.ENCODED_LENGTH + cancelAllEncoder.encodedLength());
            venueCancelAlls.requested(scope == Scope.GLOBAL ? 0 : targetId, timeNs);
        }
        return count;
    }

    /** The venue's answer to cancelling everything on one instrument (a CancelAllResult on the log). */
    public void onCancelAllResult(final int instrumentId)
    {
        venueCancelAlls.answered(instrumentId);
    }

    /** Instruments whose cancel-everything at the venue (the kill switch's) has no answer on the log yet. */
    public int cancelAllsUnanswered()
    {
        return venueCancelAlls.count();
    }

    public void onExecutionReport(final ExecutionReportDecoder report)
    {
        counters.increment(EngineCounters.EXECUTION_REPORTS);
        final Order order = open.get(report.clientOrderId());
        if (order == null)
        {
            counters.increment(EngineCounters.UNKNOWN_ORDER_REPORTS);
            rejectLog.record(timeNs, RejectLog.INPUT, RejectLog.INPUT_UNKNOWN_ORDER, 0, report.instrumentId(),
                report.clientOrderId(), 0, 0);
            return;
        }
        final Instrument instrument = instruments.get(order.instrumentId);
        if (report.instrumentId() != order.instrumentId ||
            report.priceExponent() != instrument.priceExponent() || report.sizeExponent() != instrument.sizeExponent())
        {
            counters.increment(EngineCounters.EXPONENT_MISMATCHES);
            rejectLog.record(timeNs, RejectLog.INPUT, RejectLog.INPUT_EXPONENT_MISMATCH, order.strategyId,
                report.instrumentId(), report.clientOrderId(), report.priceExponent(), instrument.priceExponent());
            return;
        }
        if (report.venueOrderId() != 0)
        {
            order.venueOrderId = report.venueOrderId();
        }
        order.updatedNs = timeNs;
        final ExecType execType = report.execType();
        account.onReport(order.clientOrderId, execType == ExecType.REJECTED ||
            ((execType == ExecType.CANCELED || execType == ExecType.EXPIRED) && order.filledQuantity == 0));

        switch (execType)
        {
            case NEW:
                acknowledge(order);
                listener.onOrderUpdate(order);
                break;
            case TRIGGERED:
                acknowledge(order);
                order.triggered = true;
                listener.onOrderUpdate(order);
                break;
            case PARTIAL_FILL:
            case FILL:
                applyFill(order, instrument, report);
                break;
            case REPLACED:
                acknowledge(order);
                final Order replaced = open.get(order.replacesClientOrderId);
                if (replaced != null)
                {
                    // the venue moved its lock to this order: its reservation goes with the same balances
                    account.onReport(replaced.clientOrderId, false);
                    end(replaced, OrderStatus.CANCELED);
                }
                listener.onOrderUpdate(order);
                break;
            case CANCELED:
                end(order, OrderStatus.CANCELED);
                break;
            case EXPIRED:
                end(order, OrderStatus.EXPIRED);
                break;
            case REJECTED:
                counters.increment(EngineCounters.VENUE_REJECTS);
                final Order original = order.replacesClientOrderId != 0 ? open.get(order.replacesClientOrderId) : null;
                if (original != null)
                {
                    original.replacedByClientOrderId = 0;
                }
                end(order, OrderStatus.REJECTED);
                break;
            default:
                counters.increment(EngineCounters.MALFORMED_INPUTS);
                break;
        }
    }

    /**
     * The answer to a ReconcileOrders after a leader change or a restarted order gateway: an
     * OrdersReconciling with the count, then, in creation order, for every open order:
     * <ul>
     * <li>its OpenOrderState: what the log knows of it, so that a venue session that never sent it
     *     (a restarted gateway) asks the venue what became of it, fills missed while no gateway ran
     *     included, before sending anything again;</li>
     * <li>PENDING_NEW: its NewOrder, or its ReplaceOrder when a replace created it;</li>
     * <li>with a cancel requested: its CancelOrder.</li>
     * </ul>
     * Then a CancelAllOrders (INSTRUMENT scope, the kill switch's log time) for each instrument whose
     * cancel-everything at the venue has no CancelAllResult on the log yet: a kill switch is never
     * left half-done by a lost egress.
     * The old leader's egress may have been lost in the failover; the order gateway sends on only
     * the client order ids it has not seen. Changes no state: every member answers alike, only the
     * leader's egress is read.
     *
     * @return the number of messages after the OrdersReconciling
     */
    public int reconcile(final int requestSourceId, final long requestSequence)
    {
        int count = 0;
        for (Order order = head; order != null; order = order.next)
        {
            count += 1 + (order.status == OrderStatus.PENDING_NEW ? 1 : 0) + (order.cancelRequested ? 1 : 0);
        }
        count += venueCancelAlls.count();
        reconcilingEncoder.wrapAndApplyHeader(outBuffer, 0, headerEncoder)
            .timestampNs(timeNs)
            .requestSourceId(requestSourceId)
            .requestSequence(requestSequence)
            .messageCount(count);
        offer(MessageHeaderEncoder.ENCODED_LENGTH + reconcilingEncoder.encodedLength());
        for (Order order = head; order != null; order = order.next)
        {
            final Instrument instrument = instruments.get(order.instrumentId);
            offer(encodeOpenOrderState(order, instrument));
            if (order.status == OrderStatus.PENDING_NEW)
            {
                offer(order.replacesClientOrderId != 0 ?
                    encodeReplace(order, instrument) : encodeNewOrder(order, instrument));
            }
            if (order.cancelRequested)
            {
                offer(encodeCancel(order, instrument));
            }
        }
        for (int id = venueCancelAlls.next(0); id != 0; id = venueCancelAlls.next(id))
        {
            cancelAllEncoder.wrapAndApplyHeader(outBuffer, 0, headerEncoder)
                .timestampNs(venueCancelAlls.killSwitchNs())
                .scope(Scope.INSTRUMENT)
                .instrumentId(id);
            offer(MessageHeaderEncoder.ENCODED_LENGTH + cancelAllEncoder.encodedLength());
        }
        return count;
    }

    private int encodeOpenOrderState(final Order order, final Instrument instrument)
    {
        openOrderStateEncoder.wrapAndApplyHeader(outBuffer, 0, headerEncoder)
            .venue(instrument.venue())
            .instrumentId(instrument.instrumentId())
            .putSymbol(instrument.symbolBytes(), 0)
            .strategyId(order.strategyId)
            .clientOrderId(order.clientOrderId)
            .side(order.side)
            .orderType(order.orderType)
            .timeInForce(order.timeInForce);
        openOrderStateEncoder.flags().clear().postOnly(order.postOnly).reduceOnly(order.reduceOnly);
        openOrderStateEncoder
            .priceExponent((byte)instrument.priceExponent())
            .sizeExponent((byte)instrument.sizeExponent())
            .price(order.price)
            .quantity(order.quantity)
            .filledQuantity(order.filledQuantity)
            .orderStatus(order.status)
            .timestampNs(order.createdNs)
            .replacesClientOrderId(order.replacesClientOrderId);
        return MessageHeaderEncoder.ENCODED_LENGTH + openOrderStateEncoder.encodedLength();
    }

    private int encodeNewOrder(final Order order, final Instrument instrument)
    {
        newOrderEncoder.wrapAndApplyHeader(outBuffer, 0, headerEncoder)
            .venue(instrument.venue())
            .instrumentId(instrument.instrumentId())
            .putSymbol(instrument.symbolBytes(), 0)
            .strategyId(order.strategyId)
            .clientOrderId(order.clientOrderId)
            .side(order.side)
            .orderType(order.orderType)
            .timeInForce(order.timeInForce);
        final OrderFlagsEncoder flags = newOrderEncoder.flags();
        flags.clear().postOnly(order.postOnly).reduceOnly(order.reduceOnly);
        newOrderEncoder
            .priceExponent((byte)instrument.priceExponent())
            .sizeExponent((byte)instrument.sizeExponent())
            .price(order.price)
            .stopPrice(order.stopPrice)
            .quantity(order.quantity)
            .timestampNs(order.createdNs);
        return MessageHeaderEncoder.ENCODED_LENGTH + newOrderEncoder.encodedLength();
    }

    private int encodeReplace(final Order order, final Instrument instrument)
    {
        replaceEncoder.wrapAndApplyHeader(outBuffer, 0, headerEncoder)
            .venue(instrument.venue())
            .instrumentId(instrument.instrumentId())
            .putSymbol(instrument.symbolBytes(), 0)
            .strategyId(order.strategyId)
            .clientOrderId(order.replacesClientOrderId)
            .newClientOrderId(order.clientOrderId)
            .priceExponent((byte)instrument.priceExponent())
            .sizeExponent((byte)instrument.sizeExponent())
            .price(order.price)
            .quantity(order.quantity)
            .timestampNs(order.createdNs);
        return MessageHeaderEncoder.ENCODED_LENGTH + replaceEncoder.encodedLength();
    }

    private int encodeCancel(final Order order, final Instrument instrument)
    {
        cancelEncoder.wrapAndApplyHeader(outBuffer, 0, headerEncoder)
            .venue(instrument.venue())
            .instrumentId(instrument.instrumentId())
            .putSymbol(instrument.symbolBytes(), 0)
            .strategyId(order.strategyId)
            .clientOrderId(order.clientOrderId)
            .timestampNs(timeNs);
        return MessageHeaderEncoder.ENCODED_LENGTH + cancelEncoder.encodedLength();
    }

    private static void acknowledge(final Order order)
    {
        if (order.status == OrderStatus.PENDING_NEW)
        {
            order.status = OrderStatus.ACKNOWLEDGED;
        }
    }

    private void applyFill(final Order order, final Instrument instrument, final ExecutionReportDecoder report)
    {
        long quantity = report.lastQuantity();
        final long price = report.lastPrice();
        if (quantity <= 0 || price <= 0)
        {
            counters.increment(EngineCounters.MALFORMED_INPUTS);
            return;
        }
        final long leaves = order.quantity - order.filledQuantity;
        if (quantity > leaves)
        {
            counters.increment(EngineCounters.OVERFILLS);
            quantity = leaves;
        }
        if (quantity == 0)
        {
            return;
        }
        final int moneyExponent = portfolio.moneyExponent();
        final long fee = FixedPointMath.rescale(report.fee(), report.feeExponent(), moneyExponent);
        order.filledQuantity += quantity;
        totals.onFill(order, quantity);
        order.filledNotional += FixedPointMath.notional(
            price, instrument.priceExponent(), quantity, instrument.sizeExponent(), moneyExponent);
        order.status = order.filledQuantity >= order.quantity ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        final Position position = portfolio.getOrCreate(order.strategyId, instrument);
        final long realized = position.applyFill(order.side, price, quantity, fee);
        counters.increment(EngineCounters.FILLS);

        final Liquidity liquidity = report.liquidity();
        listener.onFill(order, price, quantity, fee, liquidity);
        preTradeCheck.onFill(order.strategyId, order.instrumentId, order.side, price, quantity, realized,
            portfolio.equity(referencePrices), timeNs);
        listener.onOrderUpdate(order);
        if (order.status == OrderStatus.FILLED)
        {
            release(order);
        }
    }

    private void end(final Order order, final OrderStatus status)
    {
        order.status = status;
        order.updatedNs = timeNs;
        listener.onOrderUpdate(order);
        release(order);
    }

    /** Trading states are the pre-trade check's (the risk library keeps them, by cause); this is order validity. */
    private long checkReduceOnly(
        final int strategyId, final Instrument instrument, final Side side, final long quantity,
        final boolean reduceOnly, final long clientOrderId)
    {
        if (!reduceOnly)
        {
            return 0;
        }
        final long position = portfolio.quantity(strategyId, instrument.instrumentId());
        final boolean reducing = position != 0 && (position > 0) == (side == Side.SELL) &&
            quantity <= Math.abs(position);
        if (!reducing)
        {
            return reject(strategyId, instrument, instrument.instrumentId(), clientOrderId,
                RiskRejectReason.INVALID_QUANTITY, instrument.sizeExponent(), quantity, Math.abs(position));
        }
        return 0;
    }

    private boolean runPreTradeCheck(final int strategyId, final Instrument instrument)
    {
        final int instrumentId = instrument.instrumentId();
        request.exposure(
            portfolio.quantity(strategyId, instrumentId),
            totals.orders(strategyId, 0),
            totals.orders(strategyId, instrumentId),
            totals.quantity(strategyId, instrumentId, Side.BUY),
            totals.quantity(strategyId, instrumentId, Side.SELL),
            referencePrices.markPrice(instrumentId),
            portfolio.equity(referencePrices),
            portfolio.realizedPnl(strategyId) - portfolio.fees(strategyId),
            portfolio.moneyExponent());
        result.reset();
        preTradeCheck.check(request, result);
        if (result.isAccepted())
        {
            return true;
        }
        reject(strategyId, instrument, instrument.instrumentId(), request.clientOrderId(), result.reason(),
            result.valueExponent(), result.observed(), result.limitValue());
        return false;
    }

    /**
     * The instrument's venue filters (Binance's PRICE_FILTER and LOT_SIZE bounds, MIN_NOTIONAL/NOTIONAL,
     * MAX_NUM_ORDERS), so that an order the venue would refuse never leaves. A priceless (market)
     * order's notional is taken at the reference price, as Binance takes its average price; without
     * one the notional is not checked here (pre-trade risk refuses such an order anyway when it has a
     * notional limit). A replace keeps its order's place, so it is not counted against MAX_NUM_ORDERS.
     *
     * @return 0 when the order passes, else the negative reject
     */
    private long checkFilters(
        final int strategyId, final Instrument instrument, final long clientOrderId, final long price,
        final long stopPrice, final long quantity, final boolean isNew)
    {
        final InstrumentFilters filters = instrument.filters();
        final int instrumentId = instrument.instrumentId();
        if (filters == InstrumentFilters.NONE)
        {
            return 0;
        }
        if (price != 0 && (filters.priceBelowMin(price) || filters.priceAboveMax(price)))
        {
            return reject(strategyId, instrument, instrumentId, clientOrderId, RiskRejectReason.FILTER_PRICE,
                instrument.priceExponent(), price, filters.priceBelowMin(price) ? filters.minPrice() : filters.maxPrice());
        }
        if (stopPrice != 0 && (filters.priceBelowMin(stopPrice) || filters.priceAboveMax(stopPrice)))
        {
            return reject(strategyId, instrument, instrumentId, clientOrderId, RiskRejectReason.FILTER_PRICE,
                instrument.priceExponent(), stopPrice,
                filters.priceBelowMin(stopPrice) ? filters.minPrice() : filters.maxPrice());
        }
        if (filters.quantityBelowMin(quantity) || filters.quantityAboveMax(quantity))
        {
            return reject(strategyId, instrument, instrumentId, clientOrderId, RiskRejectReason.FILTER_LOT_SIZE,
                instrument.sizeExponent(), quantity,
                filters.quantityBelowMin(quantity) ? filters.minQuantity() : filters.maxQuantity());
        }
        final long notionalPrice = price != 0 ? price : stopPrice != 0 ? stopPrice : referencePrices.markPrice(instrumentId);
        if (notionalPrice > 0)
        {
            final long scale = instrument.quantityScale();
            final boolean below = filters.notionalBelowMin(notionalPrice, quantity, scale);
            if (below || filters.notionalAboveMax(notionalPrice, quantity, scale))
            {
                // observed: the notional in quote units at the price exponent (saturated: reporting only)
                return reject(strategyId, instrument, instrumentId, clientOrderId, RiskRejectReason.FILTER_NOTIONAL,
                    instrument.priceExponent(), FixedPointMath.mulDiv(notionalPrice, quantity, scale),
                    below ? filters.minNotional() : filters.maxNotional());
            }
        }
        if (isNew && filters.tooManyOrders(totals.orders(0, instrumentId)))
        {
            return reject(strategyId, instrument, instrumentId, clientOrderId, RiskRejectReason.FILTER_MAX_NUM_ORDERS, 0,
                totals.orders(0, instrumentId) + 1, filters.maxNumOrders());
        }
        return 0;
    }

    private long allocateClientOrderId()
    {
        while (open.containsKey(nextClientOrderId))
        {
            nextClientOrderId++;
        }
        return nextClientOrderId++;
    }

    private long reject(
        final int strategyId,
        final Instrument instrument,
        final int instrumentId,
        final long clientOrderId,
        final RiskRejectReason reason,
        final int valueExponent,
        final long observed,
        final long limitValue)
    {
        counters.increment(EngineCounters.ORDER_REJECTS);
        rejectLog.record(timeNs, RejectLog.ORDER, reason.value(), strategyId, instrumentId, clientOrderId, observed,
            limitValue);
        rejectEncoder.wrapAndApplyHeader(outBuffer, 0, headerEncoder)
            .timestampNs(timeNs)
            .strategyId(strategyId)
            .instrumentId(instrumentId);
        if (instrument != null)
        {
            rejectEncoder.putSymbol(instrument.symbolBytes(), 0);
        }
        else
        {
            for (int i = 0; i < Instrument.SYMBOL_LENGTH; i++)
            {
                rejectEncoder.symbol(i, (byte)0);
            }
        }
        rejectEncoder
            .clientOrderId(clientOrderId)
            .reason(reason)
            .valueExponent((byte)valueExponent)
            .observed(observed)
            .limitValue(limitValue);
        offer(MessageHeaderEncoder.ENCODED_LENGTH + rejectEncoder.encodedLength());
        return -reason.value();
    }

    private void offer(final int length)
    {
        if (!output.offer(outBuffer, 0, length))
        {
            counters.increment(EngineCounters.OUTPUT_BACK_PRESSURED);
        }
    }

    private void link(final Order order)
    {
        order.previous = tail;
        order.next = null;
        if (tail == null)
        {
            head = order;
        }
        else
        {
            tail.next = order;
        }
        tail = order;
        open.put(order.clientOrderId, order);
        totals.onOpen(order);
    }

    private void release(final Order order)
    {
        if (open.remove(order.clientOrderId) == null)
        {
            return;
        }
        totals.onClose(order);
        if (order.previous == null)
        {
            head = order.next;
        }
        else
        {
            order.previous.next = order.next;
        }
        if (order.next == null)
        {
            tail = order.previous;
        }
        else
        {
            order.next.previous = order.previous;
        }
        order.reset();
        pool[free++] = order;
    }

    public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putLong(offset, nextClientOrderId, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + 8, open.size(), ByteOrder.LITTLE_ENDIAN);
        int pos = offset + 12;
        for (Order order = head; order != null; order = order.next)
        {
            pos += order.snapshotTo(buffer, pos);
        }
        pos += venueCancelAlls.snapshotTo(buffer, pos);
        return pos - offset;
    }

    public int restoreFrom(final DirectBuffer buffer, final int offset)
    {
        while (head != null)
        {
            release(head);
        }
        nextClientOrderId = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        final int count = buffer.getInt(offset + 8, ByteOrder.LITTLE_ENDIAN);
        if (count > pool.length)
        {
            throw new IllegalStateException("snapshot has " + count + " open orders, capacity " + pool.length);
        }
        int pos = offset + 12;
        for (int i = 0; i < count; i++)
        {
            final Order order = pool[--free];
            order.restoreFrom(buffer, pos);
            pos += Order.SNAPSHOT_LENGTH;
            link(order);
        }
        pos += venueCancelAlls.restoreFrom(buffer, pos);
        return pos - offset;
    }
}
