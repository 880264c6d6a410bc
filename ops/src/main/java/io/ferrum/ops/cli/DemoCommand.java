package io.ferrum.ops.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code ./ferrum demo}: until the engine and the cluster are wired, it says so plainly
 * instead of pretending to run.
 */
public final class DemoCommand implements Command
{
    public String name()
    {
        return "demo";
    }

    public String summary()
    {
        return "run simulator, gateway, cluster and engine in one JVM (not built yet)";
    }

    public String usage()
    {
        return "usage: ./ferrum demo [--duration 30s]";
    }

    public int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        err.println("ferrum demo: not built yet: the engine and cluster wiring (issue #4) has not landed.");
        return 2;
    }
}
