package io.ferrum.tuning.jit;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Interns, ahead of time, the string literals of the classes on a hot path, so that HotSpot's own
 * one-off allocations for them happen during warm-up instead of on a hot thread later.
 * <p>
 * Why: when a thread triggers the first C2 compilation of a method, HotSpot resolves every string
 * literal of that class's constant pool on that thread ({@code CompileBroker::compile_method} calls
 * {@code ConstantPool::resolve_string_constants}); each unresolved literal is interned, allocating
 * a {@code String} and its {@code byte[]} in the thread's TLAB: exception messages of cold branches
 * mostly, a few hundred bytes per class, at whatever moment the JIT gets to that class (later on a
 * loaded machine). Interning finds a string already in the string table and allocates nothing, so
 * interning the same values first (and keeping them reachable, the table holds them weakly) makes
 * the resolution allocation-free.
 * <p>
 * The literals are read from the class files on the class path (their {@code CONSTANT_String}
 * entries), without loading or initialising the classes.
 */
public final class StringLiterals
{
    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELD_REF = 9;
    private static final int METHOD_REF = 10;
    private static final int INTERFACE_METHOD_REF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    /** Strong references: the string table would otherwise let them go at the next GC. */
    private static final List<String> HELD = new ArrayList<>();

    private StringLiterals()
    {
    }

    /**
     * Interns the string literals of every class on {@code java.class.path} (directories and jars)
     * whose name starts with one of the package prefixes, e.g. {@code "io.ferrum."}.
     *
     * @return the number of literals interned
     */
    public static synchronized int preIntern(final String... packagePrefixes)
    {
        final List<String> prefixes = new ArrayList<>();
        for (final String prefix : packagePrefixes)
        {
            prefixes.add(prefix.replace('.', '/'));
        }
        int count = 0;
        for (final String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        {
            final Path path = Paths.get(entry);
            if (Files.isDirectory(path))
            {
                count += internDirectory(path, prefixes);
            }
            else if (Files.isRegularFile(path) && entry.endsWith(".jar"))
            {
                count += internJar(path, prefixes);
            }
        }
        return count;
    }

    /**
     * The values of a class file's {@code CONSTANT_String} entries.
     *
     * @throws IOException if the bytes are not a class file (bad magic, unknown constant tag, truncated)
     */
    public static List<String> literals(final byte[] classFile) throws IOException
    {
        final DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE)
        {
            throw new IOException("not a class file (bad magic)");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        final int count = in.readUnsignedShort();
        final String[] utf8 = new String[count];
        final int[] strings = new int[count];
        int stringCount = 0;
        for (int i = 1; i < count; i++)
        {
            final int tag = in.readUnsignedByte();
            switch (tag)
            {
                case UTF8:
                    utf8[i] = in.readUTF(); // modified UTF-8 with a u2 length: the class-file encoding
                    break;
                case STRING:
                    strings[stringCount++] = in.readUnsignedShort();
                    break;
                case CLASS:
                case METHOD_TYPE:
                case MODULE:
                case PACKAGE:
                    in.skipNBytes(2);
                    break;
                case METHOD_HANDLE:
                    in.skipNBytes(3);
                    break;
                case INTEGER:
                case FLOAT:
                case FIELD_REF:
                case METHOD_REF:
                case INTERFACE_METHOD_REF:
                case NAME_AND_TYPE:
                case DYNAMIC:
                case INVOKE_DYNAMIC:
                    in.skipNBytes(4);
                    break;
                case LONG:
                case DOUBLE:
                    in.skipNBytes(8);
                    i++; // an 8-byte constant takes two entries
                    break;
                default:
                    throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        final List<String> values = new ArrayList<>(stringCount);
        for (int i = 0; i < stringCount; i++)
        {
            final int index = strings[i];
            if (index <= 0 || index >= count || utf8[index] == null)
            {
                throw new IOException("string constant refers to entry " + index + ", not a UTF-8 entry");
            }
            values.add(utf8[index]);
        }
        return values;
    }

    private static int internDirectory(final Path root, final List<String> prefixes)
    {
        try (Stream<Path> files = Files.walk(root))
        {
            int count = 0;
            for (final Path file : (Iterable<Path>)files.filter((f) -> f.toString().endsWith(".class"))::iterator)
            {
                if (matches(root.relativize(file).toString().replace(java.io.File.separatorChar, '/'), prefixes))
                {
                    count += intern(Files.readAllBytes(file));
                }
            }
            return count;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static int internJar(final Path jar, final List<String> prefixes)
    {
        try (JarFile file = new JarFile(jar.toFile()))
        {
            int count = 0;
            for (final Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); )
            {
                final JarEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class") && matches(entry.getName(), prefixes))
                {
                    try (InputStream in = file.getInputStream(entry))
                    {
                        count += intern(in.readAllBytes());
                    }
                }
            }
            return count;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static boolean matches(final String name, final List<String> prefixes)
    {
        for (final String prefix : prefixes)
        {
            if (name.startsWith(prefix))
            {
                return true;
            }
        }
        return false;
    }

    private static int intern(final byte[] classFile) throws IOException
    {
        final List<String> values = literals(classFile);
        for (final String value : values)
        {
            HELD.add(value.intern());
        }
        return values.size();
    }
}
