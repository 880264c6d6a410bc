/**
 * JVM profiles, thread-to-core layouts (Java-Thread-Affinity), OS scripts and the host check behind {@code ./ferrum doctor}.
 * Uses Java-Thread-Affinity only; no other Ferrum module.
 */
package io.ferrum.tuning;
