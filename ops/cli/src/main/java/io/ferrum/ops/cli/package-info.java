/**
 * The command line ({@code ./ferrum}) on picocli: one {@link io.ferrum.ops.cli.FerrumCommand} per verb, found by ServiceLoader, one exit-code convention ({@link io.ferrum.ops.cli.ExitCodes}); beside it the demo, node settings and the client side of a gateway.
 * The top of the graph: may use every module but bench; nothing but bench uses it.
 */
package io.ferrum.ops.cli;
