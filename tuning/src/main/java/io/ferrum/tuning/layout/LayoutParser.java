package io.ferrum.tuning.layout;

import io.ferrum.codecs.config.ConfigFile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a layout file strictly ({@link ConfigFile}) and checks it names each role once, with a
 * CPU or {@code none}, and no CPU twice: a misspelt role accepted in silence would leave a thread
 * unpinned with nobody knowing.
 */
final class LayoutParser
{
    private LayoutParser()
    {
    }

    static Map<String, Integer> parse(final ConfigFile file)
    {
        final Map<String, Integer> cpuByRole = new LinkedHashMap<>();
        final Map<Integer, String> roleByCpu = new LinkedHashMap<>();
        for (final ConfigFile.Entry entry : file.entries())
        {
            final String role = entry.key();
            if (!ThreadLayout.ROLES.contains(role))
            {
                throw entry.error("unknown, expected one of " + ThreadLayout.ROLES);
            }
            final int cpu = cpu(entry);
            if (ThreadLayout.NOT_PINNED != cpu)
            {
                final String other = roleByCpu.putIfAbsent(cpu, role);
                if (null != other)
                {
                    throw entry.error("puts a second thread on CPU " + cpu + ", already given to '" + other + "'");
                }
            }
            cpuByRole.put(role, cpu);
        }

        for (final String role : ThreadLayout.ROLES)
        {
            if (!cpuByRole.containsKey(role))
            {
                throw new IllegalArgumentException(
                    file.origin() + ": missing key '" + role + "' (give a CPU number, or 'none' to leave it unpinned)");
            }
        }
        return cpuByRole;
    }

    private static int cpu(final ConfigFile.Entry entry)
    {
        final String value = entry.value();
        if ("none".equals(value))
        {
            return ThreadLayout.NOT_PINNED;
        }
        if (value.isEmpty() || value.length() > 4 || !value.chars().allMatch(Character::isDigit))
        {
            throw entry.error("has value '" + ConfigFile.printable(value) + "', expected a CPU number or 'none'");
        }
        final int cpu = Integer.parseInt(value);
        if (cpu > ThreadLayout.MAX_CPU)
        {
            throw entry.error("names CPU " + cpu + ", above the highest supported " + ThreadLayout.MAX_CPU);
        }
        return cpu;
    }
}
