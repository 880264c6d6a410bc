package io.ferrum.ops.backtest;

import io.ferrum.engine.loader.LoadedStrategies;
import io.ferrum.engine.loader.StrategiesFile;
import io.ferrum.engine.loader.StrategyJars;
import io.ferrum.engine.loader.StrategyLoader;

import java.util.List;

/**
 * A backtest's strategies from a strategies file ({@code --strategies}, docs/strategies.md) and the
 * desk's jars, instead of the samples chosen by {@code --strategy}. Checked when made: a strategy
 * that does not load stops the run before any data is read.
 */
public record ConfiguredStrategies(StrategiesFile file, StrategyJars jars, List<Integer> strategyIds)
{
    public static ConfiguredStrategies of(final StrategiesFile file, final StrategyJars jars)
    {
        final List<Integer> ids = StrategyLoader.load(file, jars).manifest().items().stream()
            .map(item -> item.strategyId()).toList();
        return new ConfiguredStrategies(file, jars, ids);
    }

    /** New instances: every engine of a run or a sweep gets its own. */
    public LoadedStrategies load()
    {
        return StrategyLoader.load(file, jars);
    }
}
