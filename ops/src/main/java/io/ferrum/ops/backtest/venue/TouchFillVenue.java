package io.ferrum.ops.backtest.venue;

import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
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
import io.ferrum.ops.backtest.Money;
import io.ferrum.ops.backtest.VenueModel;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;

/**
 * The backtest's venue until the engine's own fill model lands: fills against the top of
 * the book. Formulas in docs/backtesting.md ("Venue model").
 * <ul>
 * <li>Market orders (and the marketable part of limits) take the touch; quantity beyond
 * the displayed top size walks an assumed book whose every further level holds the top
 * size again, {@code impactCentiBps} worse each. Without quotes, the reference is the last
 * trade and the touch is that price plus or minus {@code halfSpreadCentiBps}, and the
 * whole order fills there. The 64th level takes whatever is left.</li>
 * <li>Resting limits join the back of their level's queue: the displayed size ahead when
 * they join at the touch, nothing ahead when they improve it, the top size otherwise.
 * Trades at the level eat the queue ahead first; a trade through the level or a quote
 * crossing it fills the rest, at the limit price, as maker.</li>
 * <li>A replace gives a resting limit a new id, price and quantity; it joins the back of
 * its queue again, and trades at once if it now crosses.</li>
 * <li>Fees from a {@link FeeSchedule}, charged on every fill in quote currency.</li>
 * </ul>
 * No allocation per market event; orders come from a pool.
 */
public final class TouchFillVenue implements VenueModel
{
    /** Money exponent of fees in reports: quote currency at 10^-8. */
    public static final int FEE_EXPONENT = -8;
    private static final int REPORT_SOURCE_ID = 901;
    /** Deepest assumed level; what is left there fills at its price. */
    private static final int MAX_LEVELS = 64;

    private final Reports reports;
    private final FeeSchedule fees;
    private final long impactCentiBps;
    private final long halfSpreadCentiBps;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancel = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replace = new ReplaceOrderDecoder();
    private final BestBidAskDecoder quote = new BestBidAskDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final AggTradeDecoder aggTrade = new AggTradeDecoder();
    private final BookSnapshotDecoder snapshot = new BookSnapshotDecoder();
    private final BookDeltaDecoder delta = new BookDeltaDecoder();
    private final ExecutionReportEncoder report = new ExecutionReportEncoder();
    private final MessageHeaderEncoder reportHeader = new MessageHeaderEncoder();
    private final ExpandableDirectByteBuffer reportBuffer = new ExpandableDirectByteBuffer(256);
    private final Int2ObjectHashMap<Market> markets = new Int2ObjectHashMap<>();
    private final Long2ObjectHashMap<RestingOrder> resting = new Long2ObjectHashMap<>();
    private final ArrayDeque<RestingOrder> pool = new ArrayDeque<>();
    private long reportSequence;
    private long venueOrderIds;
    private long tradeIds;

    public TouchFillVenue(
        final Reports reports, final FeeSchedule fees, final long impactCentiBps, final long halfSpreadCentiBps)
    {
        this.reports = reports;
        this.fees = fees;
        this.impactCentiBps = impactCentiBps;
        this.halfSpreadCentiBps = halfSpreadCentiBps;
    }

    public void onOrder(final DirectBuffer buffer, final int offset, final int length, final long timestampNs)
    {
        header.wrap(buffer, offset);
        switch (header.templateId())
        {
            case NewOrderDecoder.TEMPLATE_ID -> onNewOrder(buffer, offset, timestampNs);
            case CancelOrderDecoder.TEMPLATE_ID ->
            {
                cancel.wrapAndApplyHeader(buffer, offset, header);
                final RestingOrder order = resting.remove(cancel.clientOrderId());
                if (order == null)
                {
                    rejectUnknown(cancel.clientOrderId(), cancel.instrumentId(), timestampNs);
                }
                else
                {
                    send(order, ExecType.CANCELED, OrderStatus.CANCELED, 0, 0, 0, Liquidity.MAKER, timestampNs);
                    pool.addLast(order);
                }
            }
            case ReplaceOrderDecoder.TEMPLATE_ID -> onReplace(buffer, offset, timestampNs);
            default ->
            {
                // RiskReject, telemetry: nothing for the venue to do
            }
        }
    }

    /**
     * Cancel-replace of a resting limit: it takes the new id, price and quantity, loses its
     * queue position (joins the back again) and trades at once if it now crosses.
     */
    private void onReplace(final DirectBuffer buffer, final int offset, final long timestampNs)
    {
        replace.wrapAndApplyHeader(buffer, offset, header);
        final RestingOrder order = resting.remove(replace.clientOrderId());
        final Market market = order == null ? null : markets.get(order.instrumentId);
        if (order == null || market == null || replace.quantity() <= order.filled || replace.price() <= 0 ||
            replace.priceExponent() != order.priceExponent || replace.sizeExponent() != order.sizeExponent)
        {
            if (order != null)
            {
                resting.put(order.clientOrderId, order); // a refused replace leaves the order as it was
            }
            rejectUnknown(replace.newClientOrderId(), replace.instrumentId(), timestampNs);
            return;
        }
        order.clientOrderId = replace.newClientOrderId();
        order.price = replace.price();
        order.quantity = replace.quantity();
        send(order, ExecType.REPLACED, OrderStatus.ACKNOWLEDGED, 0, 0, 0, Liquidity.MAKER, timestampNs);
        takeLiquidity(order, market, timestampNs);
        if (order.filled == order.quantity)
        {
            pool.addLast(order);
            return;
        }
        final long touch = order.buy ? market.bid : market.ask;
        order.queueAhead = order.price == touch ? (order.buy ? market.bidSize : market.askSize) :
            (order.buy ? order.price > touch : order.price < touch) ? 0 : Math.max(market.bidSize, market.askSize);
        resting.put(order.clientOrderId, order);
    }

    private void onNewOrder(final DirectBuffer buffer, final int offset, final long timestampNs)
    {
        newOrder.wrapAndApplyHeader(buffer, offset, header);
        final RestingOrder order = pool.isEmpty() ? new RestingOrder() : pool.pollLast();
        order.clientOrderId = newOrder.clientOrderId();
        order.venueOrderId = ++venueOrderIds;
        order.instrumentId = newOrder.instrumentId();
        order.buy = newOrder.side() == Side.BUY;
        order.limit = newOrder.orderType() == OrderType.LIMIT;
        order.price = newOrder.price();
        order.priceExponent = newOrder.priceExponent();
        order.sizeExponent = newOrder.sizeExponent();
        order.quantity = newOrder.quantity();
        order.filled = 0;
        for (int i = 0; i < 16; i++)
        {
            order.symbol[i] = newOrder.symbol(i);
        }
        final Market market = markets.get(order.instrumentId);
        if (order.quantity <= 0 || (order.limit && order.price <= 0) || market == null || !market.priced() ||
            market.priceExponent != order.priceExponent || market.sizeExponent != order.sizeExponent)
        {
            send(order, ExecType.REJECTED, OrderStatus.REJECTED, 0, 0, 0, Liquidity.TAKER, timestampNs);
            pool.addLast(order);
            return;
        }
        send(order, ExecType.NEW, OrderStatus.ACKNOWLEDGED, 0, 0, 0, Liquidity.TAKER, timestampNs);
        takeLiquidity(order, market, timestampNs);
        final long leaves = order.quantity - order.filled;
        if (leaves == 0)
        {
            pool.addLast(order);
        }
        else if (!order.limit || newOrder.timeInForce() != TimeInForce.GTC)
        {
            send(order, ExecType.EXPIRED, OrderStatus.EXPIRED, 0, 0, 0, Liquidity.TAKER, timestampNs);
            pool.addLast(order);
        }
        else
        {
            final long touch = order.buy ? market.bid : market.ask;
            final boolean improves = order.buy ? order.price > touch : order.price < touch;
            order.queueAhead = improves ? 0 : order.price == touch ?
                (order.buy ? market.bidSize : market.askSize) : Math.max(market.bidSize, market.askSize);
            resting.put(order.clientOrderId, order);
        }
    }

    /** Takes what is marketable now: the touch, then the assumed deeper levels. */
    private void takeLiquidity(final RestingOrder order, final Market market, final long timestampNs)
    {
        final long touch = order.buy ? market.askOrEstimate(halfSpreadCentiBps) : market.bidOrEstimate(halfSpreadCentiBps);
        final long shown = order.buy ? market.askSize : market.bidSize;
        final long topSize = shown > 0 ? shown : order.quantity; // trades only: one fill at the estimate
        long level = 0;
        while (order.filled < order.quantity)
        {
            final long impact = touch * impactCentiBps / 1_000_000 * level;
            final long price = order.buy ? touch + impact : touch - impact;
            if (order.limit && (order.buy ? price > order.price : price < order.price))
            {
                return;
            }
            final long left = order.quantity - order.filled;
            final long quantity = level == MAX_LEVELS - 1 ? left : Math.min(topSize, left);
            fill(order, price, quantity, Liquidity.TAKER, timestampNs);
            level++;
        }
    }

    public void onMarketData(final DirectBuffer buffer, final int offset, final int length, final long timestampNs)
    {
        header.wrap(buffer, offset);
        switch (header.templateId())
        {
            case BestBidAskDecoder.TEMPLATE_ID ->
            {
                quote.wrapAndApplyHeader(buffer, offset, header);
                final Market market = market(quote.instrumentId(), quote.priceExponent(), quote.sizeExponent());
                market.quote(quote.bidPrice(), quote.bidQuantity(), quote.askPrice(), quote.askQuantity());
                if (!resting.isEmpty())
                {
                    crossRestingOnQuote(market, timestampNs);
                }
            }
            case TradeDecoder.TEMPLATE_ID ->
            {
                trade.wrapAndApplyHeader(buffer, offset, header);
                onTrade(trade.instrumentId(), trade.priceExponent(), trade.sizeExponent(), trade.price(),
                    trade.quantity(), timestampNs);
            }
            case AggTradeDecoder.TEMPLATE_ID ->
            {
                aggTrade.wrapAndApplyHeader(buffer, offset, header);
                onTrade(aggTrade.instrumentId(), aggTrade.priceExponent(), aggTrade.sizeExponent(), aggTrade.price(),
                    aggTrade.quantity(), timestampNs);
            }
            case BookSnapshotDecoder.TEMPLATE_ID ->
            {
                snapshot.wrapAndApplyHeader(buffer, offset, header);
                final Market market = market(snapshot.instrumentId(), snapshot.priceExponent(), snapshot.sizeExponent());
                final BookSnapshotDecoder.BidsDecoder bids = snapshot.bids();
                final long bid = bids.hasNext() ? bids.next().price() : 0;
                final long bidSize = bid > 0 ? bids.quantity() : 0;
                final BookSnapshotDecoder.AsksDecoder asks = snapshot.asks();
                final long ask = asks.hasNext() ? asks.next().price() : 0;
                market.quote(bid, bidSize, ask, ask > 0 ? asks.quantity() : 0);
            }
            default ->
            {
                // depth deltas move levels we do not track; quotes and trades carry the touch
            }
        }
    }

    private void onTrade(
        final int instrumentId, final int priceExponent, final int sizeExponent, final long price, final long quantity,
        final long timestampNs)
    {
        final Market market = market(instrumentId, priceExponent, sizeExponent);
        market.lastTrade = price;
        if (resting.isEmpty())
        {
            return;
        }
        for (final RestingOrder order : resting.values())
        {
            if (order.instrumentId != instrumentId)
            {
                continue;
            }
            final boolean through = order.buy ? price < order.price : price > order.price;
            if (through)
            {
                fill(order, order.price, order.quantity - order.filled, Liquidity.MAKER, timestampNs);
            }
            else if (price == order.price)
            {
                final long left = order.queueAhead - quantity;
                order.queueAhead = Math.max(0, left);
                if (left < 0)
                {
                    fill(order, order.price, Math.min(-left, order.quantity - order.filled), Liquidity.MAKER, timestampNs);
                }
            }
        }
        removeFilled();
    }

    private void crossRestingOnQuote(final Market market, final long timestampNs)
    {
        for (final RestingOrder order : resting.values())
        {
            if (order.instrumentId == market.instrumentId &&
                (order.buy ? market.ask > 0 && market.ask <= order.price : market.bid > 0 && market.bid >= order.price))
            {
                fill(order, order.price, order.quantity - order.filled, Liquidity.MAKER, timestampNs);
            }
        }
        removeFilled();
    }

    private void removeFilled()
    {
        final Long2ObjectHashMap<RestingOrder>.ValueIterator it = resting.values().iterator();
        while (it.hasNext())
        {
            final RestingOrder order = it.next();
            if (order.filled == order.quantity)
            {
                it.remove();
                pool.addLast(order);
            }
        }
    }

    private void fill(
        final RestingOrder order, final long price, final long quantity, final Liquidity liquidity, final long timestampNs)
    {
        order.filled += quantity;
        final long notional = Money.product(price, order.priceExponent, quantity, order.sizeExponent, FEE_EXPONENT);
        final long fee = fees.fee(notional, liquidity == Liquidity.MAKER);
        final boolean done = order.filled == order.quantity;
        send(order, done ? ExecType.FILL : ExecType.PARTIAL_FILL, done ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED,
            price, quantity, fee, liquidity, timestampNs);
    }

    private void rejectUnknown(final long clientOrderId, final int instrumentId, final long timestampNs)
    {
        final RestingOrder order = pool.isEmpty() ? new RestingOrder() : pool.pollLast();
        order.clientOrderId = clientOrderId;
        order.instrumentId = instrumentId;
        order.venueOrderId = 0;
        order.quantity = 0;
        order.filled = 0;
        send(order, ExecType.REJECTED, OrderStatus.REJECTED, 0, 0, 0, Liquidity.TAKER, timestampNs);
        pool.addLast(order);
    }

    private void send(
        final RestingOrder order, final ExecType execType, final OrderStatus status, final long price,
        final long quantity, final long fee, final Liquidity liquidity, final long timestampNs)
    {
        report.wrapAndApplyHeader(reportBuffer, 0, reportHeader);
        report.source().sourceId(REPORT_SOURCE_ID).sequence(++reportSequence)
            .eventTimeNs(timestampNs).receiveTimeNs(timestampNs);
        report.venue(io.ferrum.codecs.sbe.Venue.SIMULATED).instrumentId(order.instrumentId).putSymbol(order.symbol, 0)
            .clientOrderId(order.clientOrderId).venueOrderId(order.venueOrderId).execType(execType)
            .orderStatus(status).side(order.buy ? Side.BUY : Side.SELL)
            .priceExponent((byte)order.priceExponent).sizeExponent((byte)order.sizeExponent)
            .lastPrice(price).lastQuantity(quantity).cumulativeQuantity(order.filled)
            .leavesQuantity(status == OrderStatus.ACKNOWLEDGED || status == OrderStatus.PARTIALLY_FILLED ?
                order.quantity - order.filled : 0)
            .feeExponent((byte)FEE_EXPONENT).fee(fee).liquidity(liquidity)
            .tradeId(quantity > 0 ? ++tradeIds : 0).venueRejectCode(status == OrderStatus.REJECTED ? -2013 : 0);
        reports.onReport(reportBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + report.encodedLength(), timestampNs);
    }

    private Market market(final int instrumentId, final int priceExponent, final int sizeExponent)
    {
        Market market = markets.get(instrumentId);
        if (market == null)
        {
            market = new Market(instrumentId, priceExponent, sizeExponent);
            markets.put(instrumentId, market);
        }
        return market;
    }

    private static final class RestingOrder
    {
        final byte[] symbol = new byte[16];
        long clientOrderId;
        long venueOrderId;
        int instrumentId;
        boolean buy;
        boolean limit;
        long price;
        int priceExponent;
        int sizeExponent;
        long quantity;
        long filled;
        long queueAhead;
    }

    private static final class Market
    {
        final int instrumentId;
        final int priceExponent;
        final int sizeExponent;
        long bid;
        long bidSize;
        long ask;
        long askSize;
        long lastTrade;

        Market(final int instrumentId, final int priceExponent, final int sizeExponent)
        {
            this.instrumentId = instrumentId;
            this.priceExponent = priceExponent;
            this.sizeExponent = sizeExponent;
        }

        void quote(final long bid, final long bidSize, final long ask, final long askSize)
        {
            this.bid = bid;
            this.bidSize = bidSize;
            this.ask = ask;
            this.askSize = askSize;
        }

        boolean priced()
        {
            return (bid > 0 && ask > 0) || lastTrade > 0;
        }

        long askOrEstimate(final long halfSpreadCentiBps)
        {
            return ask > 0 ? ask : lastTrade + lastTrade * halfSpreadCentiBps / 1_000_000;
        }

        long bidOrEstimate(final long halfSpreadCentiBps)
        {
            return bid > 0 ? bid : lastTrade - lastTrade * halfSpreadCentiBps / 1_000_000;
        }
    }
}
