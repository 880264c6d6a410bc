/**
 * The deterministic engine core: books, strategies, orders, positions and pre-trade risk, run on one thread.
 * Uses the engine API, the strategy API, codecs and risk only: no Aeron, no cluster, no I/O, no wall clock.
 */
package io.ferrum.engine;
