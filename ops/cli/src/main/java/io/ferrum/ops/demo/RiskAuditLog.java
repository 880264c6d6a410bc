package io.ferrum.ops.demo;

import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.RiskDecisionDecoder;
import io.ferrum.gateway.logging.LogFields;
import io.ferrum.sequencer.EngineEgressListener;
import io.ferrum.sequencer.journal.EventJson;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.ByteBuffer;

/**
 * Every pre-trade decision of the engine (its RiskDecision outputs, accepted and rejected, with
 * the values checked) as a structured log line, component {@code risk}, message
 * {@code risk_decision <event JSON>} in the journal tail's event contract. Off the hot path: the
 * egress thread only copies the message into an inbox; this agent's own thread formats and logs.
 * A full inbox drops the log line and counts it (the journal still holds the decision).
 */
public final class RiskAuditLog implements Agent, EngineEgressListener
{
    private static final Logger LOG = LogManager.getLogger(RiskAuditLog.class);
    private static final int TEMPLATE_ID_OFFSET = 2;

    private final ManyToOneRingBuffer inbox;
    private final EventJson json = new EventJson();
    private final org.agrona.concurrent.MessageHandler handler = this::onDecision;
    private volatile long logged;
    private volatile long dropped;

    public RiskAuditLog(final int inboxCapacity)
    {
        inbox = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(inboxCapacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    public String roleName()
    {
        return "ferrum-risk-audit-log";
    }

    public void onStart()
    {
        LogFields.component("risk");
    }

    /** The leader's egress (any thread): RiskDecision messages are copied, the rest ignored. */
    public void onEngineOutput(final DirectBuffer buffer, final int offset, final int length, final long timestampNs)
    {
        if (length >= MessageHeaderDecoder.ENCODED_LENGTH &&
            (buffer.getShort(offset + TEMPLATE_ID_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF) ==
                RiskDecisionDecoder.TEMPLATE_ID &&
            !inbox.write(1, buffer, offset, length))
        {
            dropped++;
        }
    }

    public int doWork()
    {
        return inbox.read(handler);
    }

    /** Decisions logged. */
    public long logged()
    {
        return logged;
    }

    /** Decisions not logged because the inbox was full. */
    public long dropped()
    {
        return dropped;
    }

    private void onDecision(final int type, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        final String line = json.format(buffer, offset, length, -1, 0);
        if (line != null)
        {
            LogFields.symbol(json.symbol());
            LOG.info("risk_decision {}", line);
            LogFields.clearEvent();
            logged++;
        }
    }
}
