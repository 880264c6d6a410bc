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

    /**
     * A new session with a leader: on the first connection, after a reconnect and after every
     * leader change. The egress of the old leader may have lost engine outputs; an order
     * gateway reconciles here (see {@code ReconcileOrders}). Called on the sequencer's thread
     * once the session is up and the unacknowledged inputs are queued for re-sending: anything
     * published in the ring from here on reaches the new leader after them.
     *
     * @param leaderMemberId the new leader's member id
     */
    default void onNewLeader(int leaderMemberId)
    {
    }
}
