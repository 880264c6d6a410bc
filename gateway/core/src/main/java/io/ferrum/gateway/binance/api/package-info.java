/**
 * Binance spot order entry over the WebSocket API ({@code /ws-api/v3}): request signing (HMAC-SHA256 and
 * Ed25519 {@code session.logon}), credentials from the environment, the session client and the decoder of its
 * responses and user data stream events into Ferrum SBE. Uses codecs, the JSON scanner, the client's backoff and
 * connection budget, and the venue seam ({@code gateway.venue}); never the simulation.
 */
package io.ferrum.gateway.binance.api;
