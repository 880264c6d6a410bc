/**
 * JMH benchmarks and the end-to-end latency harness, with their {@code ./ferrum} commands.
 * May use every module; nothing depends on it.
 */
package io.ferrum.bench;
