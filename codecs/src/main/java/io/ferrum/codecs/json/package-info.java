/**
 * The one cold-path JSON writer ({@link io.ferrum.codecs.json.JsonOut}) every JSON text Ferrum writes goes through.
 * Uses jackson-core's streaming generator and the fixed-point decimals beside it; no data binding.
 */
package io.ferrum.codecs.json;
