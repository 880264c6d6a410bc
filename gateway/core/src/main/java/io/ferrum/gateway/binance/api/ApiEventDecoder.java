package io.ferrum.gateway.binance.api;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.codecs.sbe.AccountBalancesEncoder;
import io.ferrum.codecs.sbe.BalanceUpdate;
import io.ferrum.codecs.sbe.CancelAllResultEncoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportEncoder;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.gateway.binance.InstrumentTable;
import io.ferrum.gateway.json.JsonObjectIndex;
import io.ferrum.gateway.json.JsonScanner;
import io.ferrum.gateway.json.JsonType;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Decodes the user data stream's events in place into Ferrum SBE: an {@code executionReport} becomes an
 * ExecutionReport under the venue's source id and next sequence, handed to the report sink (the order
 * gateway, which puts it on the log). Nothing is allocated per event: the event's single-letter fields
 * are indexed by {@link JsonObjectIndex}, decimals read by {@link DecimalParser} at the instrument's
 * exponents. A fill the session already put on the log as a reconcile correction (its cumulative
 * quantity is not above what the session knows) is not published twice. Anything else is counted:
 * malformed JSON, an unknown symbol, an event type Ferrum does not use.
 */
public final class ApiEventDecoder
{
    private static final byte[] EXECUTION_REPORT = RequestWriter.ascii("executionReport");
    private static final byte[] ACCOUNT_POSITION = RequestWriter.ascii("outboundAccountPosition");
    private static final byte[] NEW = RequestWriter.ascii("NEW");
    private static final byte[] TRADE = RequestWriter.ascii("TRADE");
    private static final byte[] CANCELED = RequestWriter.ascii("CANCELED");
    private static final byte[] REJECTED = RequestWriter.ascii("REJECTED");
    private static final byte[] EXPIRED = RequestWriter.ascii("EXPIRED");
    private static final byte[] TRADE_PREVENTION = RequestWriter.ascii("TRADE_PREVENTION");
    private static final byte[] PARTIALLY_FILLED = RequestWriter.ascii("PARTIALLY_FILLED");
    private static final byte[] FILLED = RequestWriter.ascii("FILLED");
    private static final byte[] EXPIRED_IN_MATCH = RequestWriter.ascii("EXPIRED_IN_MATCH");
    private static final byte[] ORDER_REPORTS = RequestWriter.ascii("orderReports");
    private static final byte[] ORIG_CLIENT_ORDER_ID = RequestWriter.ascii("origClientOrderId");
    private static final byte[] CLIENT_ORDER_ID = RequestWriter.ascii("clientOrderId");
    private static final byte[] ORDER_ID = RequestWriter.ascii("orderId");
    /** What the smallest inbound ring slot (1 KiB, the default ring.slot.length) holds. */
    private static final int MAX_MESSAGE_LENGTH = 1024;
    private static final int CANCELLED_PER_MESSAGE = 48;
    private static final int BALANCES_PER_MESSAGE = 24;
    /** Binance's balances have 8 decimals. */
    public static final int BALANCE_EXPONENT = -8;
    private static final int ASSET_LENGTH = 16;
    private static final byte[] STREAM_ASSET = RequestWriter.ascii("a");
    private static final byte[] STREAM_FREE = RequestWriter.ascii("f");
    private static final byte[] STREAM_LOCKED = RequestWriter.ascii("l");
    private static final byte[] BUY = RequestWriter.ascii("BUY");
    private static final byte[] SELL = RequestWriter.ascii("SELL");

    private final InstrumentTable symbols;
    private final EngineOutput reports;
    private final int sourceId;
    private final int feeExponent;
    private final BinanceApiVenue session;
    private final JsonObjectIndex index = new JsonObjectIndex();
    private final DecimalParser decimals = new DecimalParser();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ExecutionReportEncoder report = new ExecutionReportEncoder();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[256]);
    private final CancelAllResultEncoder cancelAllResult = new CancelAllResultEncoder();
    private final AccountBalancesEncoder accountBalances = new AccountBalancesEncoder();
    private AccountBalancesEncoder.BalancesEncoder balanceGroup;
    /** The messages with groups, each at most {@link #MAX_MESSAGE_LENGTH}. */
    private final UnsafeBuffer messageOut = new UnsafeBuffer(new byte[MAX_MESSAGE_LENGTH]);
    private final LongArrayList cancelledIds = new LongArrayList();
    private DirectBuffer buffer;
    private long sequence;
    private long executionReports;
    private long accountBalanceUpdates;
    private long accountPositions;
    private long malformed;
    private long unknownSymbols;
    private long foreignOrders;
    private long ignored;
    private long repeatedFills;

    /** @param session keeps its view of open orders in step, or null (a decoder on its own: tests) */
    public ApiEventDecoder(
        final InstrumentRegistry instruments, final EngineOutput reports, final int sourceId, final long firstSequence,
        final int feeExponent, final BinanceApiVenue session)
    {
        this.symbols = InstrumentTable.of(instruments);
        this.reports = reports;
        this.sourceId = sourceId;
        this.sequence = firstSequence - 1;
        this.feeExponent = feeExponent;
        this.session = session;
    }

    /**
     * @param position the event object's opening brace (the stream frame's {@code event} member)
     * @return false when the event is malformed (counted)
     */
    public boolean onEvent(final DirectBuffer buffer, final int position, final int limit, final long nowNs)
    {
        this.buffer = buffer;
        if (index.parse(buffer, position, limit) < 0)
        {
            return false;
        }
        if (index.stringEquals('e', EXECUTION_REPORT))
        {
            return onExecutionReport(nowNs);
        }
        if (index.stringEquals('e', ACCOUNT_POSITION))
        {
            accountPositions++;
            if (index.type('B') != JsonType.ARRAY)
            {
                return false;
            }
            final long updateTimeNs = index.type('u') == JsonType.NUMBER ? longValue('u') * 1_000_000L :
                index.type('E') == JsonType.NUMBER ? longValue('E') * 1_000_000L : nowNs;
            return publishBalances(BalanceUpdate.CHANGED, buffer, index.start('B'), limit, STREAM_ASSET, STREAM_FREE,
                STREAM_LOCKED, updateTimeNs, nowNs);
        }
        if (index.type('e') != JsonType.STRING)
        {
            return false;
        }
        ignored++;
        return true;
    }

    void countMalformed()
    {
        malformed++;
    }

    private boolean onExecutionReport(final long nowNs)
    {
        if (index.type('s') != JsonType.STRING || index.type('x') != JsonType.STRING || index.type('X') != JsonType.STRING ||
            index.type('c') != JsonType.STRING || index.type('i') != JsonType.NUMBER)
        {
            return false;
        }
        final io.ferrum.gateway.binance.Instrument symbol = symbols.lookup(buffer, index.start('s'), index.length('s'));
        if (symbol == null)
        {
            unknownSymbols++;
            return true;
        }
        final Instrument instrument = symbol.definition();
        final ExecType execType;
        if (index.stringEquals('x', NEW))
        {
            execType = ExecType.NEW;
        }
        else if (index.stringEquals('x', TRADE))
        {
            execType = index.stringEquals('X', FILLED) ? ExecType.FILL : ExecType.PARTIAL_FILL;
        }
        else if (index.stringEquals('x', CANCELED))
        {
            execType = ExecType.CANCELED;
        }
        else if (index.stringEquals('x', REJECTED))
        {
            execType = ExecType.REJECTED;
        }
        else if (index.stringEquals('x', EXPIRED) || index.stringEquals('x', TRADE_PREVENTION))
        {
            execType = ExecType.EXPIRED;
        }
        else
        {
            ignored++; // REPLACED (amend keep priority) and anything newer: Ferrum sends neither
            return true;
        }
        final OrderStatus status = status();
        if (status == null)
        {
            return false;
        }
        final boolean cancel = execType == ExecType.CANCELED && index.type('C') == JsonType.STRING && index.length('C') > 0;
        final int idKey = cancel ? 'C' : 'c';
        long clientOrderId = ClientOrderIds.parse(buffer, index.start(idKey), index.length(idKey));
        if (clientOrderId == ClientOrderIds.FOREIGN)
        {
            foreignOrders++;
            clientOrderId = 0; // on the log for the record; the engine counts it as an unknown order's report
        }
        final long venueOrderId = longValue('i');
        final int px = instrument.priceExponent();
        final int sz = instrument.sizeExponent();
        final long quantity = decimal('q', sz);
        final long cumulative = decimal('z', sz);
        final long lastQuantity = decimal('l', sz);
        final long lastPrice = decimal('L', px);
        final long fee = index.type('n') == JsonType.STRING ? decimal('n', feeExponent) : 0;
        if (quantity < 0 || cumulative < 0 || lastQuantity < 0 || lastPrice < 0 || fee < 0)
        {
            return false;
        }
        final Side side = index.stringEquals('S', BUY) ? Side.BUY : index.stringEquals('S', SELL) ? Side.SELL : Side.NULL_VAL;
        if (session != null && clientOrderId != 0)
        {
            final long known = session.cumulative(clientOrderId);
            if ((execType == ExecType.FILL || execType == ExecType.PARTIAL_FILL) && known >= cumulative)
            {
                repeatedFills++; // already on the log as a reconcile correction
                session.onReport(clientOrderId, venueOrderId, execType, cumulative, execType == ExecType.FILL);
                return true;
            }
        }
        final ExecType reported = execType == ExecType.NEW && session != null && session.isReplacement(clientOrderId) ?
            ExecType.REPLACED : execType;
        final boolean live = status == OrderStatus.ACKNOWLEDGED || status == OrderStatus.PARTIALLY_FILLED;
        final boolean trade = execType == ExecType.FILL || execType == ExecType.PARTIAL_FILL;
        final Liquidity liquidity = !trade ? Liquidity.NULL_VAL :
            index.type('m') == JsonType.TRUE ? Liquidity.MAKER : Liquidity.TAKER;
        final long eventTimeNs = index.type('E') == JsonType.NUMBER ? longValue('E') * 1_000_000L : nowNs;
        executionReports++;
        publish(instrument, clientOrderId, venueOrderId, reported, status, side, trade ? lastPrice : 0,
            trade ? lastQuantity : 0, cumulative, live ? Math.max(0, quantity - cumulative) : 0, trade ? fee : 0, liquidity,
            trade && index.type('t') == JsonType.NUMBER ? longValue('t') : 0, 0, eventTimeNs, nowNs);
        if (session != null && clientOrderId != 0)
        {
            session.onReport(clientOrderId, venueOrderId, reported, cumulative, !live);
        }
        return true;
    }

    private OrderStatus status()
    {
        if (index.stringEquals('X', NEW))
        {
            return OrderStatus.ACKNOWLEDGED;
        }
        if (index.stringEquals('X', PARTIALLY_FILLED))
        {
            return OrderStatus.PARTIALLY_FILLED;
        }
        if (index.stringEquals('X', FILLED))
        {
            return OrderStatus.FILLED;
        }
        if (index.stringEquals('X', CANCELED))
        {
            return OrderStatus.CANCELED;
        }
        if (index.stringEquals('X', REJECTED))
        {
            return OrderStatus.REJECTED;
        }
        if (index.stringEquals('X', EXPIRED) || index.stringEquals('X', EXPIRED_IN_MATCH))
        {
            return OrderStatus.EXPIRED;
        }
        return null;
    }

    /** Puts one ExecutionReport into the sink under the venue's next sequence. */
    void publish(
        final Instrument instrument, final long clientOrderId, final long venueOrderId, final ExecType execType,
        final OrderStatus status, final Side side, final long lastPrice, final long lastQuantity, final long cumulative,
        final long leaves, final long fee, final Liquidity liquidity, final long tradeId, final int rejectCode,
        final long eventTimeNs, final long nowNs)
    {
        report.wrapAndApplyHeader(out, 0, header);
        report.source().sourceId(sourceId).sequence(++sequence).eventTimeNs(eventTimeNs).receiveTimeNs(nowNs);
        report.venue(instrument.venue())
            .instrumentId(instrument.instrumentId())
            .putSymbol(instrument.symbolBytes(), 0)
            .clientOrderId(clientOrderId)
            .venueOrderId(venueOrderId)
            .execType(execType)
            .orderStatus(status)
            .side(side)
            .priceExponent((byte)instrument.priceExponent())
            .sizeExponent((byte)instrument.sizeExponent())
            .lastPrice(lastPrice)
            .lastQuantity(lastQuantity)
            .cumulativeQuantity(cumulative)
            .leavesQuantity(leaves)
            .feeExponent((byte)feeExponent)
            .fee(fee)
            .liquidity(liquidity)
            .tradeId(tradeId)
            .venueRejectCode(rejectCode);
        reports.offer(out, 0, MessageHeaderEncoder.ENCODED_LENGTH + report.encodedLength());
    }

    /**
     * Puts one CancelAllResult into the sink: the answer to {@code openOrders.cancelAll} on one symbol (the
     * kill switch), with each order Binance cancelled (from {@code origClientOrderId}, the cancelled order's
     * own id; an order list's {@code orderReports} one by one). Cold path.
     *
     * @param errorCode 0 for a 200 answer whose {@code result} array starts at {@code result}, else the error
     * @return the orders listed
     */
    int publishCancelAll(
        final Instrument instrument, final int errorCode, final DirectBuffer buffer, final int result, final int limit,
        final long nowNs)
    {
        cancelledIds.clear();
        if (errorCode == 0 && result >= 0)
        {
            collectCancelled(buffer, result, limit);
        }
        final int count = cancelledIds.size() / 2;
        int from = 0;
        do
        {
            // in messages that fit the smallest ring slot (1 KiB): Binance may cancel up to 200 orders of a symbol
            final int chunk = Math.min(count - from, CANCELLED_PER_MESSAGE);
            cancelAllResult.wrapAndApplyHeader(messageOut, 0, header);
            cancelAllResult.source().sourceId(sourceId).sequence(++sequence).eventTimeNs(nowNs).receiveTimeNs(nowNs);
            cancelAllResult.venue(instrument.venue())
                .instrumentId(instrument.instrumentId())
                .putSymbol(instrument.symbolBytes(), 0)
                .venueErrorCode(errorCode);
            final CancelAllResultEncoder.OrdersEncoder orders = cancelAllResult.ordersCount(chunk);
            for (int i = from; i < from + chunk; i++)
            {
                orders.next().clientOrderId(cancelledIds.getLong(2 * i)).venueOrderId(cancelledIds.getLong(2 * i + 1));
            }
            reports.offer(messageOut, 0, MessageHeaderEncoder.ENCODED_LENGTH + cancelAllResult.encodedLength());
            from += chunk;
        }
        while (from < count);
        return count;
    }

    /**
     * Puts a venue account's balances on the log as AccountBalances: the array of {@code {asset, free, locked}}
     * objects at {@code array} (keys as given: {@code a/f/l} on the stream, {@code asset/free/locked} in
     * {@code account.status}). Nothing is allocated; an element without an asset or with a bad decimal makes
     * the whole update malformed (nothing published). A SNAPSHOT longer than one message is sent as a
     * SNAPSHOT followed by CHANGED messages, which ends in the same state.
     *
     * @return false when malformed (counted by the caller)
     */
    boolean publishBalances(
        final BalanceUpdate update, final DirectBuffer buffer, final int array, final int limit, final byte[] assetKey,
        final byte[] freeKey, final byte[] lockedKey, final long updateTimeNs, final long nowNs)
    {
        final int count = balances(buffer, array, limit, assetKey, freeKey, lockedKey, -1);
        if (count < 0)
        {
            return false;
        }
        int from = 0;
        do
        {
            final int chunk = Math.min(count - from, BALANCES_PER_MESSAGE);
            accountBalances.wrapAndApplyHeader(messageOut, 0, header);
            accountBalances.source().sourceId(sourceId).sequence(++sequence).eventTimeNs(updateTimeNs).receiveTimeNs(nowNs);
            accountBalances.venue(Venue.BINANCE_SPOT)
                .update(from == 0 ? update : BalanceUpdate.CHANGED)
                .balanceExponent((byte)BALANCE_EXPONENT)
                .updateTimeNs(updateTimeNs);
            balanceGroup = accountBalances.balancesCount(chunk);
            balances(buffer, array, limit, assetKey, freeKey, lockedKey, from);
            reports.offer(messageOut, 0, MessageHeaderEncoder.ENCODED_LENGTH + accountBalances.encodedLength());
            from += chunk;
        }
        while (from < count);
        accountBalanceUpdates++;
        return true;
    }

    /**
     * Walks the balances array: counts its elements ({@code encodeFrom} -1: -1 when one is malformed), or
     * encodes the next message's elements from index {@code encodeFrom} into {@link #balanceGroup}.
     */
    private int balances(
        final DirectBuffer buffer, final int array, final int limit, final byte[] assetKey, final byte[] freeKey,
        final byte[] lockedKey, final int encodeFrom)
    {
        int position = array < 0 ? -1 : JsonScanner.skipWhitespace(buffer, array, limit);
        if (position < 0 || position >= limit || buffer.getByte(position) != '[')
        {
            return -1;
        }
        final int end = JsonScanner.skipValue(buffer, position, limit);
        if (end < 0)
        {
            return -1;
        }
        position = JsonScanner.skipWhitespace(buffer, position + 1, end);
        int index = 0;
        while (position < end - 1)
        {
            final int objectEnd = buffer.getByte(position) == '{' ? JsonScanner.skipValue(buffer, position, end) : -1;
            if (objectEnd < 0)
            {
                return -1;
            }
            final int asset = JsonMember.find(buffer, position, objectEnd, assetKey);
            final int assetLength = asset < 0 ? 0 : JsonMember.end(buffer, asset, objectEnd) - asset;
            final int free = JsonMember.find(buffer, position, objectEnd, freeKey);
            final int locked = JsonMember.find(buffer, position, objectEnd, lockedKey);
            if (assetLength <= 0 || assetLength > ASSET_LENGTH || free < 0 || locked < 0)
            {
                return -1;
            }
            final long freeValue = decimals.parse(buffer, free, JsonMember.end(buffer, free, objectEnd) - free,
                BALANCE_EXPONENT);
            final long lockedValue = decimals.parse(buffer, locked, JsonMember.end(buffer, locked, objectEnd) - locked,
                BALANCE_EXPONENT);
            if (freeValue == DecimalParser.INVALID || lockedValue == DecimalParser.INVALID || freeValue < 0 ||
                lockedValue < 0)
            {
                return -1;
            }
            if (encodeFrom >= 0 && index >= encodeFrom && index < encodeFrom + BALANCES_PER_MESSAGE)
            {
                final AccountBalancesEncoder.BalancesEncoder entry = balanceGroup.next();
                for (int i = 0; i < ASSET_LENGTH; i++)
                {
                    entry.asset(i, i < assetLength ? buffer.getByte(asset + i) : 0);
                }
                entry.free(freeValue).locked(lockedValue);
            }
            index++;
            position = JsonScanner.skipWhitespace(buffer, objectEnd, end);
            if (position < end && buffer.getByte(position) == ',')
            {
                position = JsonScanner.skipWhitespace(buffer, position + 1, end);
            }
        }
        return index;
    }

    private void collectCancelled(final DirectBuffer buffer, final int array, final int limit)
    {
        int position = JsonScanner.skipWhitespace(buffer, array, limit);
        if (position < 0 || position >= limit || buffer.getByte(position) != '[')
        {
            return;
        }
        final int end = JsonScanner.skipValue(buffer, position, limit);
        position = JsonScanner.skipWhitespace(buffer, position + 1, end);
        while (end > 0 && position < end && buffer.getByte(position) == '{')
        {
            final int objectEnd = JsonScanner.skipValue(buffer, position, end);
            if (objectEnd < 0)
            {
                return;
            }
            final int reports = JsonMember.find(buffer, position, objectEnd, ORDER_REPORTS);
            if (reports >= 0)
            {
                collectCancelled(buffer, reports, objectEnd);
            }
            else
            {
                int id = JsonMember.find(buffer, position, objectEnd, ORIG_CLIENT_ORDER_ID);
                id = id >= 0 ? id : JsonMember.find(buffer, position, objectEnd, CLIENT_ORDER_ID);
                final long clientOrderId = id < 0 ? ClientOrderIds.FOREIGN :
                    ClientOrderIds.parse(buffer, id, JsonMember.end(buffer, id, objectEnd) - id);
                cancelledIds.addLong(clientOrderId == ClientOrderIds.FOREIGN ? 0 : clientOrderId);
                cancelledIds.addLong(JsonMember.longValue(buffer, JsonMember.find(buffer, position, objectEnd, ORDER_ID),
                    objectEnd, 0));
            }
            position = JsonScanner.skipWhitespace(buffer, objectEnd, end);
            if (position < end && buffer.getByte(position) == ',')
            {
                position = JsonScanner.skipWhitespace(buffer, position + 1, end);
            }
        }
    }

    private long decimal(final int key, final int exponent)
    {
        if (index.type(key) != JsonType.STRING)
        {
            return 0;
        }
        final long value = decimals.parse(buffer, index.start(key), index.length(key), exponent);
        return value == DecimalParser.INVALID ? -1 : value;
    }

    private long longValue(final int key)
    {
        return JsonMember.longValue(buffer, index.start(key), index.end(key), 0);
    }

    public long executionReports()
    {
        return executionReports;
    }

    public long accountPositions()
    {
        return accountPositions;
    }

    /** Balance updates put on the log (account.status answers and outboundAccountPosition events). */
    public long accountBalanceUpdates()
    {
        return accountBalanceUpdates;
    }

    /** Frames on the API socket that were neither a response nor a well-formed event. */
    public long malformed()
    {
        return malformed;
    }

    public long unknownSymbols()
    {
        return unknownSymbols;
    }

    public long foreignOrders()
    {
        return foreignOrders;
    }

    public long ignored()
    {
        return ignored;
    }

    public long repeatedFills()
    {
        return repeatedFills;
    }
}
