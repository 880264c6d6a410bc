package io.ferrum.gateway.json;

/** Why a JSON text was refused; negative so that scanning methods can return it in place of a position. */
public final class JsonError
{
    /** Syntax error: an unexpected byte. */
    public static final int MALFORMED = -1;
    /** The text ended inside a value. */
    public static final int TRUNCATED = -2;
    /** Nesting or key count beyond what Binance ever sends. */
    public static final int TOO_COMPLEX = -3;
    /** A key appeared twice in one object. */
    public static final int DUPLICATE_KEY = -4;

    private JsonError()
    {
    }
}
