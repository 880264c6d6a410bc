/**
 * How the engine is driven and observed: inputs and timers in, decisions out, snapshots and the state hash.
 * Uses Agrona buffers only (no engine internals, no Aeron): the sequencer and the cluster adapter depend on this, not on the engine.
 */
package io.ferrum.engine.api;
