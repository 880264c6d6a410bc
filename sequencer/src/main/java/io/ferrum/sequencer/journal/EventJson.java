package io.ferrum.sequencer.journal;

import io.ferrum.codecs.json.JsonOut;
import io.ferrum.codecs.sbe.AccountBalancesDecoder;
import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.CancelAllResultDecoder;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.FeedStatusDecoder;
import io.ferrum.codecs.sbe.KillSwitchDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.RiskDecisionDecoder;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.SetRiskLimitDecoder;
import io.ferrum.codecs.sbe.SetTradingStateDecoder;
import io.ferrum.codecs.sbe.SourceDecoder;
import io.ferrum.codecs.sbe.Ticker24hDecoder;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.codecs.sbe.Venue;
import org.agrona.DirectBuffer;

import java.util.Locale;

/**
 * Ferrum's SBE inputs as event-contract JSON lines (E1, docs/schemas/event.schema.json):
 * {@code {"type", "venue", "symbol", "ts_event", "log_position", "payload"}} (the position only for
 * events read from the log), snake_case, {@code ts_event} in
 * RFC 3339 UTC (the venue's event time, else the receive time, else the log time), prices
 * and quantities as decimal strings with exactly the message's exponent (never a double).
 * Types: market data ({@code trade_tick}, {@code order_book_depth}, {@code order_book_deltas},
 * {@code quote_tick}, {@code ticker_24h}), {@code feed_status}, {@code execution_report}, admin
 * commands ({@code set_risk_limit}, {@code set_trading_state}, {@code kill_switch}), a venue's answer to the
 * kill switch ({@code cancel_all_result}), a venue account's balances ({@code account_balances}), the engine's
 * pre-trade decisions echoed onto the log ({@code risk_decision}) and the cluster's {@code timer} events. Events that concern no instrument have symbol {@code "*"};
 * those that come from no venue have venue {@code "ferrum"}.
 * <p>
 * A cold path for operators' tools (the tail, feed checks): it allocates. After each
 * {@link #format} the event's {@link #type()}, {@link #symbol()} and {@link #strategyId()}
 * are there for filters. Not thread-safe.
 */
public final class EventJson
{
    /** Symbol of events that concern no single instrument. */
    public static final String ALL_SYMBOLS = "*";
    /** Venue of events that come from Ferrum itself (admin commands, timers). */
    public static final String FERRUM = "ferrum";

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
    private final CancelAllResultDecoder cancelAll = new CancelAllResultDecoder();
    private final AccountBalancesDecoder balances = new AccountBalancesDecoder();
    private String type;
    private String symbol;
    private int strategyId;
    private long tsEventNs;
    private long logPosition;

    /**
     * @param logPosition the log position after the message (written as {@code log_position}), or -1 off the log
     * @param logTimeNs   the cluster time of the message, used when the message carries no time
     * @return one JSON line, or null for a message that is not a Ferrum event (or too short)
     */
    public String format(
        final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long logTimeNs)
    {
        this.logPosition = logPosition;
        type = null;
        symbol = ALL_SYMBOLS;
        strategyId = 0;
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return null;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
            length < MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength())
        {
            return null;
        }
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        final JsonOut out = JsonOut.object();
        try
        {
            switch (header.templateId())
            {
                case TradeDecoder.TEMPLATE_ID -> trade(out, buffer, body, blockLength, version, logTimeNs);
                case AggTradeDecoder.TEMPLATE_ID -> aggTrade(out, buffer, body, blockLength, version, logTimeNs);
                case BookSnapshotDecoder.TEMPLATE_ID -> bookSnapshot(out, buffer, body, blockLength, version, logTimeNs);
                case BookDeltaDecoder.TEMPLATE_ID -> bookDelta(out, buffer, body, blockLength, version, logTimeNs);
                case BestBidAskDecoder.TEMPLATE_ID -> quote(out, buffer, body, blockLength, version, logTimeNs);
                case Ticker24hDecoder.TEMPLATE_ID -> ticker(out, buffer, body, blockLength, version, logTimeNs);
                case FeedStatusDecoder.TEMPLATE_ID -> feedStatus(out, buffer, body, blockLength, version, logTimeNs);
                case ExecutionReportDecoder.TEMPLATE_ID -> report(out, buffer, body, blockLength, version, logTimeNs);
                case SetRiskLimitDecoder.TEMPLATE_ID -> setRiskLimit(out, buffer, body, blockLength, version, logTimeNs);
                case SetTradingStateDecoder.TEMPLATE_ID -> setTradingState(out, buffer, body, blockLength, version, logTimeNs);
                case KillSwitchDecoder.TEMPLATE_ID -> killSwitch(out, buffer, body, blockLength, version, logTimeNs);
                case RiskDecisionDecoder.TEMPLATE_ID -> riskDecision(out, buffer, body, blockLength, version, logTimeNs);
                case CancelAllResultDecoder.TEMPLATE_ID -> cancelAllResult(out, buffer, body, blockLength, version, logTimeNs);
                case AccountBalancesDecoder.TEMPLATE_ID -> accountBalances(out, buffer, body, blockLength, version, logTimeNs);
                default ->
                {
                    return null;
                }
            }
        }
        catch (final RuntimeException ex)
        {
            type = null;
            return null; // a message cut short inside a group or variable field: not an event we can show
        }
        return out.toString();
    }

    /** A cluster timer event as an event line. */
    public String timer(final long timerId, final long logPosition, final long logTimeNs)
    {
        this.logPosition = logPosition;
        symbol = ALL_SYMBOLS;
        strategyId = 0;
        final JsonOut out = JsonOut.object();
        start(out, "timer", FERRUM, ALL_SYMBOLS, 0, 0, logTimeNs);
        return out.field("timer_id", timerId).toString();
    }

    /** The last formatted event's type, null when it was not an event. */
    public String type()
    {
        return type;
    }

    /** The last formatted event's symbol ({@link #ALL_SYMBOLS} when it concerns none). */
    public String symbol()
    {
        return symbol;
    }

    /** The strategy the last event names (an admin command scoped to one), 0 when none. */
    public int strategyId()
    {
        return strategyId;
    }

    /** The last event's {@code ts_event} in epoch nanoseconds. */
    public long tsEventNs()
    {
        return tsEventNs;
    }

    private void trade(
        final JsonOut out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        trade.wrap(buffer, body, blockLength, version);
        start(out, "trade_tick", venue(trade.venue()), trade.symbol(), trade.source(), logTimeNs);
        out.field("trade_id", trade.tradeId());
        out.decimal("price", trade.price(), trade.priceExponent());
        out.decimal("quantity", trade.quantity(), trade.sizeExponent());
        out.field("aggressor", lower(trade.aggressor()));
        source(out, trade.source());
    }

    private void aggTrade(
        final JsonOut out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        aggTrade.wrap(buffer, body, blockLength, version);
        start(out, "trade_tick", venue(aggTrade.venue()), aggTrade.symbol(), aggTrade.source(), logTimeNs);
        out.field("agg_trade_id", aggTrade.aggTradeId());
        out.decimal("price", aggTrade.price(), aggTrade.priceExponent());
        out.decimal("quantity", aggTrade.quantity(), aggTrade.sizeExponent());
        out.field("first_trade_id", aggTrade.firstTradeId())
            .field("last_trade_id", aggTrade.lastTradeId());
        out.field("aggressor", lower(aggTrade.aggressor()));
        source(out, aggTrade.source());
    }

    private void bookSnapshot(
        final JsonOut out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        snapshot.wrap(buffer, body, blockLength, version);
        final int px = snapshot.priceExponent();
        final int sz = snapshot.sizeExponent();
        start(out, "order_book_depth", venue(snapshot.venue()), snapshot.symbol(), snapshot.source(), logTimeNs);
        out.field("last_update_id", snapshot.lastUpdateId());
        source(out, snapshot.source());
        out.beginArray("bids");
        for (final BookSnapshotDecoder.BidsDecoder level : snapshot.bids())
        {
            level(out, level.price(), px, level.quantity(), sz);
        }
        out.endArray().beginArray("asks");
        for (final BookSnapshotDecoder.AsksDecoder level : snapshot.asks())
        {
            level(out, level.price(), px, level.quantity(), sz);
        }
        out.endArray();
    }

    private void bookDelta(
        final JsonOut out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        delta.wrap(buffer, body, blockLength, version);
        final int px = delta.priceExponent();
        final int sz = delta.sizeExponent();
        start(out, "order_book_deltas", venue(delta.venue()), delta.symbol(), delta.source(), logTimeNs);
        out.field("first_update_id", delta.firstUpdateId())
            .field("last_update_id", delta.lastUpdateId());
        source(out, delta.source());
        out.beginArray("bids");
        for (final BookDeltaDecoder.BidsDecoder level : delta.bids())
        {
            level(out, level.price(), px, level.quantity(), sz);
        }
        out.endArray().beginArray("asks");
        for (final BookDeltaDecoder.AsksDecoder level : delta.asks())
        {
            level(out, level.price(), px, level.quantity(), sz);
        }
        out.endArray();
    }

    private void quote(
        final JsonOut out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        quote.wrap(buffer, body, blockLength, version);
        final int px = quote.priceExponent();
        final int sz = quote.sizeExponent();
        start(out, "quote_tick", venue(quote.venue()), quote.symbol(), quote.source(), logTimeNs);
        out.field("update_id", quote.updateId());
        out.decimal("bid_price", quote.bidPrice(), px);
        out.decimal("bid_quantity", quote.bidQuantity(), sz);
        out.decimal("ask_price", quote.askPrice(), px);
        out.decimal("ask_quantity", quote.askQuantity(), sz);
        source(out, quote.source());
    }

    private void ticker(
        final JsonOut out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        ticker.wrap(buffer, body, blockLength, version);
        final int px = ticker.priceExponent();
        final int sz = ticker.sizeExponent();
        start(out, "ticker_24h", venue(ticker.venue()), ticker.symbol(), ticker.source(), logTimeNs);
        out.field("trade_count", ticker.tradeCount());
        out.decimal("price_change", ticker.priceChange(), px);
        out.decimal("price_change_percent", ticker.priceChangePercent(), ticker.percentExponent());
        out.decimal("weighted_avg_price", ticker.weightedAvgPrice(), px);
        out.decimal("last_price", ticker.lastPrice(), px);
        out.decimal("last_quantity", ticker.lastQuantity(), sz);
        out.decimal("bid_price", ticker.bidPrice(), px);
        out.decimal("ask_price", ticker.askPrice(), px);
        out.decimal("open_price", ticker.openPrice(), px);
        out.decimal("high_price", ticker.highPrice(), px);
        out.decimal("low_price", ticker.lowPrice(), px);
        out.decimal("volume", ticker.volume(), sz);
        out.decimal("quote_volume", ticker.quoteVolume(), ticker.quoteExponent());
        source(out, ticker.source());
    }

    private void feedStatus(
        final JsonOut out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        status.wrap(buffer, body, blockLength, version);
        final String symbol = 0 == status.instrumentId() ? ALL_SYMBOLS : status.symbol();
        start(out, "feed_status", venue(status.venue()), symbol, status.source(), logTimeNs);
        out.field("stream_id", status.streamId());
        out.field("state", lower(status.state()));
        out.field("previous_state", lower(status.previousState()));
        source(out, status.source());
        out.field("detail", status.detail());
    }

    private void report(
        final JsonOut out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        report.wrap(buffer, body, blockLength, version);
        final int px = report.priceExponent();
        final int sz = report.sizeExponent();
        start(out, "execution_report", venue(report.venue()), report.symbol(), report.source(), logTimeNs);
        out.field("client_order_id", report.clientOrderId())
            .field("venue_order_id", report.venueOrderId());
        out.field("exec_type", lower(report.execType()));
        out.field("order_status", lower(report.orderStatus()));
        out.field("side", lower(report.side()));
        out.decimal("last_price", report.lastPrice(), px);
        out.decimal("last_quantity", report.lastQuantity(), sz);
        out.decimal("cumulative_quantity", report.cumulativeQuantity(), sz);
        out.decimal("leaves_quantity", report.leavesQuantity(), sz);
        out.decimal("fee", report.fee(), report.feeExponent());
        out.field("liquidity", lower(report.liquidity()));
        out.field("trade_id", report.tradeId())
            .field("venue_reject_code", report.venueRejectCode());
        source(out, report.source());
    }

    private void setRiskLimit(
        final JsonOut out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        riskLimit.wrap(buffer, body, blockLength, version);
        scoped(riskLimit.scope(), riskLimit.targetId());
        start(out, "set_risk_limit", FERRUM, ALL_SYMBOLS, riskLimit.source(), logTimeNs);
        scope(out, riskLimit.scope(), riskLimit.targetId());
        out.field("risk_limit", lower(riskLimit.riskLimit()));
        out.decimal("value", riskLimit.value(), riskLimit.valueExponent());
        source(out, riskLimit.source());
        out.field("operator", riskLimit.operatorName());
    }

    private void setTradingState(
        final JsonOut out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        tradingState.wrap(buffer, body, blockLength, version);
        scoped(tradingState.scope(), tradingState.targetId());
        start(out, "set_trading_state", FERRUM, ALL_SYMBOLS, tradingState.source(), logTimeNs);
        scope(out, tradingState.scope(), tradingState.targetId());
        out.field("state", lower(tradingState.state()));
        source(out, tradingState.source());
        out.field("operator", tradingState.operatorName());
    }

    private void killSwitch(
        final JsonOut out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        killSwitch.wrap(buffer, body, blockLength, version);
        scoped(killSwitch.scope(), killSwitch.targetId());
        start(out, "kill_switch", FERRUM, ALL_SYMBOLS, killSwitch.source(), logTimeNs);
        scope(out, killSwitch.scope(), killSwitch.targetId());
        source(out, killSwitch.source());
        out.field("operator", killSwitch.operatorName());
    }

    private void cancelAllResult(
        final JsonOut out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        cancelAll.wrap(buffer, body, blockLength, version);
        start(out, "cancel_all_result", venue(cancelAll.venue()), cancelAll.symbol(), cancelAll.source(), logTimeNs);
        out.field("venue_error_code", cancelAll.venueErrorCode()).beginArray("orders");
        for (final CancelAllResultDecoder.OrdersDecoder order : cancelAll.orders())
        {
            out.beginObject().field("client_order_id", order.clientOrderId())
                .field("venue_order_id", order.venueOrderId()).endObject();
        }
        out.endArray();
        source(out, cancelAll.source());
    }

    private void accountBalances(
        final JsonOut out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        balances.wrap(buffer, body, blockLength, version);
        start(out, "account_balances", venue(balances.venue()), ALL_SYMBOLS, balances.source(), logTimeNs);
        final int exponent = balances.balanceExponent();
        out.field("update", lower(balances.update())).beginArray("balances");
        for (final AccountBalancesDecoder.BalancesDecoder balance : balances.balances())
        {
            out.beginObject().field("asset", balance.asset().trim())
                .decimal("free", balance.free(), exponent).decimal("locked", balance.locked(), exponent).endObject();
        }
        out.endArray();
        source(out, balances.source());
    }

    private void riskDecision(
        final JsonOut out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        decision.wrap(buffer, body, blockLength, version);
        strategyId = decision.strategyId();
        start(out, "risk_decision", venue(decision.venue()), decision.symbol(), decision.source(), logTimeNs);
        final RiskRejectReason reason = decision.reason();
        final boolean accepted = reason == RiskRejectReason.NULL_VAL;
        out.field("accepted", accepted).field("reason", accepted ? null : lower(reason))
            .field("strategy_id", decision.strategyId())
            .field("client_order_id", decision.clientOrderId())
            .field("replaced_client_order_id", decision.replacedClientOrderId())
            .field("side", lower(decision.side()))
            .field("order_type", lower(decision.orderType()))
            .decimal("price", decision.price(), decision.priceExponent())
            .decimal("quantity", decision.quantity(), decision.sizeExponent())
            .field("cause_log_position", decision.causeLogPosition())
            .beginArray("checks");
        for (final RiskDecisionDecoder.ChecksDecoder check : decision.checks())
        {
            out.beginObject().field("check", lower(check.check()));
            scope(out, check.scope(), check.targetId());
            out.decimal("observed", check.observed(), check.valueExponent())
                .decimal("limit", check.limitValue(), check.valueExponent())
                .endObject();
        }
        out.endArray();
        source(out, decision.source());
    }

    private void scoped(final Scope scope, final int targetId)
    {
        strategyId = Scope.STRATEGY == scope ? targetId : 0;
    }

    private void start(
        final JsonOut out, final String type, final String venue, final String symbol, final SourceDecoder source,
        final long logTimeNs)
    {
        start(out, type, venue, symbol, source.eventTimeNs(), source.receiveTimeNs(), logTimeNs);
    }

    private void start(
        final JsonOut out,
        final String type,
        final String venue,
        final String symbol,
        final long eventTimeNs,
        final long receiveTimeNs,
        final long logTimeNs)
    {
        this.type = type;
        this.symbol = symbol.trim().isEmpty() ? ALL_SYMBOLS : symbol.trim();
        tsEventNs = 0 != eventTimeNs ? eventTimeNs : 0 != receiveTimeNs ? receiveTimeNs : logTimeNs;
        out.field("type", type).field("venue", venue).field("symbol", this.symbol)
            .time("ts_event", tsEventNs);
        if (logPosition >= 0)
        {
            out.field("log_position", logPosition);
        }
        out.beginObject("payload");
    }

    private static void source(final JsonOut out, final SourceDecoder source)
    {
        out.field("source_id", source.sourceId()).field("sequence", source.sequence());
    }

    private static void scope(final JsonOut out, final Scope scope, final int targetId)
    {
        out.field("scope", lower(scope)).field("target_id", targetId);
    }

    private static String venue(final Venue venue)
    {
        return lower(venue);
    }

    private static String lower(final Enum<?> value)
    {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** A book level: {@code ["price", "quantity"]}. */
    private static void level(final JsonOut out, final long price, final int px, final long quantity, final int sz)
    {
        out.beginArray().decimalValue(price, px).decimalValue(quantity, sz).endArray();
    }
}
