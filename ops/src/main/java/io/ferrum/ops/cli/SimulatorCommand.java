package io.ferrum.ops.cli;

import io.ferrum.gateway.sim.ReplaySession;
import io.ferrum.gateway.sim.SyntheticFlow;
import io.ferrum.gateway.sim.VenueSimulator;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
            "                          [--speed 1] [--port 0] [--duration 60s]",
            "  --speed     1 = recorded pace, 10 = ten times faster, 0 = as fast as the client reads",
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
        for (int i = 0; i < args.size(); i++)
        {
            final String arg = args.get(i);
            switch (arg)
            {
                case "--session" -> session = Paths.get(value(args, ++i, arg));
                case "--synthetic" -> seed = number(value(args, ++i, arg));
                case "--symbols" -> symbols = Arrays.stream(value(args, ++i, arg).split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toUpperCase(Locale.ROOT)).toList();
                case "--events" -> events = (int)Math.min(Integer.MAX_VALUE, number(value(args, ++i, arg)));
                case "--speed" -> speed = decimal(value(args, ++i, arg));
                case "--port" -> port = (int)number(value(args, ++i, arg));
                case "--duration" -> durationMs = FeedCommand.duration(value(args, ++i, arg)).toMillis();
                default -> throw new UsageException("unknown option: " + arg);
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
            new VenueSimulator.Context().session(replay).speed(speed).port(port)))
        {
            out.println("{\"type\":\"simulator\",\"session\":\"" + replay.name() + "\",\"ws\":\"" + simulator.wsUrl() +
                "\",\"rest\":\"" + simulator.restUrl() + "\"}");
            out.flush();
            Thread.sleep(durationMs);
        }
        return 0;
    }

    private static String value(final List<String> args, final int index, final String option)
    {
        if (index >= args.size())
        {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    private static long number(final String text)
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new UsageException("not an integer: '" + text + "'");
        }
    }

    private static double decimal(final String text)
    {
        try
        {
            return Double.parseDouble(text); // a replay pace factor, not money
        }
        catch (final NumberFormatException ex)
        {
            throw new UsageException("not a number: '" + text + "'");
        }
    }
}
