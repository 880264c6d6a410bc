package io.ferrum.ops.cli;

import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.gateway.sim.SyntheticFlow;
import io.ferrum.gateway.sim.VenueSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ferrum simulator}: the Binance-protocol venue simulator on loopback, replaying a
 * recorded session or a seeded synthetic flow, for the demo and for trying {@code ./ferrum feed}.
 */
@Command(name = "simulator", header = "serve a recorded or synthetic Binance session over WebSocket and REST on loopback",
    footer = "The URLs are printed as one JSON line on stdout.")
public final class SimulatorCommand implements FerrumCommand
{
    @Option(names = "--session", paramLabel = "FILE", description = "a recorded session (*.replay.tsv)")
    Path session;

    @Option(names = "--synthetic", paramLabel = "SEED", description = "a seeded synthetic flow instead (needs --symbols)")
    Long seed;

    @Option(names = "--symbols", paramLabel = "A,B", split = ",", description = "the synthetic flow's symbols")
    List<String> symbols;

    @Option(names = "--events", paramLabel = "N", description = "the synthetic flow's events (default 100000)")
    int events = 100_000;

    @Option(names = "--speed", paramLabel = "X",
        description = "1 = recorded pace (default), 10 = ten times faster, 0 = as fast as the client reads")
    double speed = 1;

    @Option(names = "--port", paramLabel = "PORT", description = "0 (the default) picks a free port")
    int port;

    @Option(names = "--duration", paramLabel = "DURATION", description = "stop after this long (default: run until interrupted)")
    Duration duration;

    @Option(names = "--original-times",
        description = "serve the recorded venue times (E, T...) instead of moving them onto" +
            " the replay clock (recorded - session start, scaled by --speed, from now)")
    boolean originalTimes;

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        final List<String> symbols = Lists.upperCase(this.symbols);
        if ((session == null) == (seed == null))
        {
            throw new UsageException("give --session or --synthetic");
        }
        if (seed != null && (symbols == null || symbols.isEmpty()))
        {
            throw new UsageException("--synthetic needs --symbols");
        }
        if (!(speed >= 0) || port < 0 || port > 65535 || events < 1)
        {
            throw new UsageException("--speed >= 0, --port 0..65535, --events >= 1");
        }
        if (session != null && !Files.isReadable(session))
        {
            throw new CommandException(ExitCodes.NO_INPUT, "cannot read " + session);
        }
        final ReplaySession replay = session != null ? ReplaySession.load(session) :
            SyntheticFlow.generate(seed, symbols, events, 1_000_000).session();
        try (Termination stop = Termination.install("simulator");
            VenueSimulator simulator = VenueSimulator.launch(
                new VenueSimulator.Context().session(replay).speed(speed).port(port).originalTimes(originalTimes)))
        {
            out.println(CommandLines.simulator(replay.name(), simulator.wsUrl(), simulator.restUrl()));
            out.flush();
            final long startNs = System.nanoTime();
            stop.await(null == duration ? Long.MAX_VALUE : duration.toNanos(), TimeUnit.NANOSECONDS);
            out.println(CommandLines.simulatorStopped(replay.name(), (System.nanoTime() - startNs) / 1_000_000,
                simulator.connections()));
            out.flush();
        }
        return ExitCodes.OK;
    }
}
