package io.ferrum.engine.api;

import org.agrona.DirectBuffer;

/**
 * Where the engine's decisions go: Ferrum SBE messages (NewOrder, CancelOrder,
 * ReplaceOrder, RiskReject, EngineTelemetry), message header first. In a cluster this is
 * egress, acted on by the leader only; in a backtest it is the venue model.
 */
@FunctionalInterface
public interface EngineOutput
{
    /**
     * @return false when the message could not be taken now (back-pressure); the caller
     * decides whether to retry, since the engine itself never blocks.
     */
    boolean offer(DirectBuffer buffer, int offset, int length);
}
