package io.ferrum.ops.demo;

import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.gateway.MessageHandler;
import io.ferrum.gateway.binance.api.BinanceApiVenue;
import io.ferrum.gateway.binance.api.Credentials;
import io.ferrum.gateway.binance.api.Ed25519Signer;
import io.ferrum.gateway.sim.exchange.LocalExchange;
import io.ferrum.gateway.sim.order.OrderGateway;
import io.ferrum.sequencer.telemetry.StageLatency;
import org.agrona.CloseHelper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The demo's Binance venue ({@code ./ferrum demo --venue binance}): orders go over Binance's WebSocket API
 * to {@code --api-ws} with the credentials of the environment ({@link Credentials}), or, without it, to a
 * {@link LocalExchange} the demo starts itself on loopback, with an Ed25519 key made for the run (never
 * written anywhere) and balances large enough for the sample strategies. The local exchange matches
 * against the same replayed market data the feed gets ({@link #marketDataTap}).
 */
public final class BinanceDemoVenue implements AutoCloseable
{
    /** The local exchange's API key: not a secret, the run's key pair is. */
    static final String LOCAL_API_KEY = "ferrum-demo-local-exchange";

    private final LocalExchange exchange;
    private final String apiUrl;
    private final Credentials credentials;
    private volatile BinanceApiVenue venue;

    private BinanceDemoVenue(
        final LocalExchange exchange, final String apiUrl, final Credentials credentials)
    {
        this.exchange = exchange;
        this.apiUrl = apiUrl;
        this.credentials = credentials;
    }

    /** @param apiWs Binance's WebSocket API URL, or null for a local exchange started here */
    public static BinanceDemoVenue start(final String apiWs, final InstrumentRegistry instruments)
        throws IOException, InterruptedException
    {
        return start(apiWs, instruments, null);
    }

    /**
     * As {@link #start(String, InstrumentRegistry)}; a local exchange's account holds exactly {@code balances}
     * (asset to free amount) when not null, instead of plenty of every asset (a test of a small account).
     */
    public static BinanceDemoVenue start(
        final String apiWs, final InstrumentRegistry instruments, final Map<String, String> balances)
        throws IOException, InterruptedException
    {
        if (apiWs != null)
        {
            return new BinanceDemoVenue(null, apiWs, Credentials.fromEnvironment(System::getenv));
        }
        final KeyPair keys;
        try
        {
            keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("this JDK has no Ed25519", ex);
        }
        final LocalExchange.Context context = localExchange(instruments, LOCAL_API_KEY, keys.getPublic());
        if (balances != null)
        {
            context.balances(balances);
        }
        final LocalExchange exchange = LocalExchange.launch(context);
        return new BinanceDemoVenue(exchange, exchange.apiUrl(), Credentials.ed25519(LOCAL_API_KEY,
            new Ed25519Signer(keys.getPrivate())));
    }

    /**
     * A local exchange's configuration for {@code instruments}: one account ({@code apiKey}, the Ed25519 public
     * key), the sample exchangeInfo's filters when the fixtures are there, and balances of every quote and base
     * asset of the instruments large enough for an hour of the sample strategies.
     */
    public static LocalExchange.Context localExchange(
        final InstrumentRegistry instruments, final String apiKey, final java.security.PublicKey publicKey)
        throws IOException
    {
        final LocalExchange.Context context = new LocalExchange.Context()
            .instruments(instruments)
            .account(apiKey, null, publicKey);
        final Path exchangeInfo = SharedFixtures.binanceDir().resolve("samples").resolve("http_spot_market_exchange_info.json");
        if (Files.isRegularFile(exchangeInfo))
        {
            context.exchangeInfo(exchangeInfo);
        }
        final String[] quotes = {"USDT", "USDC", "BTC", "ETH", "BNB", "BRL", "AUD", "EUR"};
        final Set<String> assets = new HashSet<>(Arrays.asList(quotes));
        for (final Instrument instrument : instruments.instruments())
        {
            final String symbol = instrument.symbol();
            for (final String quote : quotes)
            {
                if (symbol.endsWith(quote) && symbol.length() > quote.length())
                {
                    assets.add(symbol.substring(0, symbol.length() - quote.length()));
                    break;
                }
            }
        }
        for (final String asset : assets)
        {
            context.balance(asset, "100000000");
        }
        return context;
    }

    /** Makes the order gateway's venue: the WebSocket API session, its ack latency recorded in {@code latency}. */
    public OrderGateway.VenueFactory factory(final int sourceId, final StageLatency latency)
    {
        return (instruments, books, reports) ->
        {
            final BinanceApiVenue created = new BinanceApiVenue(new BinanceApiVenue.Context()
                .apiUri(apiUrl)
                .credentials(credentials)
                .sourceId(sourceId)
                .latency(latency), instruments, reports);
            venue = created;
            return created;
        };
    }

    /** What the local exchange matches against: the feed's messages; nothing against live Binance. */
    public MessageHandler marketDataTap()
    {
        return exchange == null ? (buffer, offset, length) -> { } : exchange::onMarketData;
    }

    /** The local exchange, null against live Binance. */
    public LocalExchange exchange()
    {
        return exchange;
    }

    public String apiUrl()
    {
        return apiUrl;
    }

    /** The session, once the order gateway made it. */
    public BinanceApiVenue venue()
    {
        return venue;
    }

    public void close()
    {
        CloseHelper.close(exchange);
    }
}
