package io.ferrum.sequencer.telemetry;

/**
 * The stages of the path whose latency is recorded (docs/observability.md gives where each starts
 * and ends). The order is the file layout of {@link LatencyFile}: append, never reorder.
 */
public enum Stage
{
    /** A WebSocket frame handed to the decoder until its messages are in the ring. */
    GATEWAY_DECODE("gateway_decode"),
    /** A message committed to the inbound ring until the sequencer takes it. */
    RING_WAIT("ring_wait"),
    /** The leader's log time of an input until the engine starts applying it (commit and delivery). */
    SEQUENCER_TO_COMMIT("sequencer_to_commit"),
    /** One engine input or timer applied, strategies and risk included. */
    ENGINE_STEP("engine_step"),
    /** The log time of the input an order was decided on until the order gateway hands the order to the venue. */
    DECISION_TO_ORDER_OUT("decision_to_order_out"),
    /** An order handed to the venue until the venue's acknowledgement is back. */
    ORDER_OUT_TO_ACK("order_out_to_ack"),
    /** A market-data tick's intended send time until the order it caused reaches the venue (the latency bench). */
    TICK_TO_TRADE("tick_to_trade");

    private static final Stage[] STAGES = values();

    private final String label;

    Stage(final String label)
    {
        this.label = label;
    }

    /** snake_case name: the {@code stage} label of the Prometheus histogram. */
    public String label()
    {
        return label;
    }

    public static Stage get(final int ordinal)
    {
        return STAGES[ordinal];
    }

    public static int count()
    {
        return STAGES.length;
    }
}
