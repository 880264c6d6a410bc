package io.ferrum.gateway.binance.api;

import java.nio.charset.StandardCharsets;

/**
 * Writes one WebSocket API request as JSON text into a reused byte array, and beside it the
 * {@link SignaturePayload} of its parameters, which the caller adds in sorted order (checked): a
 * signed request gets its HMAC without any intermediate text. Nothing is allocated per request.
 */
public final class RequestWriter
{
    private final byte[] json;
    private final byte[] payload;
    private final byte[] lastKey = new byte[64];
    private final byte[] signature = new byte[HmacSigner.SIGNATURE_LENGTH];
    private int lastKeyLength;
    private int jsonLength;
    private int payloadLength;
    private boolean hasParams;

    public RequestWriter(final int capacity)
    {
        json = new byte[capacity];
        payload = new byte[capacity];
    }

    public static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Starts {@code {"id":id,"method":"method"}}. */
    public RequestWriter begin(final long id, final byte[] method)
    {
        jsonLength = 0;
        payloadLength = 0;
        lastKeyLength = 0;
        hasParams = false;
        raw("{\"id\":");
        number(id);
        raw(",\"method\":\"");
        bytes(method, 0, method.length);
        json[jsonLength++] = '"';
        return this;
    }

    public RequestWriter string(final byte[] key, final byte[] value)
    {
        return string(key, value, 0, value.length);
    }

    public RequestWriter string(final byte[] key, final byte[] value, final int offset, final int length)
    {
        key(key);
        json[jsonLength++] = '"';
        for (int i = offset; i < offset + length; i++)
        {
            final byte b = value[i];
            if (b == '"' || b == '\\' || (b >= 0 && b < 0x20))
            {
                throw new IllegalArgumentException("parameter values are never escaped: refused");
            }
            json[jsonLength++] = b;
            payload[payloadLength++] = b;
        }
        json[jsonLength++] = '"';
        return this;
    }

    public RequestWriter number(final byte[] key, final long value)
    {
        key(key);
        final int from = jsonLength;
        number(value);
        System.arraycopy(json, from, payload, payloadLength, jsonLength - from);
        payloadLength += jsonLength - from;
        return this;
    }

    /** A fixed-point value as a decimal string with {@code -exponent} decimals ("0.01000000" style). */
    public RequestWriter decimal(final byte[] key, final long mantissa, final int exponent)
    {
        key(key);
        json[jsonLength++] = '"';
        final int from = jsonLength;
        writeDecimal(mantissa, exponent);
        System.arraycopy(json, from, payload, payloadLength, jsonLength - from);
        payloadLength += jsonLength - from;
        json[jsonLength++] = '"';
        return this;
    }

    /** Closes the request; with a signer the HMAC of the payload is added as {@code signature}. */
    public RequestWriter end(final HmacSigner signer)
    {
        if (signer != null)
        {
            signer.signHex(payload, 0, payloadLength, signature, 0);
            raw(hasParams ? ",\"signature\":\"" : ",\"params\":{\"signature\":\"");
            hasParams = true;
            bytes(signature, 0, signature.length);
            json[jsonLength++] = '"';
        }
        if (hasParams)
        {
            json[jsonLength++] = '}';
        }
        json[jsonLength++] = '}';
        return this;
    }

    public byte[] buffer()
    {
        return json;
    }

    public int length()
    {
        return jsonLength;
    }

    /** The signature payload written so far (tests). */
    public String payload()
    {
        return new String(payload, 0, payloadLength, StandardCharsets.UTF_8);
    }

    public String toString()
    {
        return new String(json, 0, jsonLength, StandardCharsets.UTF_8);
    }

    private void key(final byte[] key)
    {
        if (compare(key, lastKey, lastKeyLength) <= 0 && lastKeyLength > 0)
        {
            throw new IllegalStateException("parameters must be added in sorted order: " +
                new String(key, StandardCharsets.US_ASCII));
        }
        System.arraycopy(key, 0, lastKey, 0, key.length);
        lastKeyLength = key.length;
        if (hasParams)
        {
            json[jsonLength++] = ',';
            payload[payloadLength++] = '&';
        }
        else
        {
            raw(",\"params\":{");
            hasParams = true;
        }
        json[jsonLength++] = '"';
        bytes(key, 0, key.length);
        json[jsonLength++] = '"';
        json[jsonLength++] = ':';
        System.arraycopy(key, 0, payload, payloadLength, key.length);
        payloadLength += key.length;
        payload[payloadLength++] = '=';
    }

    private static int compare(final byte[] a, final byte[] b, final int bLength)
    {
        final int n = Math.min(a.length, bLength);
        for (int i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return a[i] - b[i];
            }
        }
        return a.length - bLength;
    }

    private void raw(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            json[jsonLength++] = (byte)text.charAt(i);
        }
    }

    private void bytes(final byte[] src, final int offset, final int length)
    {
        System.arraycopy(src, offset, json, jsonLength, length);
        jsonLength += length;
    }

    private void number(final long value)
    {
        if (value < 0)
        {
            json[jsonLength++] = '-';
            if (value == Long.MIN_VALUE)
            {
                throw new IllegalArgumentException("out of range");
            }
            digits(-value, 1);
            return;
        }
        digits(value, 1);
    }

    /** Writes {@code value} with at least {@code minDigits} digits (leading zeros). */
    private void digits(final long value, final int minDigits)
    {
        int count = 1;
        for (long rest = value / 10; rest > 0; rest /= 10)
        {
            count++;
        }
        count = Math.max(count, minDigits);
        long rest = value;
        for (int i = jsonLength + count - 1; i >= jsonLength; i--)
        {
            json[i] = (byte)('0' + rest % 10);
            rest /= 10;
        }
        jsonLength += count;
    }

    private void writeDecimal(final long mantissa, final int exponent)
    {
        if (mantissa < 0)
        {
            throw new IllegalArgumentException("prices and quantities sent are never negative");
        }
        if (exponent >= 0)
        {
            digits(mantissa, 1);
            for (int i = 0; i < exponent; i++)
            {
                json[jsonLength++] = '0';
            }
            return;
        }
        final int decimals = -exponent;
        long scale = 1;
        for (int i = 0; i < decimals; i++)
        {
            scale *= 10;
        }
        digits(mantissa / scale, 1);
        json[jsonLength++] = '.';
        digits(mantissa % scale, decimals);
    }
}
