/**
 * The seam between the order gateway and a venue: {@link io.ferrum.gateway.venue.VenueAdapter}, implemented by the
 * paper venue ({@code gateway/sim}) and by Binance's WebSocket API session ({@code gateway.binance.api}).
 * Uses codecs and the engine's instruments only.
 */
package io.ferrum.gateway.venue;
