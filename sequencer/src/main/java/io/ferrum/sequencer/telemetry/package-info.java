/**
 * Ferrum's operator metrics on the writing side: counters in the process's Aeron CnC file
 * ({@link io.ferrum.sequencer.telemetry.FerrumCounters}, one type id, the series named in the label) and
 * per-stage latency recorded on the hot threads ({@link io.ferrum.sequencer.telemetry.StageLatency})
 * and published off them into a file beside the CnC ({@link io.ferrum.sequencer.telemetry.LatencyFile})
 * by a cold agent ({@link io.ferrum.sequencer.telemetry.MetricsAgent}). Readers: {@code io.ferrum.ops.metrics}.
 * Uses the engine API, Aeron, Agrona and HdrHistogram.
 */
package io.ferrum.sequencer.telemetry;
