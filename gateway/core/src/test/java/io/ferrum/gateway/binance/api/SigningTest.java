package io.ferrum.gateway.binance.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Binance's own signature examples reproduced exactly: the HMAC ones of web-socket-api.md ("SIGNED
 * request example (HMAC)", both parameter sets) and the Ed25519 one of fix-api.md (the only Ed25519
 * example whose private key the docs publish; web-socket-api.md's does not). Keys of our own are made
 * by the test; the docs' illustrative keys are the only fixed ones.
 */
class SigningTest
{
    // web-socket-api.md's illustrative HMAC secret ("provided here only for illustrative purposes")
    private static final String DOC_HMAC_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private static final String DOC_HMAC_API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";

    @Test
    void hmacExamplesOfTheWebSocketApiDocs()
    {
        final Map<String, String> ascii = new LinkedHashMap<>();
        ascii.put("symbol", "BTCUSDT");
        ascii.put("side", "SELL");
        ascii.put("type", "LIMIT");
        ascii.put("timeInForce", "GTC");
        ascii.put("quantity", "0.01000000");
        ascii.put("price", "52000.00");
        ascii.put("recvWindow", "100");
        ascii.put("timestamp", "1645423376532");
        ascii.put("apiKey", DOC_HMAC_API_KEY);
        ascii.put("signature", "------ FILL ME ------");
        final String payload = SignaturePayload.of(ascii);
        assertEquals("apiKey=" + DOC_HMAC_API_KEY + "&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL" +
            "&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT", payload);
        final HmacSigner signer = new HmacSigner(DOC_HMAC_SECRET.getBytes(StandardCharsets.US_ASCII));
        assertEquals("aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24", signer.signHex(payload));

        final Map<String, String> unicode = new LinkedHashMap<>(ascii);
        unicode.put("symbol", "１２３４５６");
        unicode.put("side", "BUY");
        unicode.put("quantity", "1.00000000");
        unicode.put("price", "0.10000000");
        unicode.put("recvWindow", "5000");
        assertEquals("b33892ae8e687c939f4468c6268ddd4c40ac1af18ad19a064864c47bae0752cd",
            signer.signHex(SignaturePayload.of(unicode)));
        // HMAC signatures are case-insensitive at Binance; any other change is refused
        assertTrue(signer.verifies(payload, "AA1B5712C094BC4E57C05A1A5C1FD8D88DCD628338EA863FEC7B88E59FE2DB24"));
        assertFalse(signer.verifies(payload.replace("52000.00", "52000.01"),
            "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24"));
        assertFalse(signer.verifies(payload, null));
    }

    @Test
    void hmacIntoBytesMatchesTheTextForm()
    {
        final HmacSigner signer = new HmacSigner(DOC_HMAC_SECRET.getBytes(StandardCharsets.US_ASCII));
        final byte[] payload = ("xx" + "timestamp=1&symbol=BTCUSDT").getBytes(StandardCharsets.US_ASCII);
        final byte[] out = new byte[70];
        signer.signHex(payload, 2, payload.length - 2, out, 3);
        assertEquals(signer.signHex("timestamp=1&symbol=BTCUSDT"), new String(out, 3, 64, StandardCharsets.US_ASCII));
    }

    @Test
    void ed25519ExampleOfTheFixApiDocs()
    {
        // fix-api.md, "The Ed25519 private key used in the example computation" (illustrative, published)
        final String pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIIJEYWtGBrhACmb9Dvy+qa8WEf0lQOl1s4CLIAB9m89u\n" +
            "-----END PRIVATE KEY-----\n";
        final Ed25519Signer signer = new Ed25519Signer(Ed25519Signer.privateKey(pem, "fix-api.md"));
        final String payload = String.join("\u0001", "A", "EXAMPLE", "SPOT", "1", "20240627-11:17:25.223");
        assertEquals("4MHXelVVcpkdwuLbl6n73HQUXUf1dse2PCgT1DYqW9w8AVZ1RACFGM+5UdlGPrQHrgtS3CvsRURC1oj73j8gCA==",
            signer.signBase64(payload));
    }

    @Test
    void ed25519KeyFileOfOurOwnSignsWhatItsPublicKeyVerifies(@TempDir final Path dir) throws Exception
    {
        final KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final Path file = dir.resolve("test-ed25519.pem");
        Files.writeString(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        final Ed25519Signer signer = Ed25519Signer.fromPemFile(file);
        final String payload = "apiKey=test-key&timestamp=1649729878532";
        final String signature = signer.signBase64(payload);
        assertEquals(signature, signer.signBase64(payload), "deterministic");
        final var publicKey = Ed25519Signer.publicKey(pem("PUBLIC KEY", pair.getPublic().getEncoded()), "generated");
        assertTrue(Ed25519Signer.verifies(publicKey, payload, signature));
        assertFalse(Ed25519Signer.verifies(publicKey, payload + "1", signature));
        assertFalse(Ed25519Signer.verifies(publicKey, payload, "not base64 !"));
    }

    @Test
    void credentialsComeFromTheEnvironmentAndNeverPrintTheirSecrets(@TempDir final Path dir) throws Exception
    {
        final Path secret = dir.resolve("hmac.secret");
        final String secretText = "generated-" + System.nanoTime();
        Files.writeString(secret, secretText + "\n");
        final Map<String, String> env = Map.of(Credentials.API_KEY_ENV, "key-made-by-the-test",
            Credentials.HMAC_SECRET_FILE_ENV, secret.toString());
        final Credentials hmac = Credentials.fromEnvironment(env::get);
        assertFalse(hmac.logsOn());
        assertEquals(new HmacSigner(secretText.getBytes(StandardCharsets.US_ASCII)).signHex("a=1"),
            hmac.newHmacSigner().signHex("a=1"), "the file's trailing newline is not part of the secret");
        assertFalse(hmac.toString().contains(secretText) || hmac.toString().contains("key-made-by-the-test"));

        final Path key = dir.resolve("ed25519.pem");
        Files.writeString(key, pem("PRIVATE KEY", KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded()));
        assertTrue(Credentials.fromEnvironment(Map.of(Credentials.API_KEY_ENV, "k",
            Credentials.ED25519_KEY_FILE_ENV, key.toString(), Credentials.HMAC_SECRET_FILE_ENV, secret.toString())::get).logsOn(),
            "Ed25519 is preferred when both are set");

        assertThrows(IllegalArgumentException.class, () -> Credentials.fromEnvironment(Map.<String, String>of()::get));
        assertThrows(IllegalArgumentException.class,
            () -> Credentials.fromEnvironment(Map.of(Credentials.API_KEY_ENV, "k")::get), "no way to sign");
        assertThrows(IllegalArgumentException.class, () -> Credentials.fromEnvironment(Map.of(
            Credentials.API_KEY_ENV, "k\"injected", Credentials.HMAC_SECRET_FILE_ENV, secret.toString())::get));
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Credentials.fromEnvironment(
            Map.of(Credentials.API_KEY_ENV, "k", Credentials.ED25519_KEY_FILE_ENV, key.toString())::get));
        assertFalse(bad.getMessage().contains("not a key"), "an error never quotes the key file");
    }

    static String pem(final String label, final byte[] der)
    {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der) +
            "\n-----END " + label + "-----\n";
    }
}
