/**
 * Ferrum's metrics read from outside the processes that make them, read-only: the Ferrum counters
 * and Aeron's cluster counters in each CnC file, and the per-stage latency files beside them
 * ({@link io.ferrum.ops.metrics.MetricsReader} gives a {@link io.ferrum.ops.metrics.MetricsSnapshot});
 * the Prometheus endpoint on top ({@link io.ferrum.ops.metrics.PrometheusMetrics},
 * {@link io.ferrum.ops.metrics.MetricsServer}). Used by {@code ./ferrum stat}, {@code ./ferrum metrics},
 * the demo and the dashboard. Uses the sequencer's telemetry layouts, HdrHistogram and the Prometheus client.
 */
package io.ferrum.ops.metrics;
