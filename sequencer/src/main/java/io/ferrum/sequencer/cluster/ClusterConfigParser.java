package io.ferrum.sequencer.cluster;

import io.ferrum.codecs.config.ConfigException;
import io.ferrum.codecs.config.ConfigFile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the cluster's {@code key = value} file ({@link ConfigFile}'s rules) into a
 * {@link ClusterConfig}: an unknown key is an error naming the line, and
 * a value the settings refuse is an error naming the file. Members ({@code cluster.member.N}) must
 * be numbered 0..N-1. Values are kept as text: {@link ClusterConfig} validates them.
 */
final class ClusterConfigParser
{
    private ClusterConfigParser()
    {
    }

    static ClusterConfig load(final Path file)
    {
        return parse(ConfigFile.read(file));
    }

    /**
     * @param origin names the source in error messages
     */
    static ClusterConfig parse(final String text, final String origin)
    {
        return parse(ConfigFile.parse(text, origin));
    }

    private static ClusterConfig parse(final ConfigFile file)
    {
        final String origin = file.origin();
        final Map<String, String> values = new LinkedHashMap<>(ClusterConfig.DEFAULTS);
        final TreeMap<Integer, ClusterConfig.Member> members = new TreeMap<>();
        final List<ConfigFile.Entry> engine = new java.util.ArrayList<>();
        for (final ConfigFile.Entry entry : file.entries())
        {
            final String key = entry.key();
            if (key.startsWith(ClusterConfig.MEMBER_PREFIX))
            {
                final ClusterConfig.Member member = ClusterConfig.Member.parse(
                    key.substring(ClusterConfig.MEMBER_PREFIX.length()), entry.value(), entry.where());
                members.put(member.id(), member);
            }
            else if (ClusterConfig.DEFAULTS.containsKey(key))
            {
                values.put(key, entry.value());
            }
            else if (key.startsWith(ClusterConfig.ENGINE_PREFIX) && key.length() > ClusterConfig.ENGINE_PREFIX.length())
            {
                // the engine's parser names the file and line of its own errors
                engine.add(entry);
            }
            else
            {
                throw new ConfigException(entry.where() + ": unknown key '" + key + "'");
            }
        }

        int expectedId = 0;
        for (final int id : members.keySet())
        {
            if (id != expectedId++)
            {
                throw new ConfigException(origin + ": member ids must be 0..N-1 without gaps, got " + members.keySet());
            }
        }

        try
        {
            return new ClusterConfig(values, List.copyOf(members.values()), engine);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(origin + ": " + ex.getMessage(), ex);
        }
    }
}
