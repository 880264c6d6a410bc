/**
 * The inbound ring, the sequencer into Aeron Cluster ingress, cluster assembly and the clustered-service adapter, the journal reader and tail, replica checks.
 * Uses the engine API (never the engine itself), codecs, tuning, Aeron and the Disruptor.
 */
package io.ferrum.sequencer;
