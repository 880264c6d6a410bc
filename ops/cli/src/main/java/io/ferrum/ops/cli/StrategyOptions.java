package io.ferrum.ops.cli;

import io.ferrum.engine.loader.StrategiesFile;
import io.ferrum.engine.loader.StrategyJars;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --strategies FILE} and {@code --classpath JARS}: the same two options wherever a command builds strategies. */
public final class StrategyOptions
{
    @Option(names = "--strategies", paramLabel = "FILE",
        description = "the strategies to run (strategy.<name>.class and parameters, docs/strategies.md)")
    Path strategies;

    @Option(names = "--classpath", paramLabel = "JARS",
        description = "the strategy jars, separated by ':' (default $FERRUM_CLASSPATH)")
    String classpath;

    /** Null without {@code --strategies}. */
    public StrategiesFile file()
    {
        return null == strategies ? null : StrategiesFile.read(strategies);
    }

    public StrategyJars jars()
    {
        return StrategyJars.resolve(classpath, System.getenv());
    }
}
