package io.ferrum.sequencer.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the cluster's {@code key = value} file into a {@link ClusterConfig}: {@code #} starts a
 * comment line; an unknown key, a repeated key or a malformed line is an error naming the line, and
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
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new ConfigException("cannot read configuration " + file + ": " + ex, ex);
        }
        return parse(text, file.toString());
    }

    /**
     * @param origin names the source in error messages
     */
    static ClusterConfig parse(final String text, final String origin)
    {
        final Map<String, String> values = new LinkedHashMap<>(ClusterConfig.DEFAULTS);
        final Map<String, Integer> seen = new LinkedHashMap<>();
        final TreeMap<Integer, ClusterConfig.Member> members = new TreeMap<>();
        final String[] lines = text.split("\r?\n", -1);

        for (int i = 0; i < lines.length; i++)
        {
            final String line = lines[i].strip();
            final String where = origin + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final int equals = line.indexOf('=');
            if (equals <= 0)
            {
                throw new ConfigException(where + ": expected 'key = value', got '" + line + "'");
            }
            final String key = line.substring(0, equals).strip();
            final String value = line.substring(equals + 1).strip();
            final Integer previous = seen.put(key, i + 1);
            if (null != previous)
            {
                throw new ConfigException(where + ": duplicate key '" + key + "' (first on line " + previous + ")");
            }

            if (key.startsWith(ClusterConfig.MEMBER_PREFIX))
            {
                final ClusterConfig.Member member =
                    ClusterConfig.Member.parse(key.substring(ClusterConfig.MEMBER_PREFIX.length()), value, where);
                members.put(member.id(), member);
            }
            else if (ClusterConfig.DEFAULTS.containsKey(key) ||
                (key.startsWith(ClusterConfig.ENGINE_PREFIX) && key.length() > ClusterConfig.ENGINE_PREFIX.length()))
            {
                values.put(key, value);
            }
            else
            {
                throw new ConfigException(where + ": unknown key '" + key + "'");
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
            return new ClusterConfig(values, List.copyOf(members.values()));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(origin + ": " + ex.getMessage(), ex);
        }
    }
}
