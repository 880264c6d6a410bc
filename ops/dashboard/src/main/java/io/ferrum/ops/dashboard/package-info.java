/**
 * The operator's read-only web dashboard (issue 16, O2 and O5): a Netty HTTP server on a cold thread
 * that serves one page (its script bundled from npm at build time, in the jar) and pushes the live
 * figures over Server-Sent Events. The figures come from what already exists off the hot path: the
 * {@link io.ferrum.ops.metrics.MetricsReader} (CnC counters and latency files) and a
 * {@link io.ferrum.sequencer.journal.JournalTail} following the member's committed log. Nothing the
 * page can send reaches the cluster: GET only, loopback by default, same-origin only.
 */
package io.ferrum.ops.dashboard;
