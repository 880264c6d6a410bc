/**
 * The command line ({@code ./ferrum}): one {@link io.ferrum.ops.cli.Command} per verb, found by ServiceLoader; beside it the demo, node settings and the client side of a gateway.
 * The top of the graph: may use every module but bench; nothing but bench uses it.
 */
package io.ferrum.ops.cli;
