package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.NewOrderEncoder;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.gateway.binance.api.BinanceApiVenue;
import io.ferrum.gateway.binance.api.Credentials;
import io.ferrum.gateway.binance.api.Ed25519Signer;
import io.ferrum.ops.JsonSchemas;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./ferrum exchange} as a desk uses it: its start line (schema-checked) names the API, the market
 * data and the run's account; the key file it wrote (mode 600) logs a Binance session on, and an order
 * placed there rests on the book of the session it replays.
 */
class ExchangeCommandTest
{
    @TempDir
    Path dir;

    @Test
    void aSessionLogsOnWithTheKeyFileItWroteAndTrades() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final CompletableFuture<Integer> exchange = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return Main.run(new ExchangeCommand(), List.of("--synthetic", "3", "--speed", "10", "--duration", "10s",
                    "--dir", dir.toString()), out, System.err);
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        String line = null;
        for (int i = 0; i < 400 && line == null; i++)
        {
            final String text = bytes.toString(StandardCharsets.UTF_8);
            line = text.contains("\n") ? text.substring(0, text.indexOf('\n')) : null;
            Thread.sleep(25);
        }
        final JsonNode start = JsonSchemas.assertValid("command_line", line);
        assertEquals("exchange", start.get("type").asText());
        final Path keyFile = Path.of(start.get("ed25519_key_file").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertFalse(line.contains("PRIVATE KEY"), "the key itself is never printed");

        final InstrumentRegistry instruments = DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT").instruments();
        final Instrument zil = instruments.get("ZILUSDT");
        final List<byte[]> reports = new CopyOnWriteArrayList<>();
        try (BinanceApiVenue venue = new BinanceApiVenue(new BinanceApiVenue.Context()
            .apiUri(start.get("api_ws").asText())
            .credentials(Credentials.ed25519(start.get("api_key").asText(), Ed25519Signer.fromPemFile(keyFile))),
            instruments, (buffer, offset, length) ->
            {
                if (new MessageHeaderDecoder().wrap(buffer, offset).templateId() == ExecutionReportDecoder.TEMPLATE_ID)
                {
                    final byte[] copy = new byte[length];
                    buffer.getBytes(offset, copy);
                    reports.add(copy); // the account's balances go to the log too: not an answer to the order
                }
                return true;
            }))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            boolean placed = false;
            while (System.nanoTime() < deadline && reports.isEmpty())
            {
                if (0 == venue.poll(System.currentTimeMillis() * 1_000_000L))
                {
                    LockSupport.parkNanos(1_000_000);
                }
                if (!placed && venue.isReady())
                {
                    final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
                    final NewOrderEncoder order = new NewOrderEncoder().wrapAndApplyHeader(message, 0, new MessageHeaderEncoder());
                    order.venue(zil.venue()).instrumentId(zil.instrumentId()).putSymbol(zil.symbolBytes(), 0).strategyId(1)
                        .clientOrderId(1).side(Side.BUY).orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC);
                    order.flags().clear();
                    final long price = (long)Math.pow(10, -zil.priceExponent()) / 1000; // far below the market
                    order.priceExponent((byte)zil.priceExponent()).sizeExponent((byte)zil.sizeExponent())
                        .price(Math.max(zil.tickSize(), price - price % zil.tickSize())).stopPrice(0)
                        .quantity(1000 * Math.max(1, zil.lotSize())).timestampNs(System.currentTimeMillis() * 1_000_000L);
                    venue.onOrderMessage(message, 0, MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength(),
                        System.currentTimeMillis() * 1_000_000L);
                    placed = true;
                }
            }
            assertTrue(venue.isReady(), "logged on with the key file");
            assertFalse(reports.isEmpty(), "an answer to the order");
            final ExecutionReportDecoder report = new ExecutionReportDecoder().wrapAndApplyHeader(
                new UnsafeBuffer(reports.get(0)), 0, new MessageHeaderDecoder());
            assertEquals(1, report.clientOrderId());
            assertEquals(ExecType.NEW, report.execType(), "rests on the exchange's book: " + report);
        }
        assertEquals(0, exchange.get());
    }
}
