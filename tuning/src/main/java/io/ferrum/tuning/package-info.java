/**
 * JVM profiles, thread-to-core layouts (Java-Thread-Affinity), OS scripts and the host check behind {@code ./ferrum doctor}.
 * Uses Java-Thread-Affinity; no Ferrum module above codecs (the engine, sequencer and gateway use it, never the reverse).
 */
package io.ferrum.tuning;
