package io.ferrum.tuning.jit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StringLiteralsTest
{
    /** Literals of this class, among them one with characters outside ASCII and one beside long constants. */
    static final class Sample
    {
        static final long BIG = 1L << 40;
        static final double HALF = 0.5;

        static String message(final long value)
        {
            return value > BIG * HALF ? "too large: €" : "fine";
        }
    }

    @Test
    void readsTheStringConstantsOfARealClassFile() throws IOException
    {
        final List<String> literals = StringLiterals.literals(classBytes(Sample.class));
        assertTrue(literals.contains("too large: €"), literals.toString());
        assertTrue(literals.contains("fine"), literals.toString());
    }

    @Test
    void internsTheLiteralsOfThePackagesAsked()
    {
        assertTrue(StringLiterals.preIntern("io.ferrum.tuning.jit.") >= 2);
        assertEquals(0, StringLiterals.preIntern("no.such.package."));
    }

    @Test
    void rejectsBytesThatAreNotAClassFile() throws IOException
    {
        assertThrows(IOException.class, () -> StringLiterals.literals(new byte[] {1, 2, 3, 4, 0, 0, 0, 0, 0, 2}));
        final byte[] truncated = classBytes(Sample.class);
        assertThrows(IOException.class, () -> StringLiterals.literals(Arrays.copyOf(truncated, truncated.length / 3)));
        final byte[] badTag = Arrays.copyOf(truncated, truncated.length);
        badTag[10] = 99; // the first constant's tag
        assertThrows(IOException.class, () -> StringLiterals.literals(badTag));
    }

    private static byte[] classBytes(final Class<?> type) throws IOException
    {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getPackageName().length() + 1) + ".class"))
        {
            return in.readAllBytes();
        }
    }
}
