/**
 * Strategies by configuration: a strategies file ({@code strategy.<name>.class} and
 * {@code strategy.<name>.<parameter>} lines), the desk's jars ({@code FERRUM_CLASSPATH} or
 * {@code --classpath}) with their SHA-256, and the {@code StrategyManifest} a host journals at
 * start so that a replay can refuse other code. Uses the strategy API and codecs only: it never
 * sees the engine, which receives the loaded strategies as {@code io.ferrum.strategy.Strategy}s.
 */
package io.ferrum.engine.loader;
