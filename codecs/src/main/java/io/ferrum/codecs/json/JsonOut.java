package io.ferrum.codecs.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ferrum.codecs.decimal.FixedPoint;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Ferrum's one writer of JSON text for cold paths (command lines, the journal tail, reports,
 * result files): Jackson's streaming generator, so structure and string escaping are Jackson's and
 * nobody hand-escapes again. It adds the event contract's value forms (docs/schemas/): prices and
 * sizes as decimal strings at the message's exponent (never a double), times as RFC 3339 UTC,
 * non-finite doubles as null. Output is compact and keeps the order fields are written in.
 * <p>
 * It allocates: never on the hot path (the engine's SBE encoders and the gateway's scanner do not
 * use it). Not thread-safe; one instance builds one JSON text.
 */
public final class JsonOut
{
    private static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(new TerminalSafeEscapes()).build();

    private final StringWriter text = new StringWriter(256);
    private final JsonGenerator out;

    private JsonOut()
    {
        try
        {
            out = FACTORY.createGenerator(text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** A writer with its top-level object already open. */
    public static JsonOut object()
    {
        return new JsonOut().beginObject();
    }

    /** A writer with nothing written yet (for a top-level array or a value). */
    public static JsonOut empty()
    {
        return new JsonOut();
    }

    public JsonOut beginObject()
    {
        return io(() -> out.writeStartObject());
    }

    public JsonOut beginObject(final String name)
    {
        return io(() -> out.writeObjectFieldStart(name));
    }

    public JsonOut endObject()
    {
        return io(() -> out.writeEndObject());
    }

    public JsonOut beginArray()
    {
        return io(() -> out.writeStartArray());
    }

    public JsonOut beginArray(final String name)
    {
        return io(() -> out.writeArrayFieldStart(name));
    }

    public JsonOut endArray()
    {
        return io(() -> out.writeEndArray());
    }

    /** A string field; null writes JSON null. */
    public JsonOut field(final String name, final String value)
    {
        return io(() -> out.writeStringField(name, value));
    }

    public JsonOut field(final String name, final long value)
    {
        return io(() -> out.writeNumberField(name, value));
    }

    public JsonOut field(final String name, final boolean value)
    {
        return io(() -> out.writeBooleanField(name, value));
    }

    /** A ratio or measurement; NaN and infinities (undefined) write null so the text stays JSON. */
    public JsonOut field(final String name, final double value)
    {
        return io(() ->
        {
            out.writeFieldName(name);
            writeDouble(value);
        });
    }

    public JsonOut nullField(final String name)
    {
        return io(() -> out.writeNullField(name));
    }

    /** A fixed-point value as an exact decimal string with {@code -exponent} fraction digits. */
    public JsonOut decimal(final String name, final long mantissa, final int exponent)
    {
        return field(name, FixedPoint.format(mantissa, exponent));
    }

    /** Epoch nanoseconds as an RFC 3339 UTC time string. */
    public JsonOut time(final String name, final long epochNs)
    {
        return field(name, time(epochNs));
    }

    /** A field whose value is JSON text this writer produced earlier (or null). */
    public JsonOut rawField(final String name, final String json)
    {
        return io(() ->
        {
            out.writeFieldName(name);
            if (json == null)
            {
                out.writeNull();
            }
            else
            {
                out.writeRawValue(json);
            }
        });
    }

    /** An array element: a string, or null. */
    public JsonOut value(final String value)
    {
        return io(() -> out.writeString(value));
    }

    public JsonOut value(final long value)
    {
        return io(() -> out.writeNumber(value));
    }

    public JsonOut value(final double value)
    {
        return io(() -> writeDouble(value));
    }

    /** An array element: a fixed-point value as a decimal string. */
    public JsonOut decimalValue(final long mantissa, final int exponent)
    {
        return value(FixedPoint.format(mantissa, exponent));
    }

    /** Closes whatever is still open and returns the text. */
    @Override
    public String toString()
    {
        return io(() -> out.close()).text.toString();
    }

    /** Epoch nanoseconds as RFC 3339 UTC ({@link Instant#toString()}: fraction digits in groups of three). */
    public static String time(final long epochNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L))
            .toString();
    }

    private void writeDouble(final double value) throws IOException
    {
        if (Double.isFinite(value))
        {
            out.writeNumber(value); // Double.toString's digits, as a StringBuilder would append them
        }
        else
        {
            out.writeNull();
        }
    }

    private JsonOut io(final Write write)
    {
        try
        {
            write.run();
            return this;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex); // a StringWriter does not fail; a misuse (name outside an object) lands here
        }
    }

    @FunctionalInterface
    private interface Write
    {
        void run() throws IOException;
    }
}
