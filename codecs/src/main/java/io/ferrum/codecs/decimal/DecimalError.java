package io.ferrum.codecs.decimal;

/**
 * Why a decimal string was refused. Every refusal is one of these: the parser never
 * returns a number it is not sure of.
 */
public enum DecimalError
{
    NONE("ok"),
    EMPTY("empty string"),
    MALFORMED("not a plain decimal number: expected [+-]digits[.digits]"),
    TOO_MANY_DECIMALS("more significant decimals than the exponent allows"),
    OVERFLOW("magnitude does not fit a 64-bit mantissa at this exponent"),
    BAD_EXPONENT("exponent outside [" + DecimalParser.MIN_EXPONENT + ", 0]");

    private final String description;

    DecimalError(final String description)
    {
        this.description = description;
    }

    public String description()
    {
        return description;
    }
}
