/**
 * One market-data connection's decoding half wired together: Binance frame decoders feeding book syncs.
 * Sits above both {@code binance} (decoders) and {@code book} (book sync, which uses the decoders' types).
 */
package io.ferrum.gateway.feed;
