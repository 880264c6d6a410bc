package io.ferrum.ops.backtest.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader for importing recorded frames (a cold path): objects become
 * maps, arrays lists, strings strings, numbers their source text (so that no number ever
 * passes through a double), true/false booleans, null null.
 */
final class FlatJson
{
    private final String text;
    private int at;

    private FlatJson(final String text)
    {
        this.text = text;
    }

    /** @throws IllegalArgumentException with the character offset when the text is not one JSON value */
    static Object parse(final String text)
    {
        final FlatJson json = new FlatJson(text);
        final Object value = json.value();
        json.skipSpace();
        if (json.at != text.length())
        {
            throw json.error("trailing characters");
        }
        return value;
    }

    private Object value()
    {
        skipSpace();
        if (at >= text.length())
        {
            throw error("unexpected end");
        }
        final char c = text.charAt(at);
        switch (c)
        {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        at++;
        skipSpace();
        if (peek() == '}')
        {
            at++;
            return map;
        }
        while (true)
        {
            skipSpace();
            if (peek() != '"')
            {
                throw error("expected a key");
            }
            final String key = string();
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            if (peek() == ',')
            {
                at++;
                continue;
            }
            expect('}');
            return map;
        }
    }

    private List<Object> array()
    {
        final List<Object> list = new ArrayList<>();
        at++;
        skipSpace();
        if (peek() == ']')
        {
            at++;
            return list;
        }
        while (true)
        {
            list.add(value());
            skipSpace();
            if (peek() == ',')
            {
                at++;
                continue;
            }
            expect(']');
            return list;
        }
    }

    private String string()
    {
        at++;
        final StringBuilder sb = new StringBuilder();
        while (true)
        {
            if (at >= text.length())
            {
                throw error("unterminated string");
            }
            final char c = text.charAt(at++);
            if (c == '"')
            {
                return sb.toString();
            }
            if (c == '\\')
            {
                if (at >= text.length())
                {
                    throw error("unterminated escape");
                }
                final char e = text.charAt(at++);
                switch (e)
                {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' ->
                    {
                        if (at + 4 > text.length())
                        {
                            throw error("bad unicode escape");
                        }
                        try
                        {
                            sb.append((char)Integer.parseInt(text.substring(at, at + 4), 16));
                        }
                        catch (final NumberFormatException ex)
                        {
                            throw error("bad unicode escape");
                        }
                        at += 4;
                    }
                    default -> throw error("bad escape");
                }
            }
            else
            {
                sb.append(c);
            }
        }
    }

    private String number()
    {
        final int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0)
        {
            at++;
        }
        if (start == at)
        {
            throw error("unexpected character '" + text.charAt(at) + "'");
        }
        return text.substring(start, at);
    }

    private Object literal(final String word, final Object value)
    {
        if (!text.startsWith(word, at))
        {
            throw error("unexpected word");
        }
        at += word.length();
        return value;
    }

    private void expect(final char c)
    {
        if (peek() != c)
        {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private char peek()
    {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void skipSpace()
    {
        while (at < text.length() && Character.isWhitespace(text.charAt(at)))
        {
            at++;
        }
    }

    private IllegalArgumentException error(final String reason)
    {
        return new IllegalArgumentException("JSON at character " + at + ": " + reason);
    }
}
