/**
 * Simulation for the demo, tests, backtests and benchmarks: the venue simulator (Binance's WebSocket and REST over Netty), the simulated matching venue ({@code venue}) and the paper order path ({@code order}).
 * Uses gateway core, the engine and the sequencer's egress; used by ops and bench only, never by a production module.
 */
package io.ferrum.gateway.sim;
