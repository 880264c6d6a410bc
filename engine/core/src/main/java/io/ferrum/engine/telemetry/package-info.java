/**
 * What the engine records about its own run: counters (part of the state, snapshotted and hashed) and
 * the reject log (an observation, not state). A leaf under the engine, so that orders, books and the
 * engine can all bump counters without the packages below the engine importing the engine back.
 */
package io.ferrum.engine.telemetry;
