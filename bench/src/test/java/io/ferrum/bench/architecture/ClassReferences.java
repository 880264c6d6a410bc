package io.ferrum.bench.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Ferrum classes one class file refers to from its constant pool. Every type a class
 * links against (superclass, fields, method signatures, calls, generics, annotations) is named by
 * a UTF-8 constant in internal form, so scanning those finds each reference, including fully
 * qualified ones that no import shows. String literals are skipped: a text that happens to look
 * like a class name is not a dependency.
 */
final class ClassReferences
{
    private static final Pattern FERRUM_TYPE = Pattern.compile("io/ferrum/[A-Za-z0-9_$/]+");

    private ClassReferences()
    {
    }

    /** Internal names (io/ferrum/engine/Engine) of the Ferrum types the class file mentions. */
    static Set<String> of(final InputStream classFile) throws IOException
    {
        final DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE)
        {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        final int count = in.readUnsignedShort();
        final String[] utf8 = new String[count];
        final Set<Integer> literals = new HashSet<>();
        for (int i = 1; i < count; i++)
        {
            final int tag = in.readUnsignedByte();
            switch (tag)
            {
                case 1 -> utf8[i] = in.readUTF();
                case 8, 19, 20 -> literals.add(in.readUnsignedShort()); // String, Module, Package
                case 7, 16 -> in.readUnsignedShort(); // Class, MethodType: name the UTF-8 entry we scan anyway
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 ->
                {
                    in.skipNBytes(8);
                    i++; // longs and doubles take two slots
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        final Set<String> types = new TreeSet<>();
        for (int i = 1; i < count; i++)
        {
            if (utf8[i] != null && !literals.contains(i))
            {
                final Matcher matcher = FERRUM_TYPE.matcher(utf8[i]);
                while (matcher.find())
                {
                    types.add(matcher.group());
                }
            }
        }
        return types;
    }
}
