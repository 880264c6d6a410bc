package io.ferrum.gateway.sim.venue;

import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.CancelAllResultEncoder;
import io.ferrum.codecs.sbe.CancelOrderDecoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportEncoder;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.ReplaceOrderDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.book.OrderBook;
import io.ferrum.engine.book.PriceLadder;
import io.ferrum.engine.instrument.FixedPointMath;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.gateway.venue.VenueAdapter;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The simulated venue's fill model (E5), a pure class: orders in (NewOrder, CancelOrder,
 * ReplaceOrder as the engine sends them), market data in, ExecutionReports out. No clock, no
 * thread: the caller passes time, so a backtest and the live simulator fill the same way.
 * <ul>
 * <li>Latency: an order action takes effect {@code latencyNs} after it was received, at the first
 * {@link #poll(long)} at or after that time.</li>
 * <li>Market orders (and triggered stop-markets) walk the opposite side of the book level by level,
 * one fill per level; what the book cannot fill expires. FOK expires unless the whole quantity is
 * available. The book is the engine's and is not depleted by simulated fills.</li>
 * <li>Limit orders that cross take liquidity the same way up to their limit price (post-only ones are
 * rejected instead); the rest of a GTC order rests, IOC/FOK rest never.</li>
 * <li>Queue position: a resting order starts behind the quantity shown at its price. Trades at its
 * price eat the queue ahead first, then fill it; a trade through its price fills it completely when
 * it sat at or behind the market's best price (the trade swept its price), but only by the trade's
 * quantity when it improved on the market's best price; a book whose opposite side moves through
 * it fills it completely. When the shown quantity at its price drops below the queue ahead
 * (cancels), the queue ahead shrinks to it.</li>
 * <li>Fees: notional * feePpm / 1 000 000 at the fee exponent, maker or taker rate (negative is a rebate).</li>
 * <li>Accounts (when {@link Context#startBalances} is given): spot balances per asset ({@link SpotAccounts});
 * an order the free balance cannot cover is REJECTED with {@link #INSUFFICIENT_BALANCE} and a market buy
 * fills only what the balance pays for, so no balance goes below zero.</li>
 * <li>Kill switch ({@link #cancelAll}): a CancelAllResult per instrument in scope, cancelling nothing of its
 * own: the paper venue holds only the engine's orders, which the engine's cancels (ahead of it) cover.</li>
 * </ul>
 */
public final class SimulatedVenue implements VenueAdapter
{
    private static final int NEW = 1;
    private static final int CANCEL = 2;
    private static final int REPLACE = 3;
    /** Binance's code for an order the account cannot pay for ("Account has insufficient balance for requested action."). */
    public static final int INSUFFICIENT_BALANCE = -2010;

    private final Context context;
    private final InstrumentRegistry instruments;
    private final BookSource books;
    private final EngineOutput reports;

    private final VenueOrder[] pool;
    private int free;
    private final VenueOrder[] live;
    private int liveCount;
    private final Long2ObjectHashMap<VenueOrder> byClientOrderId;

    // FIFO of pending actions (constant latency keeps it in time order).
    private final int[] actionKind;
    private final long[] actionTime;
    private final long[] actionId;
    private final long[] actionNewId;
    private final long[] actionPrice;
    private final long[] actionQuantity;
    private final int[] actionInstrument;
    private long actionHead;
    private long actionTail;

    private long sequence;
    private long nextVenueOrderId = 1;
    private long nextTradeId = 1;
    private long droppedActions;
    private long unknownCancels;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceOrder = new ReplaceOrderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final AggTradeDecoder aggTrade = new AggTradeDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ExecutionReportEncoder report = new ExecutionReportEncoder();
    private final CancelAllResultEncoder cancelAllResult = new CancelAllResultEncoder();
    private final UnsafeBuffer reportBuffer = new UnsafeBuffer(new byte[256]);
    /** Stands in for an order no longer at the venue when a replace of it is refused. */
    private final VenueOrder gone = new VenueOrder();
    private final SpotAccounts accounts;
    private final long maxFeePpm;

    public SimulatedVenue(
        final Context context, final InstrumentRegistry instruments, final BookSource books, final EngineOutput reports)
    {
        context.conclude();
        this.context = context;
        this.sequence = context.firstSequence - 1;
        this.instruments = instruments;
        this.books = books;
        this.reports = reports;
        final int capacity = context.maxOrders;
        this.pool = new VenueOrder[capacity];
        for (int i = 0; i < capacity; i++)
        {
            pool[i] = new VenueOrder();
        }
        this.free = capacity;
        this.live = new VenueOrder[capacity];
        this.byClientOrderId = new Long2ObjectHashMap<>(capacity * 2, 0.5f);
        final int actions = context.maxPendingActions;
        this.actionKind = new int[actions];
        this.actionTime = new long[actions];
        this.actionId = new long[actions];
        this.actionNewId = new long[actions];
        this.actionPrice = new long[actions];
        this.actionQuantity = new long[actions];
        this.actionInstrument = new int[actions];
        this.accounts = context.startBalances == null ? null :
            new SpotAccounts(instruments, context.startBalances, context.feeExponent);
        this.maxFeePpm = Math.max(context.makerFeePpm, context.takerFeePpm);
    }

    /** The spot account, or null when the venue keeps none (no {@link Context#startBalances}). */
    public SpotAccounts accounts()
    {
        return accounts;
    }

    public int openOrders()
    {
        return liveCount;
    }

    public long droppedActions()
    {
        return droppedActions;
    }

    public long unknownCancels()
    {
        return unknownCancels;
    }

    /** Reports emitted so far. */
    public long reportsSent()
    {
        return sequence - (context.firstSequence - 1);
    }

    /**
     * Takes an engine output message; NewOrder, CancelOrder and ReplaceOrder are queued to act
     * after the latency, anything else is ignored.
     */
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
                acceptNew(nowNs);
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                cancelOrder.wrapAndApplyHeader(buffer, offset, header);
                enqueue(CANCEL, nowNs, cancelOrder.clientOrderId(), 0, 0, 0, cancelOrder.instrumentId());
                break;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                replaceOrder.wrapAndApplyHeader(buffer, offset, header);
                enqueue(REPLACE, nowNs, replaceOrder.clientOrderId(), replaceOrder.newClientOrderId(),
                    replaceOrder.price(), replaceOrder.quantity(), replaceOrder.instrumentId());
                break;
            default:
                break;
        }
    }

    private void acceptNew(final long nowNs)
    {
        final Instrument instrument = instruments.get(newOrder.instrumentId());
        final long id = newOrder.clientOrderId();
        if (instrument == null || free == 0 || byClientOrderId.containsKey(id))
        {
            droppedActions++;
            return;
        }
        final VenueOrder order = pool[--free];
        order.clientOrderId = id;
        order.venueOrderId = 0;
        order.instrumentId = instrument.instrumentId();
        order.side = newOrder.side();
        order.orderType = newOrder.orderType();
        order.timeInForce = newOrder.timeInForce();
        order.postOnly = newOrder.flags().postOnly();
        order.price = newOrder.price();
        order.stopPrice = newOrder.stopPrice();
        order.quantity = newOrder.quantity();
        order.filled = 0;
        order.queueAhead = 0;
        order.resting = false;
        order.triggered = false;
        byClientOrderId.put(id, order);
        enqueue(NEW, nowNs, id, 0, 0, 0, order.instrumentId);
    }

    private void enqueue(
        final int kind, final long nowNs, final long id, final long newId, final long price, final long quantity,
        final int instrumentId)
    {
        if (actionTail - actionHead == actionKind.length)
        {
            droppedActions++;
            return;
        }
        final int slot = (int)(actionTail++ % actionKind.length);
        actionKind[slot] = kind;
        actionTime[slot] = nowNs + context.latencyNs;
        actionId[slot] = id;
        actionNewId[slot] = newId;
        actionPrice[slot] = price;
        actionQuantity[slot] = quantity;
        actionInstrument[slot] = instrumentId;
    }

    /** Applies every action whose latency has elapsed by {@code nowNs}; returns how many. */
    public int poll(final long nowNs)
    {
        int applied = 0;
        while (actionHead < actionTail)
        {
            final int slot = (int)(actionHead % actionKind.length);
            if (actionTime[slot] > nowNs)
            {
                return applied;
            }
            actionHead++;
            applied++;
            switch (actionKind[slot])
            {
                case NEW:
                    activate(actionId[slot], nowNs);
                    break;
                case CANCEL:
                    cancel(actionId[slot], nowNs);
                    break;
                default:
                    replace(actionId[slot], actionNewId[slot], actionPrice[slot], actionQuantity[slot],
                        actionInstrument[slot], nowNs);
                    break;
            }
        }
        return applied;
    }

    /**
     * Market data as it goes on the log: trades and book updates move resting orders. Call after the engine applied it.
     * Without a live order there is nothing to move, and the message is not even decoded.
     */
    /**
     * The kill switch at the venue: answered for each instrument in scope, so that the log shows it done (the
     * engine asks for it again in every reconcile answer until it is).
     */
    public void cancelAll(final int instrumentId, final long nowNs)
    {
        for (final Instrument instrument : instruments.instruments())
        {
            if (0 == instrumentId || instrument.instrumentId() == instrumentId)
            {
                cancelAllResult.wrapAndApplyHeader(reportBuffer, 0, headerEncoder);
                cancelAllResult.source().sourceId(context.sourceId).sequence(++sequence).eventTimeNs(nowNs)
                    .receiveTimeNs(nowNs);
                cancelAllResult.venue(instrument.venue())
                    .instrumentId(instrument.instrumentId())
                    .putSymbol(instrument.symbolBytes(), 0)
                    .venueErrorCode(0)
                    .ordersCount(0);
                reports.offer(reportBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + cancelAllResult.encodedLength());
            }
        }
    }

    public void onMarketData(final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (liveCount == 0 || length < MessageHeaderDecoder.ENCODED_LENGTH)
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
            case TradeDecoder.TEMPLATE_ID:
                trade.wrapAndApplyHeader(buffer, offset, header);
                onTrade(trade.instrumentId(), trade.price(), trade.quantity(), nowNs);
                break;
            case AggTradeDecoder.TEMPLATE_ID:
                aggTrade.wrapAndApplyHeader(buffer, offset, header);
                onTrade(aggTrade.instrumentId(), aggTrade.price(), aggTrade.quantity(), nowNs);
                break;
            case BookSnapshotDecoder.TEMPLATE_ID:
                onBookUpdate(buffer.getInt(offset + MessageHeaderDecoder.ENCODED_LENGTH +
                    BookSnapshotDecoder.instrumentIdEncodingOffset(), java.nio.ByteOrder.LITTLE_ENDIAN), nowNs);
                break;
            case BookDeltaDecoder.TEMPLATE_ID:
                onBookUpdate(buffer.getInt(offset + MessageHeaderDecoder.ENCODED_LENGTH +
                    BookDeltaDecoder.instrumentIdEncodingOffset(), java.nio.ByteOrder.LITTLE_ENDIAN), nowNs);
                break;
            default:
                break;
        }
    }

    /**
     * A venue trade: triggers stops, eats queues, fills resting orders it trades through. A trade
     * through an order that sat at or behind the market's best price swept that price: the order
     * fills completely. A trade through an order that improved on the market's best price (a price
     * the market's book does not show) only brought the trade's own quantity: the aggressor would
     * have met that order first, for no more than it traded. Within one trade, the quantity that
     * fills improving orders or comes after the queue at a price is shared by our orders in arrival
     * order, so one small trade never fills more than its size.
     */
    public void onTrade(final int instrumentId, final long price, final long quantity, final long nowNs)
    {
        final OrderBook book = books.book(instrumentId);
        long remaining = quantity;
        for (int i = 0; i < liveCount; i++)
        {
            final VenueOrder order = live[i];
            if (order.instrumentId != instrumentId || !order.resting)
            {
                continue;
            }
            if (order.isStop() && !order.triggered)
            {
                final boolean trigger = order.side == Side.BUY ? price >= order.stopPrice : price <= order.stopPrice;
                if (trigger)
                {
                    order.triggered = true;
                    send(order, ExecType.TRIGGERED, OrderStatus.ACKNOWLEDGED, 0, 0, 0, null, nowNs);
                    if (executeAggressively(order, nowNs))
                    {
                        i--; // the order left the live array: revisit this slot
                    }
                }
                continue;
            }
            if (order.orderType == OrderType.MARKET || order.orderType == OrderType.STOP_MARKET)
            {
                continue;
            }
            final boolean through = order.side == Side.BUY ? price < order.price : price > order.price;
            final boolean atPrice = price == order.price;
            if (through && !improves(order, book))
            {
                fill(order, order.price, order.leaves(), Liquidity.MAKER, nowNs);
            }
            else if (through)
            {
                final long filled = Math.min(remaining, order.leaves());
                fill(order, order.price, filled, Liquidity.MAKER, nowNs);
                remaining -= filled;
            }
            else if (atPrice)
            {
                final long eaten = Math.min(order.queueAhead, quantity);
                order.queueAhead -= eaten;
                final long filled = Math.min(Math.min(quantity - eaten, remaining), order.leaves());
                fill(order, order.price, filled, Liquidity.MAKER, nowNs);
                remaining -= filled;
            }
            if (order.leaves() == 0)
            {
                remove(order);
                i--;
            }
        }
    }

    /** Whether a resting order's price is better than the best the market's book shows on its side. */
    private static boolean improves(final VenueOrder order, final OrderBook book)
    {
        if (book == null)
        {
            return false;
        }
        final PriceLadder own = order.side == Side.BUY ? book.bids() : book.asks();
        return own.isEmpty() || (order.side == Side.BUY ? own.bestPrice() < order.price : own.bestPrice() > order.price);
    }

    /** The engine's book of an instrument changed: resting orders crossed by it fill, queues shrink to what is shown. */
    public void onBookUpdate(final int instrumentId, final long nowNs)
    {
        final OrderBook book = books.book(instrumentId);
        if (book == null)
        {
            return;
        }
        for (int i = 0; i < liveCount; i++)
        {
            final VenueOrder order = live[i];
            if (order.instrumentId != instrumentId || !order.resting || (order.isStop() && !order.triggered) ||
                order.orderType == OrderType.MARKET || order.orderType == OrderType.STOP_MARKET)
            {
                continue;
            }
            final PriceLadder opposite = order.side == Side.BUY ? book.asks() : book.bids();
            final boolean crossed = !opposite.isEmpty() &&
                (order.side == Side.BUY ? opposite.bestPrice() <= order.price : opposite.bestPrice() >= order.price);
            if (crossed && !book.isCrossed())
            {
                fill(order, order.price, order.leaves(), Liquidity.MAKER, nowNs);
                remove(order);
                i--;
                continue;
            }
            final PriceLadder own = order.side == Side.BUY ? book.bids() : book.asks();
            order.queueAhead = Math.min(order.queueAhead, own.quantityAt(order.price));
        }
    }

    private void activate(final long clientOrderId, final long nowNs)
    {
        final VenueOrder order = byClientOrderId.get(clientOrderId);
        if (order == null)
        {
            return;
        }
        order.venueOrderId = nextVenueOrderId++;
        live[liveCount++] = order;
        final OrderBook book = books.book(order.instrumentId);
        if (book == null)
        {
            send(order, ExecType.REJECTED, OrderStatus.REJECTED, 0, 0, 0, null, nowNs);
            remove(order);
            return;
        }
        if (order.postOnly && crosses(order, book))
        {
            send(order, ExecType.REJECTED, OrderStatus.REJECTED, 0, 0, 0, null, nowNs);
            remove(order);
            return;
        }
        if (accounts != null && !accounts.reserve(order, instruments.get(order.instrumentId), maxFeePpm))
        {
            send(order, ExecType.REJECTED, OrderStatus.REJECTED, 0, 0, 0, null, INSUFFICIENT_BALANCE, nowNs);
            remove(order);
            return;
        }
        send(order, ExecType.NEW, OrderStatus.ACKNOWLEDGED, 0, 0, 0, null, nowNs);
        if (order.isStop())
        {
            order.resting = true;
            return;
        }
        executeAggressively(order, nowNs);
    }

    /**
     * Takes what the book offers up to the order's limit (no limit for market orders), then rests
     * a GTC limit or expires the rest.
     *
     * @return true when the order is no longer live
     */
    private boolean executeAggressively(final VenueOrder order, final long nowNs)
    {
        final OrderBook book = books.book(order.instrumentId);
        final PriceLadder opposite = order.side == Side.BUY ? book.asks() : book.bids();
        final boolean market = order.orderType == OrderType.MARKET || order.orderType == OrderType.STOP_MARKET;
        if (order.timeInForce == TimeInForce.FOK && available(order, opposite, market) < order.leaves())
        {
            send(order, ExecType.EXPIRED, OrderStatus.EXPIRED, 0, 0, 0, null, nowNs);
            remove(order);
            return true;
        }
        for (int level = 0; level < opposite.size() && order.leaves() > 0; level++)
        {
            final long price = opposite.price(level);
            if (!market && !marketable(order, price))
            {
                break;
            }
            long quantity = Math.min(order.leaves(), opposite.quantity(level));
            if (accounts != null && market)
            {
                quantity = accounts.affordable(order, instruments.get(order.instrumentId), price, quantity,
                    context.takerFeePpm);
                if (quantity == 0)
                {
                    break; // the rest expires: the account pays for no more
                }
            }
            fill(order, price, quantity, Liquidity.TAKER, nowNs);
        }
        if (order.leaves() == 0)
        {
            remove(order);
            return true;
        }
        if (market || order.timeInForce != TimeInForce.GTC)
        {
            send(order, ExecType.EXPIRED, OrderStatus.EXPIRED, 0, 0, 0, null, nowNs);
            remove(order);
            return true;
        }
        order.resting = true;
        final PriceLadder own = order.side == Side.BUY ? book.bids() : book.asks();
        order.queueAhead = own.quantityAt(order.price);
        return false;
    }

    private static long available(final VenueOrder order, final PriceLadder opposite, final boolean market)
    {
        long total = 0;
        for (int level = 0; level < opposite.size(); level++)
        {
            if (!market && !marketable(order, opposite.price(level)))
            {
                break;
            }
            total += opposite.quantity(level);
        }
        return total;
    }

    private static boolean marketable(final VenueOrder order, final long oppositePrice)
    {
        return order.side == Side.BUY ? oppositePrice <= order.price : oppositePrice >= order.price;
    }

    private static boolean crosses(final VenueOrder order, final OrderBook book)
    {
        final PriceLadder opposite = order.side == Side.BUY ? book.asks() : book.bids();
        return !opposite.isEmpty() && marketable(order, opposite.bestPrice());
    }

    private void cancel(final long clientOrderId, final long nowNs)
    {
        final VenueOrder order = byClientOrderId.get(clientOrderId);
        if (order == null || order.venueOrderId == 0)
        {
            unknownCancels++;
            return;
        }
        send(order, ExecType.CANCELED, OrderStatus.CANCELED, 0, 0, 0, null, nowNs);
        remove(order);
    }

    private void replace(
        final long clientOrderId, final long newClientOrderId, final long price, final long quantity,
        final int instrumentId, final long nowNs)
    {
        final VenueOrder old = byClientOrderId.get(clientOrderId);
        if (old == null || old.venueOrderId == 0 || !old.resting || free == 0 ||
            byClientOrderId.containsKey(newClientOrderId))
        {
            rejectReplace(newClientOrderId, old, instrumentId, nowNs);
            return;
        }
        final VenueOrder order = pool[--free];
        order.clientOrderId = newClientOrderId;
        order.venueOrderId = nextVenueOrderId++;
        order.instrumentId = old.instrumentId;
        order.side = old.side;
        order.orderType = old.orderType;
        order.timeInForce = old.timeInForce;
        order.postOnly = old.postOnly;
        order.price = price;
        order.stopPrice = old.stopPrice;
        order.quantity = quantity;
        order.filled = 0;
        order.resting = false;
        order.triggered = old.triggered;
        final OrderBook book = books.book(order.instrumentId);
        if (order.postOnly && crosses(order, book))
        {
            send(order, ExecType.REJECTED, OrderStatus.REJECTED, 0, 0, 0, null, nowNs);
            pool[free++] = order;
            return;
        }
        if (accounts != null && !accounts.reserve(order, instruments.get(order.instrumentId), maxFeePpm, old))
        {
            send(order, ExecType.REJECTED, OrderStatus.REJECTED, 0, 0, 0, null, INSUFFICIENT_BALANCE, nowNs);
            pool[free++] = order;
            return;
        }
        remove(old);
        byClientOrderId.put(newClientOrderId, order);
        live[liveCount++] = order;
        send(order, ExecType.REPLACED, OrderStatus.ACKNOWLEDGED, 0, 0, 0, null, nowNs);
        if (order.isStop() && !order.triggered)
        {
            order.resting = true;
            return;
        }
        executeAggressively(order, nowNs);
    }

    /**
     * Refuses a replace with a REJECTED report for its new client order id, as a venue answers a
     * cancel-replace it cannot apply. The order may have filled or been cancelled while the replace
     * was on its way: the engine must still hear back, or it waits on the replacement forever (its
     * strategy, a market maker, then stops quoting that side).
     */
    private void rejectReplace(final long newClientOrderId, final VenueOrder old, final int instrumentId, final long nowNs)
    {
        final VenueOrder subject = old != null ? old : gone;
        if (old == null)
        {
            if (instruments.get(instrumentId) == null)
            {
                unknownCancels++;
                return;
            }
            gone.instrumentId = instrumentId;
            gone.venueOrderId = 0;
            gone.side = Side.NULL_VAL;
            gone.quantity = 0;
            gone.filled = 0;
        }
        final long savedId = subject.clientOrderId;
        subject.clientOrderId = newClientOrderId;
        send(subject, ExecType.REJECTED, OrderStatus.REJECTED, 0, 0, 0, null, nowNs);
        subject.clientOrderId = savedId;
    }

    private void fill(
        final VenueOrder order, final long price, final long quantity, final Liquidity liquidity, final long nowNs)
    {
        if (quantity <= 0)
        {
            return;
        }
        order.filled += quantity;
        final Instrument instrument = instruments.get(order.instrumentId);
        final long notional = FixedPointMath.notional(
            price, instrument.priceExponent(), quantity, instrument.sizeExponent(), context.feeExponent);
        final long ppm = liquidity == Liquidity.MAKER ? context.makerFeePpm : context.takerFeePpm;
        final long fee = FixedPointMath.mulDiv(notional, ppm, 1_000_000L);
        if (accounts != null)
        {
            accounts.onFill(order, instrument, notional, quantity, fee);
        }
        final boolean done = order.leaves() == 0;
        send(order, done ? ExecType.FILL : ExecType.PARTIAL_FILL,
            done ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED, price, quantity, fee, liquidity, nowNs);
    }

    private void send(
        final VenueOrder order, final ExecType execType, final OrderStatus status, final long lastPrice,
        final long lastQuantity, final long fee, final Liquidity liquidity, final long nowNs)
    {
        send(order, execType, status, lastPrice, lastQuantity, fee, liquidity, context.rejectCode, nowNs);
    }

    private void send(
        final VenueOrder order, final ExecType execType, final OrderStatus status, final long lastPrice,
        final long lastQuantity, final long fee, final Liquidity liquidity, final int rejectCode, final long nowNs)
    {
        final Instrument instrument = instruments.get(order.instrumentId);
        report.wrapAndApplyHeader(reportBuffer, 0, headerEncoder);
        report.source().sourceId(context.sourceId).sequence(++sequence).eventTimeNs(nowNs).receiveTimeNs(nowNs);
        report.venue(instrument.venue())
            .instrumentId(instrument.instrumentId())
            .putSymbol(instrument.symbolBytes(), 0)
            .clientOrderId(order.clientOrderId)
            .venueOrderId(order.venueOrderId)
            .execType(execType)
            .orderStatus(status)
            .side(order.side)
            .priceExponent((byte)instrument.priceExponent())
            .sizeExponent((byte)instrument.sizeExponent())
            .lastPrice(lastPrice)
            .lastQuantity(lastQuantity)
            .cumulativeQuantity(order.filled)
            .leavesQuantity(isOpen(status) ? order.leaves() : 0)
            .feeExponent((byte)context.feeExponent)
            .fee(fee)
            .liquidity(liquidity == null ? Liquidity.NULL_VAL : liquidity)
            .tradeId(lastQuantity > 0 ? nextTradeId++ : 0)
            .venueRejectCode(execType == ExecType.REJECTED ? rejectCode : 0);
        reports.offer(reportBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + report.encodedLength());
    }

    private void remove(final VenueOrder order)
    {
        for (int i = 0; i < liveCount; i++)
        {
            if (live[i] == order)
            {
                // Shift, not swap: keeps the live array in arrival order, the order fills are checked in.
                System.arraycopy(live, i + 1, live, i, liveCount - i - 1);
                live[--liveCount] = null;
                break;
            }
        }
        if (byClientOrderId.get(order.clientOrderId) == order)
        {
            byClientOrderId.remove(order.clientOrderId);
        }
        if (accounts != null)
        {
            accounts.release(order);
        }
        pool[free++] = order;
    }

    private static boolean isOpen(final OrderStatus status)
    {
        return status == OrderStatus.ACKNOWLEDGED || status == OrderStatus.PARTIALLY_FILLED;
    }

    /** Configures the venue. */
    public static final class Context
    {
        private int sourceId = 100;
        private long firstSequence;
        private long latencyNs;
        private long makerFeePpm = 1_000;
        private long takerFeePpm = 1_000;
        private int feeExponent = -8;
        private int maxOrders = 4096;
        private int maxPendingActions = 4096;
        private int rejectCode = -2010;
        private java.util.Map<String, String> startBalances;

        /** Source id stamped on every ExecutionReport (its sequence counts up from {@link #firstSequence}). */
        public Context sourceId(final int sourceId)
        {
            this.sourceId = sourceId;
            return this;
        }

        /**
         * Source sequence of the first report; 0 (unset) is 1. A live venue that may be restarted
         * must start above every sequence its previous run stamped, or the engine drops its reports
         * as duplicates: {@code OrderGateway} sets it to its start time in epoch nanoseconds.
         */
        public Context firstSequence(final long firstSequence)
        {
            this.firstSequence = firstSequence;
            return this;
        }

        public long firstSequence()
        {
            return firstSequence;
        }

        /** Time from receiving an order action to its effect. */
        public Context latencyNs(final long latencyNs)
        {
            this.latencyNs = latencyNs;
            return this;
        }

        /** Maker fee in parts per million of notional (Binance's 0.1% is 1000); negative for a rebate. */
        public Context makerFeePpm(final long makerFeePpm)
        {
            this.makerFeePpm = makerFeePpm;
            return this;
        }

        public Context takerFeePpm(final long takerFeePpm)
        {
            this.takerFeePpm = takerFeePpm;
            return this;
        }

        public Context feeExponent(final int feeExponent)
        {
            this.feeExponent = feeExponent;
            return this;
        }

        public Context maxOrders(final int maxOrders)
        {
            this.maxOrders = maxOrders;
            return this;
        }

        public Context maxPendingActions(final int maxPendingActions)
        {
            this.maxPendingActions = maxPendingActions;
            return this;
        }

        /** venueRejectCode on REJECTED reports (Binance's -2010 "order would immediately match" by default). */
        public Context rejectCode(final int rejectCode)
        {
            this.rejectCode = rejectCode;
            return this;
        }

        /**
         * Keeps a spot account ({@link SpotAccounts}) starting with these free balances per asset (decimal
         * text; unnamed assets start at 0); null (the default) keeps none: every order is paid for.
         */
        public Context startBalances(final java.util.Map<String, String> startBalances)
        {
            this.startBalances = startBalances == null ? null : java.util.Map.copyOf(startBalances);
            return this;
        }

        public Context conclude()
        {
            if (latencyNs < 0 || maxOrders <= 0 || maxPendingActions <= 0 || feeExponent < -18 || feeExponent > 0 ||
                firstSequence < 0)
            {
                throw new IllegalStateException("invalid simulated venue configuration");
            }
            if (0 == firstSequence)
            {
                firstSequence = 1;
            }
            return this;
        }
    }
}
