package io.ferrum.ops.cli;

import io.ferrum.engine.Engine;
import io.ferrum.ops.demo.DemoEngineConfig;
import io.ferrum.ops.demo.DemoRun;
import io.ferrum.ops.demo.EngineSummary;
import io.ferrum.sequencer.journal.JournalException;
import io.ferrum.sequencer.journal.JournalReader;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * {@code ./ferrum replay --journal DIR}: reads a finished demo's archived cluster log
 * read-only and drives a fresh engine, configured from the {@code demo.properties} the demo
 * wrote beside it, through every message and timer; prints a {@code replay_summary} line
 * whose state hash equals the demo's.
 */
public final class ReplayCommand implements Command
{
    public String name()
    {
        return "replay";
    }

    public String summary()
    {
        return "replay a demo's journal into a fresh engine and print its state hash";
    }

    public String usage()
    {
        return String.join("\n",
            "usage: ./ferrum replay --journal DIR",
            "  --journal  the directory a ./ferrum demo run printed as \"journal\"");
    }

    public int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        Path journal = null;
        for (int i = 0; i < args.size(); i++)
        {
            final String arg = args.get(i);
            if ("--journal".equals(arg) && i + 1 < args.size())
            {
                journal = Paths.get(args.get(++i));
            }
            else
            {
                throw new UsageException("--journal".equals(arg) ? "--journal needs a value" : "unknown option: " + arg);
            }
        }
        if (journal == null)
        {
            throw new UsageException("--journal is required");
        }
        if (!Files.isDirectory(journal))
        {
            err.println("ferrum replay: journal directory " + journal + " does not exist");
            return EXIT_USAGE;
        }
        try
        {
            final DemoEngineConfig config = DemoEngineConfig.read(journal);
            final Engine engine = config.newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
            final JournalReader.Summary replayed = JournalReader.open(journal.resolve(DemoRun.MEMBER_DIR)).replay(engine);
            err.println("ferrum replay: " + replayed.messages() + " messages and " + replayed.timers() +
                " timers from recording " + replayed.recordingId());
            out.println(EngineSummary.of(engine).toJson("replay_summary", journal.toString()));
            out.flush();
            return 0;
        }
        catch (final JournalException | IllegalArgumentException ex)
        {
            err.println("ferrum replay: " + ex.getMessage());
            return EXIT_DATA;
        }
    }
}
