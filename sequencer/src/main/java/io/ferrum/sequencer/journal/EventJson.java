package io.ferrum.sequencer.journal;

import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
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

import java.time.Instant;
import java.util.Locale;

/**
 * Ferrum's SBE inputs as event-contract JSON lines (E1, docs/schemas/event.schema.json):
 * {@code {"type", "venue", "symbol", "ts_event", "log_position", "payload"}} (the position only for
 * events read from the log), snake_case, {@code ts_event} in
 * RFC 3339 UTC (the venue's event time, else the receive time, else the log time), prices
 * and quantities as decimal strings with exactly the message's exponent (never a double).
 * Types: market data ({@code trade_tick}, {@code order_book_depth}, {@code order_book_deltas},
 * {@code quote_tick}, {@code ticker_24h}), {@code feed_status}, {@code execution_report}, admin
 * commands ({@code set_risk_limit}, {@code set_trading_state}, {@code kill_switch}), the engine's
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
        final StringBuilder out = new StringBuilder(256);
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
        return out.append("}}").toString();
    }

    /** A cluster timer event as an event line. */
    public String timer(final long timerId, final long logPosition, final long logTimeNs)
    {
        this.logPosition = logPosition;
        symbol = ALL_SYMBOLS;
        strategyId = 0;
        final StringBuilder out = new StringBuilder(128);
        start(out, "timer", FERRUM, ALL_SYMBOLS, 0, 0, logTimeNs);
        out.append("\"timer_id\":").append(timerId);
        return out.append("}}").toString();
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
        final StringBuilder out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        trade.wrap(buffer, body, blockLength, version);
        start(out, "trade_tick", venue(trade.venue()), trade.symbol(), trade.source(), logTimeNs);
        out.append("\"trade_id\":").append(trade.tradeId());
        decimal(out, "price", trade.price(), trade.priceExponent());
        decimal(out, "quantity", trade.quantity(), trade.sizeExponent());
        text(out, "aggressor", lower(trade.aggressor()));
        source(out, trade.source());
    }

    private void aggTrade(
        final StringBuilder out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        aggTrade.wrap(buffer, body, blockLength, version);
        start(out, "trade_tick", venue(aggTrade.venue()), aggTrade.symbol(), aggTrade.source(), logTimeNs);
        out.append("\"agg_trade_id\":").append(aggTrade.aggTradeId());
        decimal(out, "price", aggTrade.price(), aggTrade.priceExponent());
        decimal(out, "quantity", aggTrade.quantity(), aggTrade.sizeExponent());
        out.append(",\"first_trade_id\":").append(aggTrade.firstTradeId())
            .append(",\"last_trade_id\":").append(aggTrade.lastTradeId());
        text(out, "aggressor", lower(aggTrade.aggressor()));
        source(out, aggTrade.source());
    }

    private void bookSnapshot(
        final StringBuilder out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        snapshot.wrap(buffer, body, blockLength, version);
        final int px = snapshot.priceExponent();
        final int sz = snapshot.sizeExponent();
        start(out, "order_book_depth", venue(snapshot.venue()), snapshot.symbol(), snapshot.source(), logTimeNs);
        out.append("\"last_update_id\":").append(snapshot.lastUpdateId());
        source(out, snapshot.source());
        out.append(",\"bids\":[");
        boolean first = true;
        for (final BookSnapshotDecoder.BidsDecoder level : snapshot.bids())
        {
            first = level(out, first, level.price(), px, level.quantity(), sz);
        }
        out.append("],\"asks\":[");
        first = true;
        for (final BookSnapshotDecoder.AsksDecoder level : snapshot.asks())
        {
            first = level(out, first, level.price(), px, level.quantity(), sz);
        }
        out.append(']');
    }

    private void bookDelta(
        final StringBuilder out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        delta.wrap(buffer, body, blockLength, version);
        final int px = delta.priceExponent();
        final int sz = delta.sizeExponent();
        start(out, "order_book_deltas", venue(delta.venue()), delta.symbol(), delta.source(), logTimeNs);
        out.append("\"first_update_id\":").append(delta.firstUpdateId())
            .append(",\"last_update_id\":").append(delta.lastUpdateId());
        source(out, delta.source());
        out.append(",\"bids\":[");
        boolean first = true;
        for (final BookDeltaDecoder.BidsDecoder level : delta.bids())
        {
            first = level(out, first, level.price(), px, level.quantity(), sz);
        }
        out.append("],\"asks\":[");
        first = true;
        for (final BookDeltaDecoder.AsksDecoder level : delta.asks())
        {
            first = level(out, first, level.price(), px, level.quantity(), sz);
        }
        out.append(']');
    }

    private void quote(
        final StringBuilder out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        quote.wrap(buffer, body, blockLength, version);
        final int px = quote.priceExponent();
        final int sz = quote.sizeExponent();
        start(out, "quote_tick", venue(quote.venue()), quote.symbol(), quote.source(), logTimeNs);
        out.append("\"update_id\":").append(quote.updateId());
        decimal(out, "bid_price", quote.bidPrice(), px);
        decimal(out, "bid_quantity", quote.bidQuantity(), sz);
        decimal(out, "ask_price", quote.askPrice(), px);
        decimal(out, "ask_quantity", quote.askQuantity(), sz);
        source(out, quote.source());
    }

    private void ticker(
        final StringBuilder out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        ticker.wrap(buffer, body, blockLength, version);
        final int px = ticker.priceExponent();
        final int sz = ticker.sizeExponent();
        start(out, "ticker_24h", venue(ticker.venue()), ticker.symbol(), ticker.source(), logTimeNs);
        out.append("\"trade_count\":").append(ticker.tradeCount());
        decimal(out, "price_change", ticker.priceChange(), px);
        decimal(out, "price_change_percent", ticker.priceChangePercent(), ticker.percentExponent());
        decimal(out, "weighted_avg_price", ticker.weightedAvgPrice(), px);
        decimal(out, "last_price", ticker.lastPrice(), px);
        decimal(out, "last_quantity", ticker.lastQuantity(), sz);
        decimal(out, "bid_price", ticker.bidPrice(), px);
        decimal(out, "ask_price", ticker.askPrice(), px);
        decimal(out, "open_price", ticker.openPrice(), px);
        decimal(out, "high_price", ticker.highPrice(), px);
        decimal(out, "low_price", ticker.lowPrice(), px);
        decimal(out, "volume", ticker.volume(), sz);
        decimal(out, "quote_volume", ticker.quoteVolume(), ticker.quoteExponent());
        source(out, ticker.source());
    }

    private void feedStatus(
        final StringBuilder out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        status.wrap(buffer, body, blockLength, version);
        final String symbol = 0 == status.instrumentId() ? ALL_SYMBOLS : status.symbol();
        start(out, "feed_status", venue(status.venue()), symbol, status.source(), logTimeNs);
        out.append("\"stream_id\":").append(status.streamId());
        text(out, "state", lower(status.state()));
        text(out, "previous_state", lower(status.previousState()));
        source(out, status.source());
        text(out, "detail", status.detail());
    }

    private void report(
        final StringBuilder out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        report.wrap(buffer, body, blockLength, version);
        final int px = report.priceExponent();
        final int sz = report.sizeExponent();
        start(out, "execution_report", venue(report.venue()), report.symbol(), report.source(), logTimeNs);
        out.append("\"client_order_id\":").append(report.clientOrderId())
            .append(",\"venue_order_id\":").append(report.venueOrderId());
        text(out, "exec_type", lower(report.execType()));
        text(out, "order_status", lower(report.orderStatus()));
        text(out, "side", lower(report.side()));
        decimal(out, "last_price", report.lastPrice(), px);
        decimal(out, "last_quantity", report.lastQuantity(), sz);
        decimal(out, "cumulative_quantity", report.cumulativeQuantity(), sz);
        decimal(out, "leaves_quantity", report.leavesQuantity(), sz);
        decimal(out, "fee", report.fee(), report.feeExponent());
        text(out, "liquidity", lower(report.liquidity()));
        out.append(",\"trade_id\":").append(report.tradeId())
            .append(",\"venue_reject_code\":").append(report.venueRejectCode());
        source(out, report.source());
    }

    private void setRiskLimit(
        final StringBuilder out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        riskLimit.wrap(buffer, body, blockLength, version);
        scoped(riskLimit.scope(), riskLimit.targetId());
        start(out, "set_risk_limit", FERRUM, ALL_SYMBOLS, riskLimit.source(), logTimeNs);
        scope(out, riskLimit.scope(), riskLimit.targetId());
        text(out, "risk_limit", lower(riskLimit.riskLimit()));
        decimal(out, "value", riskLimit.value(), riskLimit.valueExponent());
        source(out, riskLimit.source());
        text(out, "operator", riskLimit.operatorName());
    }

    private void setTradingState(
        final StringBuilder out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        tradingState.wrap(buffer, body, blockLength, version);
        scoped(tradingState.scope(), tradingState.targetId());
        start(out, "set_trading_state", FERRUM, ALL_SYMBOLS, tradingState.source(), logTimeNs);
        scope(out, tradingState.scope(), tradingState.targetId());
        text(out, "state", lower(tradingState.state()));
        source(out, tradingState.source());
        text(out, "operator", tradingState.operatorName());
    }

    private void killSwitch(
        final StringBuilder out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        killSwitch.wrap(buffer, body, blockLength, version);
        scoped(killSwitch.scope(), killSwitch.targetId());
        start(out, "kill_switch", FERRUM, ALL_SYMBOLS, killSwitch.source(), logTimeNs);
        scope(out, killSwitch.scope(), killSwitch.targetId());
        source(out, killSwitch.source());
        text(out, "operator", killSwitch.operatorName());
    }

    private void riskDecision(
        final StringBuilder out, final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final long logTimeNs)
    {
        decision.wrap(buffer, body, blockLength, version);
        strategyId = decision.strategyId();
        start(out, "risk_decision", venue(decision.venue()), decision.symbol(), decision.source(), logTimeNs);
        final RiskRejectReason reason = decision.reason();
        final boolean accepted = reason == RiskRejectReason.NULL_VAL;
        out.append("\"accepted\":").append(accepted).append(",\"reason\":");
        if (accepted)
        {
            out.append("null");
        }
        else
        {
            string(out, lower(reason));
        }
        out.append(",\"strategy_id\":").append(decision.strategyId())
            .append(",\"client_order_id\":").append(decision.clientOrderId())
            .append(",\"replaced_client_order_id\":").append(decision.replacedClientOrderId());
        text(out, "side", lower(decision.side()));
        text(out, "order_type", lower(decision.orderType()));
        decimal(out, "price", decision.price(), decision.priceExponent());
        decimal(out, "quantity", decision.quantity(), decision.sizeExponent());
        out.append(",\"cause_log_position\":").append(decision.causeLogPosition()).append(",\"checks\":[");
        boolean first = true;
        for (final RiskDecisionDecoder.ChecksDecoder check : decision.checks())
        {
            out.append(first ? "{" : ",{");
            first = false;
            out.append("\"check\":\"").append(lower(check.check())).append("\",");
            scope(out, check.scope(), check.targetId());
            decimal(out, "observed", check.observed(), check.valueExponent());
            decimal(out, "limit", check.limitValue(), check.valueExponent());
            out.append('}');
        }
        out.append(']');
        source(out, decision.source());
    }

    private void scoped(final Scope scope, final int targetId)
    {
        strategyId = Scope.STRATEGY == scope ? targetId : 0;
    }

    private void start(
        final StringBuilder out, final String type, final String venue, final String symbol, final SourceDecoder source,
        final long logTimeNs)
    {
        start(out, type, venue, symbol, source.eventTimeNs(), source.receiveTimeNs(), logTimeNs);
    }

    private void start(
        final StringBuilder out,
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
        out.append("{\"type\":\"").append(type).append("\",\"venue\":\"").append(venue).append("\",\"symbol\":");
        string(out, this.symbol);
        out.append(",\"ts_event\":\"").append(Instant.ofEpochSecond(0, tsEventNs)).append('"');
        if (logPosition >= 0)
        {
            out.append(",\"log_position\":").append(logPosition);
        }
        out.append(",\"payload\":{");
    }

    private static void source(final StringBuilder out, final SourceDecoder source)
    {
        out.append(",\"source_id\":").append(source.sourceId()).append(",\"sequence\":").append(source.sequence());
    }

    private static void scope(final StringBuilder out, final Scope scope, final int targetId)
    {
        out.append("\"scope\":\"").append(lower(scope)).append("\",\"target_id\":").append(targetId);
    }

    private static String venue(final Venue venue)
    {
        return lower(venue);
    }

    private static String lower(final Enum<?> value)
    {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static void text(final StringBuilder out, final String name, final String value)
    {
        out.append(",\"").append(name).append("\":");
        string(out, value);
    }

    private static void decimal(final StringBuilder out, final String name, final long mantissa, final int exponent)
    {
        FixedPoint.appendTo(out.append(",\"").append(name).append("\":\""), mantissa, exponent).append('"');
    }

    private static boolean level(
        final StringBuilder out, final boolean first, final long price, final int px, final long quantity, final int sz)
    {
        if (!first)
        {
            out.append(',');
        }
        FixedPoint.appendTo(out.append("[\""), price, px).append("\",\"");
        FixedPoint.appendTo(out, quantity, sz).append("\"]");
        return false;
    }

    /** Appends a JSON string literal, escaping quotes, backslashes and control characters. */
    public static void string(final StringBuilder out, final String text)
    {
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if ('"' == c || '\\' == c)
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20 || 0x7f == c)
            {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        out.append('"');
    }
}
