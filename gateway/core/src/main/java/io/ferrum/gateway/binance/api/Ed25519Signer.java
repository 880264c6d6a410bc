package io.ferrum.gateway.binance.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 signatures, base64 as Binance wants them: one per WebSocket API connection
 * ({@code session.logon}), after which requests go unsigned. The JDK's own provider (17+); the key is
 * a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}), as {@code openssl genpkey -algorithm ed25519}
 * writes it. Ed25519 is deterministic: a payload always has the same signature under a key.
 */
public final class Ed25519Signer
{
    private final PrivateKey key;

    public Ed25519Signer(final PrivateKey key)
    {
        if (!"EdDSA".equals(key.getAlgorithm()) && !"Ed25519".equals(key.getAlgorithm()))
        {
            throw new IllegalArgumentException("not an Ed25519 key: " + key.getAlgorithm());
        }
        this.key = key;
    }

    /** Reads a PKCS#8 PEM private key file; the message never quotes the file's content. */
    public static Ed25519Signer fromPemFile(final Path file) throws IOException
    {
        return new Ed25519Signer(privateKey(Files.readString(file, StandardCharsets.US_ASCII), file.toString()));
    }

    /** Parses a PKCS#8 PEM private key; {@code name} says where it came from in an error. */
    public static PrivateKey privateKey(final String pem, final String name)
    {
        try
        {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem, "PRIVATE KEY", name)));
        }
        catch (final GeneralSecurityException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(name + " is not a PKCS#8 PEM Ed25519 private key", ex);
        }
    }

    /** Parses an X.509 PEM public key (what Binance is given when the key is registered). */
    public static PublicKey publicKey(final String pem, final String name)
    {
        try
        {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(pemBody(pem, "PUBLIC KEY", name)));
        }
        catch (final GeneralSecurityException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(name + " is not a PEM Ed25519 public key", ex);
        }
    }

    public String signBase64(final String payload)
    {
        try
        {
            final Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("Ed25519 signing failed", ex);
        }
    }

    /** Whether {@code signatureBase64} is {@code key}'s signature of {@code payload} (the local exchange's check). */
    public static boolean verifies(final PublicKey key, final String payload, final String signatureBase64)
    {
        try
        {
            final Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(payload.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        }
        catch (final GeneralSecurityException | IllegalArgumentException | NullPointerException ex)
        {
            return false;
        }
    }

    private static byte[] pemBody(final String pem, final String label, final String name)
    {
        final String begin = "-----BEGIN " + label + "-----";
        final String end = "-----END " + label + "-----";
        final int from = pem.indexOf(begin);
        final int to = pem.indexOf(end);
        if (from < 0 || to < from)
        {
            throw new IllegalArgumentException(name + ": no " + begin + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }
}
