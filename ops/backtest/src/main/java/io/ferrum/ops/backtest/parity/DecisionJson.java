package io.ferrum.ops.backtest.parity;

import io.ferrum.codecs.json.JsonOut;
import io.ferrum.codecs.sbe.CancelOrderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.ReplaceOrderDecoder;
import io.ferrum.codecs.sbe.RiskRejectDecoder;
import org.agrona.concurrent.UnsafeBuffer;

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
        final JsonOut out = JsonOut.object();
        switch (header.templateId())
        {
            case NewOrderDecoder.TEMPLATE_ID ->
            {
                final NewOrderDecoder order = new NewOrderDecoder().wrapAndApplyHeader(buffer, 0, header);
                begin(out, "new_order", order.strategyId(), order.clientOrderId(), order.symbol(), order.timestampNs());
                out.field("side", order.side().name());
                out.field("order_type", order.orderType().name());
                out.field("time_in_force", order.timeInForce().name());
                out.decimal("price", order.price(), order.priceExponent());
                out.decimal("quantity", order.quantity(), order.sizeExponent());
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
                out.field("new_client_order_id", replace.newClientOrderId());
                out.decimal("price", replace.price(), replace.priceExponent());
                out.decimal("quantity", replace.quantity(), replace.sizeExponent());
            }
            case RiskRejectDecoder.TEMPLATE_ID ->
            {
                final RiskRejectDecoder reject = new RiskRejectDecoder().wrapAndApplyHeader(buffer, 0, header);
                begin(out, "risk_reject", reject.strategyId(), reject.clientOrderId(), reject.symbol(), reject.timestampNs());
                out.field("reason", reject.reason().name());
                out.decimal("observed", reject.observed(), reject.valueExponent());
                out.decimal("limit", reject.limitValue(), reject.valueExponent());
            }
            default -> throw new IllegalArgumentException("not a decision: template " + header.templateId());
        }
        return out.toString();
    }

    private static void begin(
        final JsonOut out, final String type, final int strategyId, final long clientOrderId, final String symbol,
        final long timestampNs)
    {
        out.field("type", type).field("symbol", symbol.trim()).time("ts_event", timestampNs)
            .field("strategy_id", strategyId).field("client_order_id", clientOrderId);
    }
}
