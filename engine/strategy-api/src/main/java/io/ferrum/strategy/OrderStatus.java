package io.ferrum.strategy;

/**
 * Where an order is in its life. {@code PENDING_NEW} until the venue acknowledges it; FILLED,
 * CANCELED, REJECTED and EXPIRED are terminal.
 */
public enum OrderStatus
{
    PENDING_NEW,
    ACKNOWLEDGED,
    PARTIALLY_FILLED,
    FILLED,
    CANCELED,
    REJECTED,
    EXPIRED;

    public boolean isTerminal()
    {
        return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED;
    }
}
