/**
 * Trading history in PostgreSQL: the {@link io.ferrum.ops.history.HistoryWriter} follows a member's
 * committed log and writes it exactly once (rows and log position in one transaction), the schema's
 * versioned migrations and time split (daily partitions or TimescaleDB), the demo's embedded
 * database, and the {@link io.ferrum.ops.history.HistoryReader} that gives a log back to a backtest.
 * Uses codecs, the engine's books and positions, the sequencer's journal follower and the backtest's
 * event store; never the command line, never the engine's thread.
 */
package io.ferrum.ops.history;
