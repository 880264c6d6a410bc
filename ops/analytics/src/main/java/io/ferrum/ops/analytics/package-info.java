/**
 * Market reports per symbol, kept warm from the committed log or a recorded session, and (in {@code io.ferrum.ops.mcp}) the MCP server that serves them.
 * Uses codecs, the engine's books, the sequencer's journal follower and the gateway's log fields; never the command line.
 */
package io.ferrum.ops.analytics;
