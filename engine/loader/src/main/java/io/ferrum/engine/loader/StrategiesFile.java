package io.ferrum.engine.loader;

import io.ferrum.codecs.config.ConfigException;
import io.ferrum.codecs.config.ConfigFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strategies file, in the one config-file format ({@link ConfigFile}: a repeated key or a line
 * without {@code =} is refused with file and line):
 * <pre>
 * strategy.mm.class = io.ferrum.engine.strategy.marketmaker.MarketMaker
 * strategy.mm.strategyId = 1
 * strategy.mm.instrumentId = 15
 * </pre>
 * Every key is {@code strategy.<name>.class} or {@code strategy.<name>.<parameter>}; a name
 * (letters, digits, {@code _} and {@code -}) needs its {@code class} line. Strategies are
 * registered in the order of their first line, which is part of the engine's state.
 */
public final class StrategiesFile
{
    public static final String PREFIX = "strategy.";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    /** One strategy: its name, class, parameters (full keys, without the class line) and where it was written. */
    public record Entry(String name, String className, Map<String, String> parameters, String where)
    {
        public String prefix()
        {
            return PREFIX + name + ".";
        }
    }

    private final String origin;
    private final List<Entry> entries;

    private StrategiesFile(final String origin, final List<Entry> entries)
    {
        this.origin = origin;
        this.entries = List.copyOf(entries);
    }

    /** @throws ConfigException naming the file and line */
    public static StrategiesFile read(final Path file)
    {
        return of(ConfigFile.read(file));
    }

    /** @throws ConfigException naming {@code origin} and the line */
    public static StrategiesFile parse(final String text, final String origin)
    {
        return of(ConfigFile.parse(text, origin));
    }

    private static StrategiesFile of(final ConfigFile file)
    {
        final Map<String, String> classes = new LinkedHashMap<>();
        final Map<String, String> firstLine = new LinkedHashMap<>();
        final Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
        for (final ConfigFile.Entry entry : file.entries())
        {
            final String key = entry.key();
            final int dot = key.indexOf('.', PREFIX.length());
            if (!key.startsWith(PREFIX) || dot < 0)
            {
                throw entry.error("is not strategy.<name>.class or strategy.<name>.<parameter>");
            }
            final String name = key.substring(PREFIX.length(), dot);
            final String parameter = key.substring(dot + 1);
            if (!NAME.matcher(name).matches())
            {
                throw entry.error("has a strategy name that is not 1..64 letters, digits, '_' or '-'");
            }
            if (!PARAMETER.matcher(parameter).matches())
            {
                throw entry.error("has a parameter name that is not 1..128 letters, digits, '_', '.' or '-'");
            }
            firstLine.putIfAbsent(name, entry.where());
            if ("class".equals(parameter))
            {
                classes.put(name, entry.value());
            }
            else
            {
                parameters.computeIfAbsent(name, n -> new TreeMap<>()).put(key, entry.value());
            }
        }
        final List<Entry> entries = new ArrayList<>();
        for (final Map.Entry<String, String> first : firstLine.entrySet())
        {
            final String name = first.getKey();
            final String className = classes.get(name);
            if (null == className)
            {
                throw new ConfigException(first.getValue() + ": strategy '" + name + "' has no " + PREFIX + name +
                    ".class line");
            }
            entries.add(new Entry(name, className, parameters.getOrDefault(name, Map.of()), first.getValue()));
        }
        if (entries.isEmpty())
        {
            throw new ConfigException(file.origin() + ": no strategy in it (strategy.<name>.class = <class>)");
        }
        return new StrategiesFile(file.origin(), entries);
    }

    public String origin()
    {
        return origin;
    }

    public List<Entry> entries()
    {
        return entries;
    }

    /**
     * This file with one parameter of one of its strategies set (added or replaced), for a parameter sweep.
     *
     * @param key {@code strategy.<name>.<parameter>} of a strategy in the file (not its class line)
     * @throws ConfigException when the key names no strategy of the file, is a class line or is malformed
     */
    public StrategiesFile with(final String key, final String value)
    {
        final Entry entry = entries.stream().filter(e -> key.startsWith(e.prefix()) && key.length() > e.prefix().length())
            .findFirst().orElseThrow(() -> new ConfigException(origin + ": '" + key + "' is not strategy.<name>.<parameter>" +
            " of a strategy in it (" + String.join(", ", entries.stream().map(Entry::name).toList()) + ")"));
        if (key.equals(entry.prefix() + "class"))
        {
            throw new ConfigException(origin + ": '" + key + "' is a class line, not a parameter");
        }
        final StringBuilder text = new StringBuilder();
        for (final Entry e : entries)
        {
            text.append(e.prefix()).append("class = ").append(e.className()).append('\n');
            final Map<String, String> parameters = new TreeMap<>(e.parameters());
            if (e == entry)
            {
                parameters.put(key, value);
            }
            parameters.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        }
        return parse(text.toString(), origin + " with " + key + " = " + value);
    }

    /** The file's content in its canonical form (strategies in order, each class line first), for a journal. */
    public String text()
    {
        final StringBuilder text = new StringBuilder();
        for (final Entry entry : entries)
        {
            text.append(entry.prefix()).append("class = ").append(entry.className()).append('\n');
            entry.parameters().forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        }
        return text.toString();
    }
}
