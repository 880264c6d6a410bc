package io.ferrum.ops.backtest.report;

/**
 * A minimal JSON writer for results (cold path): it tracks commas, escapes strings and
 * writes non-finite doubles as null, so the output is always valid JSON.
 */
final class JsonWriter
{
    private final StringBuilder out = new StringBuilder(1 << 16);
    private boolean needComma;

    JsonWriter beginObject()
    {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    JsonWriter endObject()
    {
        out.append('}');
        needComma = true;
        return this;
    }

    JsonWriter beginArray()
    {
        comma();
        out.append('[');
        needComma = false;
        return this;
    }

    JsonWriter endArray()
    {
        out.append(']');
        needComma = true;
        return this;
    }

    JsonWriter name(final String name)
    {
        comma();
        string(name);
        out.append(':');
        needComma = false;
        return this;
    }

    JsonWriter value(final String value)
    {
        comma();
        if (value == null)
        {
            out.append("null");
        }
        else
        {
            string(value);
        }
        needComma = true;
        return this;
    }

    JsonWriter value(final long value)
    {
        comma();
        out.append(value);
        needComma = true;
        return this;
    }

    JsonWriter value(final double value)
    {
        comma();
        if (Double.isFinite(value))
        {
            out.append(value);
        }
        else
        {
            out.append("null");
        }
        needComma = true;
        return this;
    }

    JsonWriter raw(final CharSequence json)
    {
        comma();
        out.append(json);
        needComma = true;
        return this;
    }

    private void comma()
    {
        if (needComma)
        {
            out.append(',');
        }
    }

    private void string(final String s)
    {
        out.append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&')
                    {
                        out.append(String.format("\\u%04x", (int)c)); // also safe inside an HTML script
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString()
    {
        return out.toString();
    }
}
