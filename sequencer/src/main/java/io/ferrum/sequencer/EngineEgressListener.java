package io.ferrum.sequencer;

import org.agrona.DirectBuffer;

/**
 * Receives the engine's outputs (Ferrum SBE messages: NewOrder, CancelOrder, ReplaceOrder,
 * RiskReject, EngineTelemetry) from the cluster leader's egress. Called on the sequencer's
 * thread: copy what must outlive the call, never block.
 */
@FunctionalInterface
public interface EngineEgressListener
{
    /**
     * @param timestampNs cluster time at which the engine produced the message, epoch ns
     */
    void onEngineOutput(DirectBuffer buffer, int offset, int length, long timestampNs);
}
