/**
 * The strategy test kit: {@link io.ferrum.strategy.testkit.StrategyTestKit} runs a strategy on the
 * real engine (books, order manager, positions, P&amp;L) and the real pre-trade risk check, fed with
 * market data and venue reports a test writes by hand, and shows the orders the strategy sent.
 * For a desk's unit tests; uses the engine core and the strategy API, never Aeron.
 */
package io.ferrum.strategy.testkit;
