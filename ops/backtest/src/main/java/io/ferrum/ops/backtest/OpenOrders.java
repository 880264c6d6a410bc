package io.ferrum.ops.backtest;

import org.agrona.collections.Long2LongHashMap;

/**
 * What the driver keeps per order it has seen sent and not yet seen end, by client order id:
 * the strategy, the reference price at the decision, the first order of its cancel-replace
 * chain and, for a replace not yet answered, the order it replaces. One hash lookup finds all
 * four (a slot in parallel arrays), where four maps took a lookup each per order and per report.
 * Slots are reused, so a steady flow of orders allocates nothing.
 */
final class OpenOrders
{
    static final long NONE = Long.MIN_VALUE;

    private static final int MISSING = -1;

    private final Long2LongHashMap slots = new Long2LongHashMap(MISSING);
    private long[] strategy = new long[64];
    private long[] reference = new long[64];
    private long[] root = new long[64];
    private long[] replaced = new long[64];
    private int[] free = new int[64];
    private int freeCount;
    private int used;

    /** @return the slot of a new order (every field {@link #NONE} but the strategy), replacing any old one of that id */
    int add(final long clientOrderId, final long strategyId)
    {
        int slot = (int)slots.get(clientOrderId);
        if (slot == MISSING)
        {
            slot = freeCount > 0 ? free[--freeCount] : grow();
            slots.put(clientOrderId, slot);
        }
        strategy[slot] = strategyId;
        reference[slot] = NONE;
        root[slot] = NONE;
        replaced[slot] = NONE;
        return slot;
    }

    /** @return the order's slot, or -1 when the driver does not follow it */
    int slot(final long clientOrderId)
    {
        return (int)slots.get(clientOrderId);
    }

    void remove(final long clientOrderId)
    {
        final int slot = (int)slots.remove(clientOrderId);
        if (slot != MISSING)
        {
            free[freeCount++] = slot;
        }
    }

    long strategy(final int slot)
    {
        return strategy[slot];
    }

    /** The decision's reference price, or {@link #NONE}. */
    long reference(final int slot)
    {
        return reference[slot];
    }

    void reference(final int slot, final long price)
    {
        reference[slot] = price;
    }

    long root(final int slot)
    {
        return root[slot];
    }

    void root(final int slot, final long clientOrderId)
    {
        root[slot] = clientOrderId;
    }

    /** The order a replace replaces, cleared as it is read: the first report of a replace answers it. */
    long takeReplaced(final int slot)
    {
        final long id = replaced[slot];
        replaced[slot] = NONE;
        return id;
    }

    void replaced(final int slot, final long clientOrderId)
    {
        replaced[slot] = clientOrderId;
    }

    private int grow()
    {
        if (used == strategy.length)
        {
            final int length = used * 2;
            strategy = java.util.Arrays.copyOf(strategy, length);
            reference = java.util.Arrays.copyOf(reference, length);
            root = java.util.Arrays.copyOf(root, length);
            replaced = java.util.Arrays.copyOf(replaced, length);
            free = java.util.Arrays.copyOf(free, length);
        }
        return used++;
    }
}
