/**
 * The backtester: event stores and importers, the engine driven from history, fills, statistics, reports, and (in {@code journal}) what a demo keeps beside its log for replays and the parity check.
 * Uses the engine, the sequencer's journal reader and the gateway's decoders; never the command line or analytics.
 */
package io.ferrum.ops.backtest;
