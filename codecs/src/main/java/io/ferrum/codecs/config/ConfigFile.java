package io.ferrum.codecs.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one reader of the {@code key = value} files a person writes (cluster, risk, layout and
 * engine configuration). {@link java.util.Properties} would take a repeated key, a line without
 * '=' or a misspelt key in silence; here each is an error naming the file and line.
 * <p>
 * Rules: one {@code key = value} per line, blanks around key and value ignored; blank lines and
 * lines starting with {@code #} are skipped, and {@code #} after whitespace starts a comment to
 * the end of the line; keys are ASCII letters, digits and {@code . _ -}; a key given twice is an
 * error; values are printable (no control characters). Which keys exist, and what their values
 * mean, is the caller's: it walks {@link #entries()} and refuses what it does not know with
 * {@link Entry#error(String)}.
 */
public final class ConfigFile
{
    /** Far above any real configuration; a larger file is a mistake (or hostile), not a config. */
    public static final int MAX_CHARS = 1 << 20;
    private static final int ECHO_LIMIT = 64;

    private final String origin;
    private final List<Entry> entries;

    private ConfigFile(final String origin, final List<Entry> entries)
    {
        this.origin = origin;
        this.entries = entries;
    }

    /** One line's key and value, and where it was written. */
    public record Entry(String key, String value, String origin, int line)
    {
        /** {@code origin:line}, the prefix of every message about this entry. */
        public String where()
        {
            return origin + ":" + line;
        }

        /** A {@link ConfigException} for this entry: {@code origin:line: key 'k' message}. */
        public ConfigException error(final String message)
        {
            return new ConfigException(where() + ": key '" + key + "' " + message);
        }
    }

    public static ConfigFile read(final Path file)
    {
        final long size;
        try
        {
            size = Files.size(file);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new ConfigException("cannot read configuration " + file + ": " + ex, ex);
        }
        if (size > MAX_CHARS)
        {
            throw new ConfigException(file + ": larger than " + MAX_CHARS + " bytes");
        }
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final CharacterCodingException ex)
        {
            throw new ConfigException(file + ": not UTF-8 text", ex);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new ConfigException("cannot read configuration " + file + ": " + ex, ex);
        }
        return parse(text, file.toString());
    }

    /**
     * @param origin names the source in error messages (a file name, or e.g. "--config")
     */
    public static ConfigFile parse(final String text, final String origin)
    {
        if (text.length() > MAX_CHARS)
        {
            throw new ConfigException(origin + ": larger than " + MAX_CHARS + " characters");
        }
        final List<Entry> entries = new ArrayList<>();
        final Map<String, Integer> lineOfKey = new HashMap<>();
        final String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++)
        {
            final int lineNumber = i + 1;
            final String line = stripComment(lines[i]).strip();
            if (line.isEmpty())
            {
                continue;
            }
            final String where = origin + ":" + lineNumber;
            final int equals = line.indexOf('=');
            if (equals < 0)
            {
                throw new ConfigException(where + ": expected 'key = value', got '" + printable(line) + "'");
            }
            final String key = line.substring(0, equals).strip();
            final String value = line.substring(equals + 1).strip();
            if (!isKey(key))
            {
                throw new ConfigException(where + ": malformed key '" + printable(key) + "'");
            }
            if (!isPrintable(value))
            {
                throw new ConfigException(where + ": key '" + key + "' has control characters in its value");
            }
            final Integer first = lineOfKey.putIfAbsent(key, lineNumber);
            if (null != first)
            {
                throw new ConfigException(where + ": key '" + key + "' given twice (first on line " + first + ")");
            }
            entries.add(new Entry(key, value, origin, lineNumber));
        }
        return new ConfigFile(origin, Collections.unmodifiableList(entries));
    }

    public String origin()
    {
        return origin;
    }

    /** In file order. */
    public List<Entry> entries()
    {
        return entries;
    }

    /** At most 64 characters of {@code text}, control and non-ASCII characters as '?': text is echoed into logs. */
    public static String printable(final String text)
    {
        return printable(text, ECHO_LIMIT);
    }

    /** At most {@code max} characters of {@code text}, control and non-ASCII characters as '?'. */
    public static String printable(final String text, final int max)
    {
        final int length = Math.min(text.length(), max);
        final StringBuilder sb = new StringBuilder(length + 3);
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > max ? sb.append("...").toString() : sb.toString();
    }

    private static String stripComment(final String line)
    {
        final String stripped = line.stripLeading();
        if (stripped.startsWith("#"))
        {
            return "";
        }
        for (int i = 1; i < line.length(); i++)
        {
            if ('#' == line.charAt(i) && Character.isWhitespace(line.charAt(i - 1)))
            {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static boolean isKey(final String key)
    {
        if (key.isEmpty() || key.length() > 200)
        {
            return false;
        }
        for (int i = 0; i < key.length(); i++)
        {
            final char c = key.charAt(i);
            final boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                '.' == c || '_' == c || '-' == c;
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrintable(final String value)
    {
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c < 0x20 || 0x7f == c)
            {
                return false;
            }
        }
        return true;
    }
}
