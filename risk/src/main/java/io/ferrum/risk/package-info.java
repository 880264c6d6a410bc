/**
 * Pre-trade risk checks and trading states: a pure library, no I/O and no allocation per check, called on the engine's thread.
 * Uses codecs only.
 */
package io.ferrum.risk;
