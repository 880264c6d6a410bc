package io.ferrum.engine.api;

import org.agrona.concurrent.status.AtomicCounter;

/**
 * Makes the counters an operator reads from another process (Aeron counters in the cluster, plain
 * ones in a test). A series is named as Prometheus names it, {@code name{label="value",...}}, so
 * that every reader (AeronStat, {@code ./ferrum stat}, the Prometheus endpoint) shows the same
 * text. Making one may ask the media driver and take a while: never per event; updating it is a
 * plain ordered write.
 */
@FunctionalInterface
public interface MetricCounters
{
    /** Only ever grows: events, orders, fills. */
    int COUNTER = 0;
    /** Goes up and down: a position, P&amp;L, a state. */
    int GAUGE = 1;

    /**
     * @param series   {@code name{labels}} in the Prometheus text format's syntax
     * @param kind     {@link #COUNTER} or {@link #GAUGE}
     * @param exponent the value is the counter times 10^exponent (fixed-point mantissas), 0 for counts
     */
    AtomicCounter newCounter(String series, int kind, int exponent);
}
