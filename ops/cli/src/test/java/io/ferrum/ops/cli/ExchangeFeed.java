package io.ferrum.ops.cli;

import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.gateway.client.MarketDataClient;
import io.ferrum.gateway.sim.SyntheticFlow;
import io.ferrum.gateway.sim.VenueSimulator;
import io.ferrum.gateway.sim.exchange.LocalExchange;
import io.ferrum.ops.gateway.ClientSide;
import org.agrona.CloseHelper;

import java.util.List;

/**
 * The market a Binance-venue system test trades in: a venue simulator replaying 100 s of synthetic BTCUSDT flow at
 * speed 2 (one replay outlasts every test), and a market-data client that feeds it to the local exchange, which
 * matches on it. The gateway under test subscribes to the same simulator; closing {@link #books} stops the matching.
 */
final class ExchangeFeed implements AutoCloseable
{
    final VenueSimulator simulator;
    final MarketDataClient books;

    ExchangeFeed(final LocalExchange exchange, final InstrumentRegistry instruments) throws InterruptedException
    {
        simulator = VenueSimulator.launch(new VenueSimulator.Context()
            .session(SyntheticFlow.generate(7, List.of("BTCUSDT"), 200_000, 1_000_000).session()).speed(2).port(0));
        try
        {
            books = MarketDataClient.connect(new MarketDataClient.Context()
                .wsUri(simulator.wsUrl()).restUri(simulator.restUrl())
                .instruments(ClientSide.subscriptions(List.of("BTCUSDT"), instruments))
                .depthLimit(ClientSide.DEPTH_LIMIT).jitterSeed(1)
                .publisher(new ExchangeCommand.Forward(exchange)));
        }
        catch (final RuntimeException ex)
        {
            simulator.close();
            throw ex;
        }
    }

    public void close()
    {
        CloseHelper.closeAll(books, simulator);
    }
}
