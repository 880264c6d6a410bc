package io.ferrum.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.gateway.Fixtures;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.gateway.sim.VenueSimulator;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * wss:// and https:// over loopback: a throwaway self-signed certificate made by the JDK's
 * keytool for this test run, trusted by the client explicitly (nothing stored in the repo).
 */
class LoopbackTlsTest
{
    private static final char[] PASSWORD = "loopback-only".toCharArray();

    @Test
    void tlsFeedEndsOnTheExpectedBooks(@TempDir final Path dir) throws Exception
    {
        final Path keystore = dir.resolve("simulator.p12");
        final Process keytool = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "simulator", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "1",
            "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
            "-keystore", keystore.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
            .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
            new String(keytool.getInputStream().readAllBytes()));
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore))
        {
            store.load(in, PASSWORD);
        }
        final PrivateKey key = (PrivateKey)store.getKey("simulator", PASSWORD);
        final X509Certificate certificate = (X509Certificate)store.getCertificate("simulator");

        final ReplaySession session = ReplaySession.load(Fixtures.replaySessions().get(1));
        final JsonNode expected = Fixtures.expectedBooks().get(session.name()).get("books");
        try (LoopbackFeed feed = new LoopbackFeed(session, 0,
            new VenueSimulator.Context().sslContext(SslContextBuilder.forServer(key, certificate).build()),
            c -> c.sslContext(buildClientContext(certificate))))
        {
            assertTrue(feed.simulator.wsUrl().startsWith("wss://"));
            assertTrue(feed.await(client -> feed.instruments.stream().allMatch(i ->
                client.feed().books().get(i).book().lastUpdateId() == expected.get(i.symbol()).get("final_update_id").asLong()),
                30_000), feed.health.toString());
            for (final Instrument instrument : feed.instruments)
            {
                assertEquals(expected.get(instrument.symbol()).get("final_best_bid").asText(),
                    FixedPoint.format(feed.read(c -> feed.consumer.book(instrument.instrumentId()).bestBid()), -8));
            }
        }
    }

    private static io.netty.handler.ssl.SslContext buildClientContext(final X509Certificate trusted)
    {
        try
        {
            return SslContextBuilder.forClient().trustManager(trusted).build();
        }
        catch (final javax.net.ssl.SSLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
