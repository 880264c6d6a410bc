package io.ferrum.gateway.binance.api;

/**
 * Requests waiting for the session to be ready or for a rate limit, in order: a request kind and the
 * client order id it is for, in preallocated rings (no allocation per order). The session keeps two,
 * cancels apart from orders, so that a cancel never waits behind an order held by the ORDERS limit.
 */
final class SendQueue
{
    private final int[] kinds;
    private final long[] ids;
    private int head;
    private int count;

    SendQueue(final int capacity)
    {
        kinds = new int[capacity];
        ids = new long[capacity];
    }

    void add(final int kind, final long clientOrderId)
    {
        if (count == ids.length)
        {
            throw new IllegalStateException("Binance send queue full: " + count);
        }
        final int slot = (head + count) % ids.length;
        kinds[slot] = kind;
        ids[slot] = clientOrderId;
        count++;
    }

    /** Back to the front (a request Binance answered with 429, sent again first); dropped when full. */
    void addFirst(final int kind, final long clientOrderId)
    {
        if (count == ids.length)
        {
            return;
        }
        head = (head - 1 + ids.length) % ids.length;
        kinds[head] = kind;
        ids[head] = clientOrderId;
        count++;
    }

    boolean isEmpty()
    {
        return count == 0;
    }

    int size()
    {
        return count;
    }

    int peekKind()
    {
        return kinds[head];
    }

    long peekId()
    {
        return ids[head];
    }

    long poll()
    {
        final long id = ids[head];
        head = (head + 1) % ids.length;
        count--;
        return id;
    }
}
