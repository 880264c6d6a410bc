package io.ferrum.ops.history;

import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.FeedStatusDecoder;
import io.ferrum.codecs.sbe.KillSwitchDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.RiskDecisionDecoder;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.SetRiskLimitDecoder;
import io.ferrum.codecs.sbe.SetTradingStateDecoder;
import io.ferrum.codecs.sbe.SourceDecoder;
import io.ferrum.codecs.sbe.Ticker24hDecoder;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.engine.book.PriceLadder;
import io.ferrum.engine.order.Position;
import io.ferrum.sequencer.SourceKey;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Locale;

/**
 * Turns each committed input into the rows of the history tables: the input itself (raw, for
 * replays), its typed row (trades, quotes, books, tickers, feed status, order events, executions, risk
 * decisions, admin commands) and what it changes in the derived state (book samples, positions).
 * <p>
 * The derived state is rebuilt from the log's start on every run, so {@code emit == false} (inputs the
 * database already holds) still moves it: a restarted writer's rows are those an uninterrupted one
 * would have written.
 */
final class RowEncoder implements BookSampler.Sink
{
    /** What a risk decision said of an order, for its fills. */
    private record OrderInfo(int strategyId, String orderType, long price, int priceExponent)
    {
    }

    private final int logId;
    private final Batch batch;
    private final BookSampler books;
    private final int bookDepth;
    private final PositionLedger positions = new PositionLedger();
    private final Long2ObjectHashMap<OrderInfo> orders = new Long2ObjectHashMap<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final AggTradeDecoder aggTrade = new AggTradeDecoder();
    private final BookSnapshotDecoder snapshot = new BookSnapshotDecoder();
    private final BookDeltaDecoder delta = new BookDeltaDecoder();
    private final BestBidAskDecoder quote = new BestBidAskDecoder();
    private final Ticker24hDecoder ticker = new Ticker24hDecoder();
    private final FeedStatusDecoder status = new FeedStatusDecoder();
    private final ExecutionReportDecoder report = new ExecutionReportDecoder();
    private final SetRiskLimitDecoder riskLimit = new SetRiskLimitDecoder();
    private final SetTradingStateDecoder tradingState = new SetTradingStateDecoder();
    private final KillSwitchDecoder killSwitch = new KillSwitchDecoder();
    private final RiskDecisionDecoder decision = new RiskDecisionDecoder();
    private long[] prices = new long[16];
    private long[] quantities = new long[16];
    private long logPosition;
    private long logTimeNs;
    private long nowNs;
    private boolean emit;

    RowEncoder(final int logId, final Batch batch, final long bookSampleIntervalNs, final int bookDepth)
    {
        this.logId = logId;
        this.batch = batch;
        this.books = new BookSampler(bookSampleIntervalNs);
        this.bookDepth = bookDepth;
    }

    /**
     * @param emit  whether to write the input's rows (false: the database has them; only the state moves)
     * @param nowNs the writer's monotonic clock, for the batch's age
     */
    void onInput(
        final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long logTimeNs,
        final boolean emit, final long nowNs)
    {
        this.logPosition = logPosition;
        this.logTimeNs = logTimeNs;
        this.emit = emit;
        this.nowNs = nowNs;
        books.onLogTime(logTimeNs, this);
        if (length < MessageHeaderDecoder.ENCODED_LENGTH ||
            header.wrap(buffer, offset).schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
            length < MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength())
        {
            return; // not a Ferrum message: the engine only counts those
        }
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int templateId = header.templateId();
        if (emit)
        {
            final CopyRows row = row(Table.INPUTS).value(logTimeNs).value(templateId);
            if (SourceKey.hasKey(length))
            {
                row.value(SourceKey.sourceId(buffer, offset)).value(SourceKey.sequence(buffer, offset));
            }
            else
            {
                row.nullValue().nullValue();
            }
            row.bytes(buffer, offset, length).end();
        }
        switch (templateId)
        {
            case TradeDecoder.TEMPLATE_ID -> trade(buffer, body, blockLength, version);
            case AggTradeDecoder.TEMPLATE_ID -> aggTrade(buffer, body, blockLength, version);
            case BookSnapshotDecoder.TEMPLATE_ID -> bookSnapshot(buffer, body, blockLength, version);
            case BookDeltaDecoder.TEMPLATE_ID -> bookDelta(buffer, body, blockLength, version);
            case BestBidAskDecoder.TEMPLATE_ID -> quote(buffer, body, blockLength, version);
            case Ticker24hDecoder.TEMPLATE_ID -> ticker(buffer, body, blockLength, version);
            case FeedStatusDecoder.TEMPLATE_ID -> feedStatus(buffer, body, blockLength, version);
            case ExecutionReportDecoder.TEMPLATE_ID -> report(buffer, body, blockLength, version);
            case RiskDecisionDecoder.TEMPLATE_ID -> riskDecision(buffer, body, blockLength, version);
            case SetRiskLimitDecoder.TEMPLATE_ID -> setRiskLimit(buffer, body, blockLength, version);
            case SetTradingStateDecoder.TEMPLATE_ID -> setTradingState(buffer, body, blockLength, version);
            case KillSwitchDecoder.TEMPLATE_ID -> killSwitch(buffer, body, blockLength, version);
            default ->
            {
                // other inputs (reconcile requests) are in history.inputs only
            }
        }
    }

    private void trade(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        trade.wrap(buffer, body, blockLength, version);
        positions.onTrade(trade.instrumentId(), trade.price(), trade.priceExponent());
        if (emit)
        {
            end(market(Table.TRADES, trade.source(), lower(trade.venue()), trade.symbol())
                .value(trade.tradeId()).nullValue().nullValue().nullValue()
                .decimal(trade.price(), trade.priceExponent()).decimal(trade.quantity(), trade.sizeExponent())
                .value(lower(trade.aggressor())), trade.source());
        }
    }

    private void aggTrade(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        aggTrade.wrap(buffer, body, blockLength, version);
        positions.onTrade(aggTrade.instrumentId(), aggTrade.price(), aggTrade.priceExponent());
        if (emit)
        {
            end(market(Table.TRADES, aggTrade.source(), lower(aggTrade.venue()), aggTrade.symbol())
                .nullValue().value(aggTrade.aggTradeId()).value(aggTrade.firstTradeId()).value(aggTrade.lastTradeId())
                .decimal(aggTrade.price(), aggTrade.priceExponent()).decimal(aggTrade.quantity(), aggTrade.sizeExponent())
                .value(lower(aggTrade.aggressor())), aggTrade.source());
        }
    }

    private void bookSnapshot(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        snapshot.wrap(buffer, body, blockLength, version);
        final BookSampler.Book book = books.book(
            snapshot.symbol().trim(), lower(snapshot.venue()), snapshot.priceExponent(), snapshot.sizeExponent());
        book.bids.clear();
        book.asks.clear();
        book.lastUpdateId = snapshot.lastUpdateId();
        for (final BookSnapshotDecoder.BidsDecoder level : snapshot.bids())
        {
            book.bids.set(level.price(), level.quantity());
        }
        for (final BookSnapshotDecoder.AsksDecoder level : snapshot.asks())
        {
            book.asks.set(level.price(), level.quantity());
        }
        if (emit)
        {
            bookRow(book, "venue", Integer.MAX_VALUE);
        }
    }

    private void bookDelta(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        delta.wrap(buffer, body, blockLength, version);
        final BookSampler.Book book = books.book(
            delta.symbol().trim(), lower(delta.venue()), delta.priceExponent(), delta.sizeExponent());
        book.lastUpdateId = delta.lastUpdateId();
        for (final BookDeltaDecoder.BidsDecoder level : delta.bids())
        {
            book.bids.set(level.price(), level.quantity());
        }
        for (final BookDeltaDecoder.AsksDecoder level : delta.asks())
        {
            book.asks.set(level.price(), level.quantity());
        }
    }

    public void onSample(final BookSampler.Book book)
    {
        if (emit)
        {
            bookRow(book, "sampled", bookDepth);
        }
    }

    private void bookRow(final BookSampler.Book book, final String kind, final int depth)
    {
        final CopyRows row = row(Table.BOOK_SNAPSHOTS).value(book.symbol).value(kind).value(book.venue)
            .value(book.lastUpdateId);
        levels(row, book.bids, depth, book.priceExponent, book.sizeExponent);
        levels(row, book.asks, depth, book.priceExponent, book.sizeExponent);
        row.end();
    }

    private void levels(
        final CopyRows row, final PriceLadder side, final int depth, final int priceExponent,
        final int sizeExponent)
    {
        final int count = Math.min(depth, side.size());
        if (count > prices.length)
        {
            prices = new long[count];
            quantities = new long[count];
        }
        for (int i = 0; i < count; i++)
        {
            prices[i] = side.price(i);
            quantities[i] = side.quantity(i);
        }
        row.decimals(prices, count, priceExponent).decimals(quantities, count, sizeExponent);
    }

    private void quote(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        if (emit)
        {
            quote.wrap(buffer, body, blockLength, version);
            final int px = quote.priceExponent();
            final int sz = quote.sizeExponent();
            end(market(Table.BEST_BID_OFFER, quote.source(), lower(quote.venue()), quote.symbol())
                .value(quote.updateId()).decimal(quote.bidPrice(), px).decimal(quote.bidQuantity(), sz)
                .decimal(quote.askPrice(), px).decimal(quote.askQuantity(), sz), quote.source());
        }
    }

    private void ticker(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        if (emit)
        {
            ticker.wrap(buffer, body, blockLength, version);
            final int px = ticker.priceExponent();
            final int sz = ticker.sizeExponent();
            market(Table.TICKERS, ticker.source(), lower(ticker.venue()), ticker.symbol())
                .decimal(ticker.lastPrice(), px).decimal(ticker.priceChangePercent(), ticker.percentExponent())
                .decimal(ticker.weightedAvgPrice(), px).decimal(ticker.highPrice(), px).decimal(ticker.lowPrice(), px)
                .decimal(ticker.volume(), sz).decimal(ticker.quoteVolume(), ticker.quoteExponent())
                .value(ticker.tradeCount()).end();
        }
    }

    private void feedStatus(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        if (emit)
        {
            status.wrap(buffer, body, blockLength, version);
            final String symbol = 0 == status.instrumentId() ? "*" : status.symbol();
            end(market(Table.FEED_STATUS, status.source(), lower(status.venue()), symbol)
                .value(status.streamId()).value(lower(status.state())).value(lower(status.previousState()))
                .value(status.detail()), status.source());
        }
    }

    private void report(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        report.wrap(buffer, body, blockLength, version);
        final OrderInfo order = orders.get(report.clientOrderId());
        final int px = report.priceExponent();
        final int sz = report.sizeExponent();
        final boolean fill = (report.execType() == ExecType.FILL || report.execType() == ExecType.PARTIAL_FILL) &&
            report.lastQuantity() > 0 && report.lastPrice() > 0;
        Position position = null;
        if (fill)
        {
            position = positions.onFill(null == order ? 0 : order.strategyId, report.instrumentId(),
                report.symbol().trim(), report.venue(), px, sz, report.side(), report.lastPrice(), report.lastQuantity(),
                report.fee(), report.feeExponent());
        }
        if (!emit)
        {
            return;
        }
        final CopyRows event = market(Table.ORDER_EVENTS, report.source(), lower(report.venue()), report.symbol());
        strategy(event, order).value(report.clientOrderId()).value(report.venueOrderId())
            .value(lower(report.execType())).value(lower(report.orderStatus())).value(lower(report.side()))
            .decimal(report.lastPrice(), px).decimal(report.lastQuantity(), sz)
            .decimal(report.cumulativeQuantity(), sz).decimal(report.leavesQuantity(), sz)
            .decimal(report.fee(), report.feeExponent()).value(lower(report.liquidity()))
            .value(report.tradeId()).value(report.venueRejectCode());
        end(event, report.source());
        if (fill)
        {
            final CopyRows execution = market(Table.EXECUTIONS, report.source(), lower(report.venue()), report.symbol());
            strategy(execution, order).value(report.clientOrderId()).value(lower(report.side()))
                .decimal(report.lastPrice(), px).decimal(report.lastQuantity(), sz)
                .decimal(report.fee(), report.feeExponent()).value(lower(report.liquidity())).value(report.tradeId());
            if (null == order)
            {
                execution.nullValue().nullValue();
            }
            else
            {
                execution.value(order.orderType).decimal(order.price, order.priceExponent);
            }
            execution.end();
            positionRow(position, report.symbol().trim());
        }
    }

    private void positionRow(final Position position, final String symbol)
    {
        final int px = position.instrument().priceExponent();
        final long mark = positions.mark(position);
        final CopyRows row = row(Table.POSITIONS).value(position.strategyId()).value(symbol)
            .decimal(position.quantity(), position.instrument().sizeExponent())
            .decimal(position.averagePrice(), px)
            .decimal(position.realizedPnl(), PositionLedger.MONEY_EXPONENT)
            .decimal(position.fees(), PositionLedger.MONEY_EXPONENT);
        if (0 == mark)
        {
            row.nullValue().nullValue();
        }
        else
        {
            row.decimal(mark, px).decimal(position.unrealizedPnl(mark), PositionLedger.MONEY_EXPONENT);
        }
        row.end();
    }

    private void riskDecision(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        decision.wrap(buffer, body, blockLength, version);
        final String orderType = lower(decision.orderType());
        orders.put(decision.clientOrderId(),
            new OrderInfo(decision.strategyId(), orderType, decision.price(), decision.priceExponent()));
        if (!emit)
        {
            return;
        }
        final RiskRejectReason reason = decision.reason();
        final boolean accepted = reason == RiskRejectReason.NULL_VAL;
        final CopyRows row = row(Table.RISK_DECISIONS).value(lower(decision.venue())).value(decision.symbol().trim())
            .value(accepted).value(accepted ? null : lower(reason)).value(decision.strategyId())
            .value(decision.clientOrderId()).value(decision.replacedClientOrderId()).value(lower(decision.side()))
            .value(orderType).decimal(decision.price(), decision.priceExponent())
            .decimal(decision.quantity(), decision.sizeExponent()).value(decision.causeLogPosition());
        final StringBuilder checks = new StringBuilder("[");
        for (final RiskDecisionDecoder.ChecksDecoder check : decision.checks())
        {
            // enum names and decimals only: nothing in them needs JSON escaping
            checks.append(checks.length() > 1 ? "," : "").append("{\"check\":\"").append(lower(check.check()))
                .append("\",\"scope\":\"").append(lower(check.scope())).append("\",\"target_id\":").append(check.targetId())
                .append(",\"observed\":\"");
            FixedPoint.appendTo(checks, check.observed(), check.valueExponent())
                .append("\",\"limit\":\"");
            FixedPoint.appendTo(checks, check.limitValue(), check.valueExponent()).append("\"}");
        }
        end(row.value(checks.append(']').toString()), decision.source());
    }

    private void setRiskLimit(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        if (emit)
        {
            riskLimit.wrap(buffer, body, blockLength, version);
            row(Table.ADMIN_COMMANDS).value("set_risk_limit").value(lower(riskLimit.scope())).value(riskLimit.targetId())
                .value(lower(riskLimit.riskLimit())).decimal(riskLimit.value(), riskLimit.valueExponent()).nullValue()
                .value(riskLimit.operatorName()).value(riskLimit.source().sourceId()).value(riskLimit.source().sequence()).end();
        }
    }

    private void setTradingState(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        if (emit)
        {
            tradingState.wrap(buffer, body, blockLength, version);
            row(Table.ADMIN_COMMANDS).value("set_trading_state").value(lower(tradingState.scope()))
                .value(tradingState.targetId()).nullValue().nullValue().value(lower(tradingState.state()))
                .value(tradingState.operatorName()).value(tradingState.source().sourceId())
                .value(tradingState.source().sequence()).end();
        }
    }

    private void killSwitch(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        if (emit)
        {
            killSwitch.wrap(buffer, body, blockLength, version);
            row(Table.ADMIN_COMMANDS).value("kill_switch").value(lower(killSwitch.scope())).value(killSwitch.targetId())
                .nullValue().nullValue().nullValue().value(killSwitch.operatorName()).value(killSwitch.source().sourceId())
                .value(killSwitch.source().sequence()).end();
        }
    }

    private CopyRows row(final Table table)
    {
        return batch.row(table, logId, logPosition, logTimeNs, nowNs);
    }

    /** A market-data or venue row: log columns, the event's own time, venue and symbol. */
    private CopyRows market(final Table table, final SourceDecoder source, final String venue, final String symbol)
    {
        final long tsEventNs = 0 != source.eventTimeNs() ? source.eventTimeNs() :
            0 != source.receiveTimeNs() ? source.receiveTimeNs() : logTimeNs;
        return row(table).time(tsEventNs).value(venue).value(symbol.trim());
    }

    /** Ends a row whose last columns are the input's source id and sequence. */
    private static void end(final CopyRows row, final SourceDecoder source)
    {
        row.value(source.sourceId()).value(source.sequence()).end();
    }

    private static CopyRows strategy(final CopyRows row, final OrderInfo order)
    {
        return null == order ? row.nullValue() : row.value(order.strategyId);
    }

    private static String lower(final Enum<?> value)
    {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
