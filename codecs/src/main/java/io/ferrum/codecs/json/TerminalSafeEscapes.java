package io.ferrum.codecs.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;

/**
 * JSON's own escapes plus DEL (0x7f): operators read these lines in a terminal, and a symbol or
 * operator name from the log must not carry a control character there. JSON's control characters
 * below 0x20 are escaped by the standard table already.
 */
final class TerminalSafeEscapes extends CharacterEscapes
{
    private static final long serialVersionUID = 1L;
    private static final int[] ESCAPES = standardAsciiEscapesForJSON();

    static
    {
        ESCAPES[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii()
    {
        return ESCAPES;
    }

    @Override
    public SerializableString getEscapeSequence(final int ch)
    {
        return null; // every escape here is a standard one
    }
}
