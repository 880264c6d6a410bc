package io.ferrum.gateway.binance.api;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA256 of a signature payload, written as 64 lowercase hex digits (Binance's HMAC keys). One
 * instance per thread; {@link #signHex(byte[], int, int, byte[], int)} allocates nothing, so a request
 * can be signed on the order gateway's thread. The secret stays inside the {@link Mac}: no accessor.
 */
public final class HmacSigner
{
    /** Hex digits of a signature. */
    public static final int SIGNATURE_LENGTH = 64;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final Mac mac;
    private final byte[] digest = new byte[32];

    public HmacSigner(final byte[] secret)
    {
        try
        {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    /** Writes the signature of {@code payload[offset, offset + length)} at {@code out[outOffset]}, 64 bytes. */
    public void signHex(final byte[] payload, final int offset, final int length, final byte[] out, final int outOffset)
    {
        mac.update(payload, offset, length);
        try
        {
            mac.doFinal(digest, 0);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
        for (int i = 0; i < digest.length; i++)
        {
            out[outOffset + 2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[outOffset + 2 * i + 1] = HEX[digest[i] & 0xF];
        }
    }

    /** Cold path: the signature of a UTF-8 payload as text. */
    public String signHex(final String payload)
    {
        final byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        final byte[] out = new byte[SIGNATURE_LENGTH];
        signHex(bytes, 0, bytes.length, out, 0);
        return new String(out, StandardCharsets.US_ASCII);
    }

    /** Whether {@code signature} (hex, any case: Binance's HMAC signatures are case-insensitive) signs {@code payload}. */
    public boolean verifies(final String payload, final String signature)
    {
        return signature != null && MessageDigest.isEqual(
            signHex(payload).getBytes(StandardCharsets.US_ASCII),
            signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
