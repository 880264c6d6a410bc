package io.ferrum.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-only JSON reader for fixture frames (the gateway's real decoder lives elsewhere):
 * objects become maps, arrays lists, strings and numbers stay as their text.
 */
public final class MiniJson
{
    private final String text;
    private int pos;

    private MiniJson(final String text)
    {
        this.text = text;
    }

    public static Object parse(final String text)
    {
        final MiniJson json = new MiniJson(text);
        final Object value = json.value();
        json.skipSpace();
        if (json.pos != text.length())
        {
            throw new IllegalArgumentException("trailing characters at " + json.pos);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(final String text)
    {
        return (Map<String, Object>)parse(text);
    }

    private Object value()
    {
        skipSpace();
        final char c = text.charAt(pos);
        if (c == '{')
        {
            pos++;
            final Map<String, Object> map = new LinkedHashMap<>();
            skipSpace();
            if (text.charAt(pos) == '}')
            {
                pos++;
                return map;
            }
            while (true)
            {
                skipSpace();
                final String key = string();
                skipSpace();
                expect(':');
                map.put(key, value());
                skipSpace();
                if (text.charAt(pos) == ',')
                {
                    pos++;
                    continue;
                }
                expect('}');
                return map;
            }
        }
        if (c == '[')
        {
            pos++;
            final List<Object> list = new ArrayList<>();
            skipSpace();
            if (text.charAt(pos) == ']')
            {
                pos++;
                return list;
            }
            while (true)
            {
                list.add(value());
                skipSpace();
                if (text.charAt(pos) == ',')
                {
                    pos++;
                    continue;
                }
                expect(']');
                return list;
            }
        }
        if (c == '"')
        {
            return string();
        }
        final int start = pos;
        while (pos < text.length() && ",}] \t\r\n".indexOf(text.charAt(pos)) < 0)
        {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String string()
    {
        expect('"');
        final StringBuilder out = new StringBuilder();
        while (text.charAt(pos) != '"')
        {
            char c = text.charAt(pos++);
            if (c == '\\')
            {
                c = text.charAt(pos++);
                if (c == 'u')
                {
                    c = (char)Integer.parseInt(text.substring(pos, pos + 4), 16);
                    pos += 4;
                }
            }
            out.append(c);
        }
        pos++;
        return out.toString();
    }

    private void expect(final char c)
    {
        if (text.charAt(pos) != c)
        {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in " + text);
        }
        pos++;
    }

    private void skipSpace()
    {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos)))
        {
            pos++;
        }
    }
}
