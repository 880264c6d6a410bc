package io.ferrum.engine.risk;

import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.RiskDecisionEncoder;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.risk.RiskDecision;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes every pre-trade decision, accepted or rejected, as a RiskDecision message on the
 * engine's output, with each rule's value and limit (the audit of R3 and issue 5): the order
 * gateway puts it on the log, where the journal tail shows it, and ops logs it. On the engine
 * thread, allocation-free and deterministic: its source sequence is made of the log position of
 * the input that caused it and the decision's index within that input, so a replay makes the
 * same messages and the echoes on the log are strictly increasing per source.
 */
final class RiskDecisionPublisher
{
    /** Source id of the engine's audit records on the log. */
    static final int SOURCE_ID = 1000;
    private static final int INDEX_BITS = 16;
    private static final int MAX_INDEX = (1 << INDEX_BITS) - 1;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final RiskDecisionEncoder encoder = new RiskDecisionEncoder();
    private long lastPosition = -1;
    private int index;

    void publish(
        final long position, final EngineActions actions, final PreTradeRequest request, final RiskDecision decision)
    {
        index = position == lastPosition ? Math.min(index + 1, MAX_INDEX) : 0;
        lastPosition = position;
        final Instrument instrument = request.instrument();
        encoder.wrapAndApplyHeader(buffer, 0, header);
        encoder.source()
            .sourceId(SOURCE_ID)
            .sequence((position << INDEX_BITS) | index)
            .eventTimeNs(request.timestampNs())
            .receiveTimeNs(0);
        encoder.causeLogPosition(position)
            .venue(instrument.venue())
            .instrumentId(instrument.instrumentId())
            .putSymbol(instrument.symbolBytes(), 0)
            .strategyId(request.strategyId())
            .clientOrderId(request.clientOrderId())
            .replacedClientOrderId(request.isReplace() ? request.replacedClientOrderId() : 0)
            .side(request.side())
            .orderType(request.orderType())
            .priceExponent((byte)instrument.priceExponent())
            .sizeExponent((byte)instrument.sizeExponent())
            .price(decision.accepted() ? decision.price() : request.price())
            .quantity(request.quantity())
            .reason(decision.accepted() ? RiskRejectReason.NULL_VAL : decision.reason());
        final int count = decision.checkCount();
        final RiskDecisionEncoder.ChecksEncoder checks = encoder.checksCount(count);
        for (int i = 0; i < count; i++)
        {
            checks.next()
                .check(decision.checkRule(i))
                .scope(decision.checkScope(i))
                .targetId(decision.checkTarget(i))
                .valueExponent((byte)decision.checkExponent(i))
                .observed(decision.checkObserved(i))
                .limitValue(decision.checkLimit(i));
        }
        actions.offerOutput(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }
}
