package io.ferrum.gateway.binance;

import io.ferrum.gateway.json.JsonObjectIndex;

import static io.ferrum.gateway.json.JsonObjectIndex.maskHigh;
import static io.ferrum.gateway.json.JsonObjectIndex.maskLow;

/** The single-letter keys an event must have, and the ones it may have, as presence masks. */
final class KeySet
{
    private final long requiredLow;
    private final long requiredHigh;
    private final long allowedLow;
    private final long allowedHigh;

    KeySet(final String required, final String optional)
    {
        requiredLow = maskLow(required);
        requiredHigh = maskHigh(required);
        allowedLow = requiredLow | maskLow(optional);
        allowedHigh = requiredHigh | maskHigh(optional);
    }

    boolean matches(final JsonObjectIndex event)
    {
        final long low = event.presentLow();
        final long high = event.presentHigh();
        return (low & requiredLow) == requiredLow && (high & requiredHigh) == requiredHigh &&
            (low & ~allowedLow) == 0 && (high & ~allowedHigh) == 0;
    }
}
