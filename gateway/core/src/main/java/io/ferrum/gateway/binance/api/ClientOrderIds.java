package io.ferrum.gateway.binance.api;

import org.agrona.DirectBuffer;

/**
 * Binance's {@code newClientOrderId} of a Ferrum client order id: {@code F} and the id in decimal
 * ({@code ^[a-zA-Z0-9-_]{1,36}$} allows it). The same Ferrum id always gives the same Binance id, so an
 * order sent again (after a reconnect, by a new leader) is one Binance knows: it answers -2010
 * "Duplicate order sent." while the first is open, and the engine never has two orders for one id.
 * Ids of orders Ferrum did not place (another program on the account) read as {@link #FOREIGN}.
 */
public final class ClientOrderIds
{
    public static final long FOREIGN = -1;
    public static final byte PREFIX = 'F';
    /** Longest id written: the prefix and 19 digits. */
    public static final int MAX_LENGTH = 20;

    private ClientOrderIds()
    {
    }

    /** Writes the Binance id of a positive Ferrum id at {@code out[offset]}; returns its length. */
    public static int write(final long clientOrderId, final byte[] out, final int offset)
    {
        if (clientOrderId <= 0)
        {
            throw new IllegalArgumentException("client order ids are positive: " + clientOrderId);
        }
        out[offset] = PREFIX;
        int digits = 1;
        for (long rest = clientOrderId / 10; rest > 0; rest /= 10)
        {
            digits++;
        }
        long rest = clientOrderId;
        for (int i = offset + digits; i > offset; i--)
        {
            out[i] = (byte)('0' + rest % 10);
            rest /= 10;
        }
        return digits + 1;
    }

    /** The Ferrum id of a Binance client order id in place, or {@link #FOREIGN}. */
    public static long parse(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 2 || length > MAX_LENGTH || buffer.getByte(offset) != PREFIX)
        {
            return FOREIGN;
        }
        long value = 0;
        for (int i = offset + 1; i < offset + length; i++)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10)
            {
                return FOREIGN;
            }
            value = value * 10 + digit;
        }
        return value > 0 ? value : FOREIGN;
    }

    /** Cold path: the Binance id as text. */
    public static String toString(final long clientOrderId)
    {
        final byte[] out = new byte[MAX_LENGTH];
        return new String(out, 0, write(clientOrderId, out, 0), java.nio.charset.StandardCharsets.US_ASCII);
    }
}
