package io.ferrum.engine.instrument;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader for configuration-sized documents (cold path: it builds a tree of
 * {@link Map}, {@link List}, {@link String}, {@link BigDecimal}, {@link Boolean} and
 * {@link #NULL}). RFC 8259 only: no comments, no trailing commas, no NaN, no leading zeros, no
 * duplicate keys, nothing after the value; nesting is bounded so that a hostile file cannot
 * exhaust the stack. Errors are {@link IllegalArgumentException}s naming the line and column.
 */
final class StrictJson
{
    /** JSON {@code null}: distinct from a missing key. */
    static final Object NULL = new Object()
    {
        public String toString()
        {
            return "null";
        }
    };

    static final int MAX_DEPTH = 64;

    private final String text;
    private int index;
    private int depth;

    private StrictJson(final String text)
    {
        this.text = text;
    }

    static Object parse(final String text)
    {
        final StrictJson reader = new StrictJson(text);
        reader.skipWhitespace();
        final Object value = reader.value();
        reader.skipWhitespace();
        if (reader.index != text.length())
        {
            throw reader.error("unexpected '" + text.charAt(reader.index) + "' after the document");
        }
        return value;
    }

    private Object value()
    {
        if (index >= text.length())
        {
            throw error("unexpected end of input");
        }
        final char c = text.charAt(index);
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
                return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return number();
                }
                throw error("unexpected '" + c + "'");
        }
    }

    private Map<String, Object> object()
    {
        enter();
        index++;
        final Map<String, Object> object = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}')
        {
            index++;
            depth--;
            return object;
        }
        while (true)
        {
            skipWhitespace();
            if (peek() != '"')
            {
                throw error("expected a member name");
            }
            final int keyAt = index;
            final String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (object.put(key, value()) != null)
            {
                index = keyAt;
                throw error("repeated key \"" + key + "\"");
            }
            skipWhitespace();
            final char next = peek();
            index++;
            if (next == '}')
            {
                depth--;
                return object;
            }
            if (next != ',')
            {
                index--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array()
    {
        enter();
        index++;
        final List<Object> array = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']')
        {
            index++;
            depth--;
            return array;
        }
        while (true)
        {
            skipWhitespace();
            array.add(value());
            skipWhitespace();
            final char next = peek();
            index++;
            if (next == ']')
            {
                depth--;
                return array;
            }
            if (next != ',')
            {
                index--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private void enter()
    {
        if (++depth > MAX_DEPTH)
        {
            throw error("nested deeper than " + MAX_DEPTH);
        }
    }

    private String string()
    {
        index++;
        final StringBuilder out = new StringBuilder();
        while (true)
        {
            if (index >= text.length())
            {
                throw error("unterminated string");
            }
            final char c = text.charAt(index++);
            if (c == '"')
            {
                return out.toString();
            }
            if (c < 0x20)
            {
                index--;
                throw error("control character in a string");
            }
            if (c != '\\')
            {
                out.append(c);
                continue;
            }
            if (index >= text.length())
            {
                throw error("unterminated string");
            }
            final char e = text.charAt(index++);
            switch (e)
            {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' ->
                {
                    if (index + 4 > text.length())
                    {
                        throw error("short \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++)
                    {
                        final int digit = Character.digit(text.charAt(index++), 16);
                        if (digit < 0)
                        {
                            index--;
                            throw error("bad \\u escape");
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char)code);
                }
                default ->
                {
                    index--;
                    throw error("bad escape \\" + e);
                }
            }
        }
    }

    private BigDecimal number()
    {
        final int start = index;
        if (peek() == '-')
        {
            index++;
        }
        if (peek() == '0')
        {
            index++;
        }
        else if (!digits())
        {
            throw error("bad number");
        }
        if (peek() == '.')
        {
            index++;
            if (!digits())
            {
                throw error("bad number: no digit after '.'");
            }
        }
        if (peek() == 'e' || peek() == 'E')
        {
            index++;
            if (peek() == '+' || peek() == '-')
            {
                index++;
            }
            if (!digits())
            {
                throw error("bad number: no exponent digits");
            }
        }
        if (index - start > 64)
        {
            index = start;
            throw error("number longer than 64 characters");
        }
        return new BigDecimal(text.substring(start, index));
    }

    private boolean digits()
    {
        final int start = index;
        while (index < text.length() && text.charAt(index) >= '0' && text.charAt(index) <= '9')
        {
            index++;
        }
        return index > start;
    }

    private Object literal(final String word, final Object value)
    {
        if (!text.startsWith(word, index))
        {
            throw error("unexpected '" + text.charAt(index) + "'");
        }
        index += word.length();
        return value;
    }

    private void expect(final char c)
    {
        if (peek() != c)
        {
            throw error("expected '" + c + "'");
        }
        index++;
    }

    private char peek()
    {
        if (index >= text.length())
        {
            throw error("unexpected end of input");
        }
        return text.charAt(index);
    }

    private void skipWhitespace()
    {
        while (index < text.length())
        {
            final char c = text.charAt(index);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                return;
            }
            index++;
        }
    }

    private IllegalArgumentException error(final String message)
    {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(index, text.length()); i++)
        {
            if (text.charAt(i) == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
        return new IllegalArgumentException("line " + line + " column " + column + ": " + message);
    }
}
