package io.ferrum.ops.backtest.journal;

import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.telemetry.EngineCounters;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.nio.ByteOrder;

/**
 * The live engine's output as it leaves for egress, with each decision (orders, cancels,
 * replaces, risk rejects) copied into a ring that a {@link DecisionWriter} drains into the
 * journal's {@link DecisionLog}. On the engine's thread: no I/O and no allocation, one ring claim
 * per decision; a full ring loses the copy (counted, and the log says so), never the decision.
 */
public final class DecisionRecorder implements EngineOutput
{
    private final EngineOutput egress;
    private final OneToOneRingBuffer ring;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private Engine engine;
    private volatile long lost;

    DecisionRecorder(final EngineOutput egress, final OneToOneRingBuffer ring)
    {
        this.egress = egress;
        this.ring = ring;
    }

    /** The engine whose input count and log position stamp each decision; set once it is built. */
    public void engine(final Engine engine)
    {
        this.engine = engine;
    }

    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (engine != null && DecisionLog.isDecision(header.wrap(buffer, offset).templateId()))
        {
            final int index = ring.tryClaim(DecisionLog.DECISION, 16 + length);
            if (index > 0)
            {
                final AtomicBuffer claimed = ring.buffer();
                claimed.putLong(index, engine.counters().get(EngineCounters.EVENTS), ByteOrder.LITTLE_ENDIAN);
                claimed.putLong(index + 8, engine.logPosition(), ByteOrder.LITTLE_ENDIAN);
                claimed.putBytes(index + 16, buffer, offset, length);
                ring.commit(index);
            }
            else
            {
                lost++; // single writer: the engine thread
            }
        }
        return egress.offer(buffer, offset, length);
    }

    /** Decisions whose copy did not fit the ring. */
    long lost()
    {
        return lost;
    }
}
