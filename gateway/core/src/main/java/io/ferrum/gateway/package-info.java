/**
 * The production gateway: Netty clients for Binance spot, decoders from its frames into Ferrum SBE in claimed ring slots, book sync, feed checks, recorded-session reading.
 * Uses codecs, the engine's instruments and price ladder, and the sequencer's ring; never the simulation ({@code gateway/sim}).
 */
package io.ferrum.gateway;
