package io.ferrum.engine.risk;

import org.agrona.DirectBuffer;

/**
 * The two things a {@link PreTradeCheck} may do to the engine, on the engine thread during an
 * input: close a position through the normal order path (a fired stop-loss) and publish a
 * record on the engine's output (the decision audit). Kept apart from {@link EngineView} so that
 * the view stays read-only.
 */
public interface EngineActions
{
    /**
     * Sends a reduce-only market order that closes a strategy's position in an instrument; the order
     * passes the pre-trade check like any other.
     *
     * @return the client order id, 0 when flat, or a negative reject
     */
    long flattenPosition(int strategyId, int instrumentId);

    /** Offers a message on the engine's output; a refused offer is counted as back-pressure. */
    void offerOutput(DirectBuffer buffer, int offset, int length);
}
