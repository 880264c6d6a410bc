/**
 * Ferrum's strategy API: everything a desk's strategy compiles against, and nothing of the
 * engine's internals, of Aeron or of the cluster.
 * <ul>
 * <li>{@link io.ferrum.strategy.Strategy}: the callbacks (trades, books, top of book, 24 h
 * tickers, timers, order updates, fills) and the snapshot, with the rules a strategy keeps
 * (determinism, no allocation per event, no wall clock).</li>
 * <li>{@link io.ferrum.strategy.StrategyContext}: what a strategy may read (instruments, books,
 * its orders, positions and P&amp;L, the log's time) and do (orders, cancels, replaces, timers).</li>
 * <li>{@link io.ferrum.strategy.OrderRequest}: the allocation-free order builder.</li>
 * <li>Read-only views: {@link io.ferrum.strategy.InstrumentView}, {@link io.ferrum.strategy.BookView},
 * {@link io.ferrum.strategy.OrderView}, {@link io.ferrum.strategy.PositionView},
 * {@link io.ferrum.strategy.TickerView}; value types {@link io.ferrum.strategy.Side},
 * {@link io.ferrum.strategy.OrderType}, {@link io.ferrum.strategy.TimeInForce},
 * {@link io.ferrum.strategy.OrderStatus}, {@link io.ferrum.strategy.Liquidity},
 * {@link io.ferrum.strategy.RejectReason}.</li>
 * <li>{@link io.ferrum.strategy.StrategyParameters}: strict typed parameters from configuration.</li>
 * </ul>
 * Fixed point everywhere: prices and quantities are {@code long} mantissas at the instrument's
 * exponents, money at the context's money exponent; no {@code double} on the path to an order.
 * The version and the compatibility rule: {@link io.ferrum.strategy.StrategyApi}.
 */
package io.ferrum.strategy;
