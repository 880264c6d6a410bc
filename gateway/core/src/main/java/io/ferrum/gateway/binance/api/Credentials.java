package io.ferrum.gateway.binance.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The API key and how requests are signed, from the environment: {@value #API_KEY_ENV} (the key),
 * {@value #ED25519_KEY_FILE_ENV} (a PKCS#8 PEM file: one {@code session.logon} per connection) or else
 * {@value #HMAC_SECRET_FILE_ENV} (a file holding the secret: every request signed). Files, never the
 * secrets themselves, are named in configuration; nothing here is ever logged or journaled
 * ({@link #toString()} names only the key type).
 */
public final class Credentials
{
    public static final String API_KEY_ENV = "FERRUM_BINANCE_API_KEY";
    public static final String ED25519_KEY_FILE_ENV = "FERRUM_BINANCE_ED25519_KEY_FILE";
    public static final String HMAC_SECRET_FILE_ENV = "FERRUM_BINANCE_HMAC_SECRET_FILE";

    private final String apiKey;
    private final Ed25519Signer ed25519;
    private final byte[] hmacSecret;

    private Credentials(final String apiKey, final Ed25519Signer ed25519, final byte[] hmacSecret)
    {
        if (apiKey == null || apiKey.isBlank() || apiKey.chars().anyMatch(c -> c <= ' ' || c > '~' || c == '"'))
        {
            throw new IllegalArgumentException(API_KEY_ENV + " is not set or not a printable key");
        }
        if (ed25519 == null && (hmacSecret == null || hmacSecret.length == 0))
        {
            throw new IllegalArgumentException("set " + ED25519_KEY_FILE_ENV + " (preferred) or " + HMAC_SECRET_FILE_ENV);
        }
        this.apiKey = apiKey;
        this.ed25519 = ed25519;
        this.hmacSecret = hmacSecret;
    }

    public static Credentials ed25519(final String apiKey, final Ed25519Signer signer)
    {
        return new Credentials(apiKey, signer, null);
    }

    public static Credentials hmac(final String apiKey, final byte[] secret)
    {
        return new Credentials(apiKey, null, secret.clone());
    }

    /** Reads them as the variables {@code env} returns ({@code System::getenv} in production). */
    public static Credentials fromEnvironment(final Function<String, String> env) throws IOException
    {
        final String apiKey = env.apply(API_KEY_ENV);
        final String keyFile = env.apply(ED25519_KEY_FILE_ENV);
        if (keyFile != null && !keyFile.isBlank())
        {
            return ed25519(apiKey, Ed25519Signer.fromPemFile(Path.of(keyFile)));
        }
        final String secretFile = env.apply(HMAC_SECRET_FILE_ENV);
        if (secretFile != null && !secretFile.isBlank())
        {
            return hmac(apiKey, Files.readString(Path.of(secretFile), StandardCharsets.US_ASCII).strip()
                .getBytes(StandardCharsets.US_ASCII));
        }
        return new Credentials(apiKey, null, null);
    }

    public String apiKey()
    {
        return apiKey;
    }

    /** Whether the connection logs on once with Ed25519 (else every signed request carries an HMAC). */
    public boolean logsOn()
    {
        return ed25519 != null;
    }

    public Ed25519Signer ed25519()
    {
        return ed25519;
    }

    /** A new signer holding the secret (one per thread). */
    public HmacSigner newHmacSigner()
    {
        if (hmacSecret == null)
        {
            throw new IllegalStateException("no HMAC secret configured");
        }
        return new HmacSigner(hmacSecret);
    }

    public String toString()
    {
        return "Credentials{" + (logsOn() ? "ed25519" : "hmac") + "}";
    }
}
