package io.ferrum.engine.loader;

import io.ferrum.codecs.config.ConfigException;
import io.ferrum.strategy.Strategy;
import io.ferrum.strategy.StrategyApi;
import io.ferrum.strategy.StrategyParameters;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the strategies of a {@link StrategiesFile} from Ferrum's classes and the desk's jars:
 * each class must implement {@link Strategy} and have a public constructor taking
 * {@link StrategyParameters}; a parameter the strategy did not read, a non-positive or repeated
 * strategy id, a class that cannot be found, loaded or built is refused with the file and line of
 * the strategy. New instances on every call: each engine (live, replay, every backtest of a
 * sweep) gets its own.
 */
public final class StrategyLoader
{
    private StrategyLoader()
    {
    }

    /** @throws ConfigException naming the strategies file and line, and the problem */
    public static LoadedStrategies load(final StrategiesFile file, final StrategyJars jars)
    {
        final List<Strategy> strategies = new ArrayList<>();
        final List<StrategyManifest.Item> items = new ArrayList<>();
        final Map<Integer, String> nameById = new HashMap<>();
        for (final StrategiesFile.Entry entry : file.entries())
        {
            final Class<? extends Strategy> type = strategyClass(entry, jars);
            final StrategyParameters parameters = new StrategyParameters(entry.parameters(), entry.prefix());
            final Strategy strategy = construct(entry, type, parameters);
            try
            {
                parameters.refuseUnknown();
            }
            catch (final IllegalArgumentException ex)
            {
                throw fail(entry, ex.getMessage());
            }
            final int strategyId = strategy.strategyId();
            if (strategyId <= 0)
            {
                throw fail(entry, entry.className() + " has strategy id " + strategyId + ", not a positive one");
            }
            final String other = nameById.putIfAbsent(strategyId, entry.name());
            if (null != other)
            {
                throw fail(entry, "strategy id " + strategyId + " is also strategy '" + other + "''s");
            }
            final StrategyJars.Jar jar = jars.jarOf(type);
            strategies.add(strategy);
            items.add(new StrategyManifest.Item(strategyId, entry.name(), entry.className(),
                null == jar ? "" : jar.fileName(), null == jar ? null : jar.sha256(), parameters.describe()));
        }
        return new LoadedStrategies(strategies, new StrategyManifest(StrategyApi.MAJOR, items));
    }

    private static Class<? extends Strategy> strategyClass(final StrategiesFile.Entry entry, final StrategyJars jars)
    {
        final Class<?> type;
        try
        {
            type = Class.forName(entry.className(), false, jars.classLoader());
        }
        catch (final ClassNotFoundException ex)
        {
            throw fail(entry, "class " + entry.className() + " is not in " + jars.describe());
        }
        catch (final LinkageError ex)
        {
            throw fail(entry, "class " + entry.className() + " cannot be loaded: " + ex);
        }
        if (!Strategy.class.isAssignableFrom(type))
        {
            throw fail(entry, entry.className() + " does not implement " + Strategy.class.getName());
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers()))
        {
            throw fail(entry, entry.className() + " is not a public concrete class");
        }
        return type.asSubclass(Strategy.class);
    }

    private static Strategy construct(
        final StrategiesFile.Entry entry, final Class<? extends Strategy> type, final StrategyParameters parameters)
    {
        final Constructor<? extends Strategy> constructor;
        try
        {
            constructor = type.getConstructor(StrategyParameters.class);
        }
        catch (final NoSuchMethodException ex)
        {
            throw fail(entry, entry.className() + " has no public constructor (" +
                StrategyParameters.class.getName() + ")");
        }
        try
        {
            return constructor.newInstance(parameters);
        }
        catch (final InvocationTargetException ex)
        {
            final Throwable cause = ex.getCause();
            throw fail(entry, entry.className() + " refused its parameters: " +
                (null == cause.getMessage() ? cause.toString() : cause.getMessage()));
        }
        catch (final ExceptionInInitializerError ex)
        {
            throw fail(entry, entry.className() + " cannot be built: its static initialiser threw " + ex.getCause());
        }
        catch (final ReflectiveOperationException | LinkageError ex)
        {
            throw fail(entry, entry.className() + " cannot be built: " + ex);
        }
    }

    private static ConfigException fail(final StrategiesFile.Entry entry, final String message)
    {
        return new ConfigException(entry.where() + ": strategy '" + entry.name() + "': " + message);
    }
}
