package io.ferrum.gateway.binance;

/** What happened to one frame. */
public final class DecodeResult
{
    /** Decoded; zero or more messages published. */
    public static final int OK = 0;
    /** Refused as bad input: counted, logged once per kind, dropped. */
    public static final int DROPPED = 1;
    /** The ring is full: nothing was published or changed, offer the same frame again later. */
    public static final int BACK_PRESSURED = 2;

    private DecodeResult()
    {
    }
}
