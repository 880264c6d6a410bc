/**
 * Ferrum's SBE messages, the sequencer's control messages and Binance's stream codecs (generated at build time from {@code src/main/resources/sbe}) and fixed-point decimals ({@code decimal}).
 * Uses Agrona only: the bottom of the graph, used by every other module.
 */
package io.ferrum.codecs;
