/**
 * Ferrum's formats: SBE codecs generated from {@code src/main/resources/sbe} (Ferrum's messages, the sequencer's control messages, the engine snapshot's fixed records, Binance's stream), fixed-point decimals, the config reader, the JSON writer.
 * Uses Agrona and jackson-core (streaming only): the bottom of the graph, used by every other module.
 */
package io.ferrum.codecs;
