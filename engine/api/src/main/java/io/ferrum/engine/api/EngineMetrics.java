package io.ferrum.engine.api;

/**
 * An engine that shows its figures (counters, positions, P&amp;L) to operators. The engine's state
 * is read by its own thread only, so the adapter calls {@link #publishMetrics} on that thread
 * between inputs, at a bounded rate of log time: the copy costs nothing per event.
 */
public interface EngineMetrics
{
    /**
     * Copies the current figures into counters made by {@code counters} (made the first time a
     * figure is seen, such as a strategy's first position in an instrument; updated after).
     */
    void publishMetrics(MetricCounters counters);
}
