package io.ferrum.gateway.binance;

/** Kinds of refused input: each is counted, logged once per kind, and the frame dropped. */
public enum BadInput
{
    MALFORMED_JSON("not well-formed JSON"),
    TRUNCATED("frame ends inside a value"),
    OVERSIZE("frame longer than the configured maximum"),
    UNKNOWN_EVENT("event type this gateway does not decode"),
    UNEXPECTED_FIELDS("fields missing or extra for a spot event (a futures frame?)"),
    UNKNOWN_SYMBOL("symbol not configured"),
    BAD_NUMBER("number refused by the fixed-point parser, or out of range"),
    TOO_MANY_LEVELS("more price levels than a ring slot holds");

    private final String description;

    BadInput(final String description)
    {
        this.description = description;
    }

    public String description()
    {
        return description;
    }
}
