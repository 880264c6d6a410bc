package io.ferrum.gateway.json;

/** Kinds of JSON value, as bytes so that indexes stay primitive arrays. */
public final class JsonType
{
    public static final byte NONE = 0;
    public static final byte STRING = 1;
    public static final byte NUMBER = 2;
    public static final byte TRUE = 3;
    public static final byte FALSE = 4;
    public static final byte NULL = 5;
    public static final byte OBJECT = 6;
    public static final byte ARRAY = 7;

    private JsonType()
    {
    }
}
