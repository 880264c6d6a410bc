package io.ferrum.ops.mcp;

import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The HTTP transport's sessions: capped in number and ended after a stretch of silence,
 * so that clients which never send DELETE (most of them) cannot grow the table without
 * bound. An expired session answers 404 like an ended one, which the transport defines as
 * "initialize again".
 */
public final class McpSessions
{
    public static final int DEFAULT_MAX_SESSIONS = 64;
    public static final long DEFAULT_IDLE_TIMEOUT_NS = TimeUnit.MINUTES.toNanos(30);

    private final int maxSessions;
    private final long idleTimeoutNs;
    private final LongSupplier nanoClock;
    private final Map<String, Long> lastUsedNs = new ConcurrentHashMap<>();

    public McpSessions(final int maxSessions, final long idleTimeoutNs, final LongSupplier nanoClock)
    {
        if (maxSessions <= 0 || idleTimeoutNs <= 0)
        {
            throw new IllegalArgumentException("session cap and idle timeout must be positive");
        }
        this.maxSessions = maxSessions;
        this.idleTimeoutNs = idleTimeoutNs;
        this.nanoClock = nanoClock;
    }

    public static McpSessions defaults()
    {
        return new McpSessions(DEFAULT_MAX_SESSIONS, DEFAULT_IDLE_TIMEOUT_NS, System::nanoTime);
    }

    public int maxSessions()
    {
        return maxSessions;
    }

    /** A new session's id, or null when the table is full even after dropping the expired ones. */
    public synchronized String open()
    {
        expire();
        if (lastUsedNs.size() >= maxSessions)
        {
            return null;
        }
        final String id = UUID.randomUUID().toString();
        lastUsedNs.put(id, nanoClock.getAsLong());
        return id;
    }

    /** True, and the session's silence restarts, when {@code id} is open and not expired. */
    public boolean touch(final String id)
    {
        final long now = nanoClock.getAsLong();
        final Long last = lastUsedNs.get(id);
        if (null == last)
        {
            return false;
        }
        if (now - last > idleTimeoutNs)
        {
            lastUsedNs.remove(id, last);
            return false;
        }
        lastUsedNs.replace(id, last, now);
        return true;
    }

    public boolean close(final String id)
    {
        return null != lastUsedNs.remove(id);
    }

    public synchronized int size()
    {
        expire();
        return lastUsedNs.size();
    }

    private void expire()
    {
        final long now = nanoClock.getAsLong();
        for (final Iterator<Long> it = lastUsedNs.values().iterator(); it.hasNext(); )
        {
            if (now - it.next() > idleTimeoutNs)
            {
                it.remove();
            }
        }
    }
}
