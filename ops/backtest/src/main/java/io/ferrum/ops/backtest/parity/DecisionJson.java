package io.ferrum.ops.backtest.parity;

import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.codecs.sbe.CancelOrderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.ReplaceOrderDecoder;
import io.ferrum.codecs.sbe.RiskRejectDecoder;
import io.ferrum.sequencer.journal.EventJson;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Instant;

/**
 * One engine decision (NewOrder, CancelOrder, ReplaceOrder, RiskReject) as a JSON object in the
 * event contract's style: snake_case, decimal strings for prices and sizes, RFC 3339 UTC times.
 */
final class DecisionJson
{
    private DecisionJson()
    {
    }

    static String format(final byte[] message)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(message);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        final StringBuilder out = new StringBuilder(256);
        switch (header.templateId())
        {
            case NewOrderDecoder.TEMPLATE_ID ->
            {
                final NewOrderDecoder order = new NewOrderDecoder().wrapAndApplyHeader(buffer, 0, header);
                begin(out, "new_order", order.strategyId(), order.clientOrderId(), order.symbol(), order.timestampNs());
                field(out, "side", order.side().name());
                field(out, "order_type", order.orderType().name());
                field(out, "time_in_force", order.timeInForce().name());
                field(out, "price", FixedPoint.format(order.price(), order.priceExponent()));
                field(out, "quantity", FixedPoint.format(order.quantity(), order.sizeExponent()));
            }
            case CancelOrderDecoder.TEMPLATE_ID ->
            {
                final CancelOrderDecoder cancel = new CancelOrderDecoder().wrapAndApplyHeader(buffer, 0, header);
                begin(out, "cancel_order", cancel.strategyId(), cancel.clientOrderId(), cancel.symbol(), cancel.timestampNs());
            }
            case ReplaceOrderDecoder.TEMPLATE_ID ->
            {
                final ReplaceOrderDecoder replace = new ReplaceOrderDecoder().wrapAndApplyHeader(buffer, 0, header);
                begin(out, "replace_order", replace.strategyId(), replace.clientOrderId(), replace.symbol(),
                    replace.timestampNs());
                out.append(",\"new_client_order_id\":").append(replace.newClientOrderId());
                field(out, "price", FixedPoint.format(replace.price(), replace.priceExponent()));
                field(out, "quantity", FixedPoint.format(replace.quantity(), replace.sizeExponent()));
            }
            case RiskRejectDecoder.TEMPLATE_ID ->
            {
                final RiskRejectDecoder reject = new RiskRejectDecoder().wrapAndApplyHeader(buffer, 0, header);
                begin(out, "risk_reject", reject.strategyId(), reject.clientOrderId(), reject.symbol(), reject.timestampNs());
                field(out, "reason", reject.reason().name());
                field(out, "observed", FixedPoint.format(reject.observed(), reject.valueExponent()));
                field(out, "limit", FixedPoint.format(reject.limitValue(), reject.valueExponent()));
            }
            default -> throw new IllegalArgumentException("not a decision: template " + header.templateId());
        }
        return out.append('}').toString();
    }

    private static void begin(
        final StringBuilder out, final String type, final int strategyId, final long clientOrderId, final String symbol,
        final long timestampNs)
    {
        out.append('{');
        out.append("\"type\":");
        EventJson.string(out, type);
        field(out, "symbol", symbol.trim());
        field(out, "ts_event", Instant.ofEpochSecond(0, timestampNs).toString());
        out.append(",\"strategy_id\":").append(strategyId);
        out.append(",\"client_order_id\":").append(clientOrderId);
    }

    private static void field(final StringBuilder out, final String name, final String value)
    {
        out.append(',');
        EventJson.string(out, name);
        out.append(':');
        EventJson.string(out, value);
    }
}
