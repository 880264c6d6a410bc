package io.ferrum.gateway.logging;

import org.apache.logging.log4j.ThreadContext;

import java.util.concurrent.ThreadFactory;

/**
 * The structured fields of Ferrum's JSON logs (docs/logging.md), carried in Log4j's
 * thread context so that a log call itself stays a plain, garbage-free parameterised
 * message. A thread sets its {@code component} once when it starts (or is made by
 * {@link #threads}); {@code symbol}, {@code stream_id} and {@code lag_ms} are set around the
 * events they describe and cleared after. It lives in the lowest module that logs, so that
 * every module above it (ops) names the fields the same way; only {@code log4j-api} is needed
 * here, the JSON layout and the asynchronous loggers are configured where the application is
 * assembled (ops).
 */
public final class LogFields
{
    public static final String COMPONENT = "component";
    public static final String SYMBOL = "symbol";
    public static final String STREAM_ID = "stream_id";
    public static final String LAG_MS = "lag_ms";

    private LogFields()
    {
    }

    /** Names the component the calling thread works for (analytics, mcp, gateway, ...). */
    public static void component(final String component)
    {
        ThreadContext.put(COMPONENT, component);
    }

    /** Threads from {@code threads} that name {@code component} before they run anything (Netty's event loops). */
    public static ThreadFactory threads(final String component, final ThreadFactory threads)
    {
        return (runnable) -> threads.newThread(() ->
        {
            component(component);
            runnable.run();
        });
    }

    public static void symbol(final String symbol)
    {
        ThreadContext.put(SYMBOL, symbol);
    }

    public static void streamId(final int streamId)
    {
        ThreadContext.put(STREAM_ID, Integer.toString(streamId));
    }

    public static void lagMs(final long lagMs)
    {
        ThreadContext.put(LAG_MS, Long.toString(lagMs));
    }

    /** Clears the per-event fields, keeping the thread's component. */
    public static void clearEvent()
    {
        ThreadContext.remove(SYMBOL);
        ThreadContext.remove(STREAM_ID);
        ThreadContext.remove(LAG_MS);
    }
}
