package io.ferrum.tuning;

/**
 * Which CPU a named thread role runs on. Hot threads (the ring's consumer, the engine)
 * ask the layout for their role when they start; a layout that answers {@link #NO_CPU}
 * leaves the thread to the OS scheduler, which is the default on small machines.
 */
@FunctionalInterface
public interface ThreadLayout
{
    int NO_CPU = -1;

    /** Pins nothing: every thread floats. */
    ThreadLayout NONE = (role) -> NO_CPU;

    /**
     * @param role the thread's role, for example {@code "sequencer"}
     * @return the CPU to pin the thread to, or {@link #NO_CPU}
     */
    int cpuFor(String role);
}
