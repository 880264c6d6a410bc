package io.ferrum.engine.loader;

import io.ferrum.strategy.Strategy;

import java.util.List;

/** The strategies built from a strategies file, in registration order, and the manifest that names their code. */
public record LoadedStrategies(List<Strategy> strategies, StrategyManifest manifest)
{
    public LoadedStrategies
    {
        strategies = List.copyOf(strategies);
    }
}
