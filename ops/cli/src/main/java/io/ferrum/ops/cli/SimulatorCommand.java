package io.ferrum.ops.cli;

import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.gateway.sim.SyntheticFlow;
import io.ferrum.gateway.sim.VenueSimulator;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./ferrum simulator}: the Binance-protocol venue simulator on loopback, replaying a
 * recorded session or a seeded synthetic flow, for the demo and for trying {@code ./ferrum feed}.
 */
public final class SimulatorCommand implements Command
{
    public String name()
    {
        return "simulator";
    }

    public String summary()
    {
        return "serve a recorded or synthetic Binance session over WebSocket and REST on loopback";
    }

    public String usage()
    {
        return String.join("\n",
            "usage: ./ferrum simulator (--session FILE.replay.tsv | --synthetic SEED --symbols A,B [--events N])",
            "                          [--speed 1] [--port 0] [--duration 60s] [--original-times]",
            "  --speed     1 = recorded pace, 10 = ten times faster, 0 = as fast as the client reads",
            "  --original-times  serve the recorded venue times (E, T...) instead of moving them onto",
            "              the replay clock (recorded - session start, scaled by --speed, from now)",
            "  --port      0 picks a free port; the URLs are printed as one JSON line",
            "  --duration  stop after this long (default: run until interrupted)");
    }

    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws Exception
    {
        Path session = null;
        Long seed = null;
        List<String> symbols = null;
        int events = 100_000;
        double speed = 1;
        int port = 0;
        long durationMs = Long.MAX_VALUE;
        boolean originalTimes = false;
        final Arguments a = new Arguments(args);
        while (a.hasNext())
        {
            switch (a.next())
            {
                case "--session" -> session = a.path();
                case "--synthetic" -> seed = a.longValue();
                case "--symbols" -> symbols = a.list(true);
                case "--events" -> events = a.intValue();
                case "--speed" -> speed = a.decimal();
                case "--port" -> port = a.port();
                case "--duration" -> durationMs = a.duration().toMillis();
                case "--original-times" -> originalTimes = true;
                default -> throw a.unknown();
            }
        }
        if ((session == null) == (seed == null))
        {
            throw new UsageException("give --session or --synthetic");
        }
        if (seed != null && (symbols == null || symbols.isEmpty()))
        {
            throw new UsageException("--synthetic needs --symbols");
        }
        if (session != null && !Files.isReadable(session))
        {
            throw new UsageException("cannot read " + session);
        }
        if (speed < 0 || port < 0 || port > 65535 || events < 1)
        {
            throw new UsageException("--speed >= 0, --port 0..65535, --events >= 1");
        }
        final ReplaySession replay;
        try
        {
            replay = session != null ? ReplaySession.load(session) :
                SyntheticFlow.generate(seed, symbols, events, 1_000_000).session();
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("ferrum simulator: " + ex.getMessage());
            return EXIT_DATA;
        }
        try (VenueSimulator simulator = VenueSimulator.launch(
            new VenueSimulator.Context().session(replay).speed(speed).port(port).originalTimes(originalTimes)))
        {
            out.println(CommandLines.simulator(replay.name(), simulator.wsUrl(), simulator.restUrl()));
            out.flush();
            Thread.sleep(durationMs);
        }
        return 0;
    }
}
