package io.ferrum.engine.loader;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Compiles Java sources against the test's classpath (the strategy API) into a jar, as a desk's build would. */
public final class DeskJar
{
    private DeskJar()
    {
    }

    /** @param sources class name to source text */
    public static Path build(final Path dir, final String jarName, final Map<String, String> sources) throws IOException
    {
        final Path src = Files.createDirectories(dir.resolve(jarName + "-src"));
        final Path classes = Files.createDirectories(dir.resolve(jarName + "-classes"));
        final List<String> arguments = new ArrayList<>(List.of(
            "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "--release", "17"));
        for (final Map.Entry<String, String> source : sources.entrySet())
        {
            final Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler.run(null, null, null, arguments.toArray(new String[0])) != 0)
        {
            throw new IllegalStateException("the desk's sources do not compile");
        }
        final Path jar = dir.resolve(jarName + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
            Stream<Path> files = Files.walk(classes))
        {
            for (final Path file : (Iterable<Path>)files.filter(Files::isRegularFile).sorted()::iterator)
            {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A strategy that buys {@code size} once per {@code every} trades of {@code instrumentId}; {@code tag} changes its bytes. */
    public static String tradingStrategy(final String tag)
    {
        return """
            package desk;

            import io.ferrum.strategy.*;
            import org.agrona.DirectBuffer;
            import org.agrona.MutableDirectBuffer;

            public final class Echo implements Strategy
            {
                public static final String TAG = "%s";
                private final int id;
                private final int instrumentId;
                private final long size;
                private StrategyContext ctx;
                private long trades;

                public Echo(final StrategyParameters p)
                {
                    id = p.integer("strategyId", 0);
                    instrumentId = p.integer("instrumentId", 0);
                    size = p.longValue("size", 1);
                    if (size <= 0)
                    {
                        throw new IllegalArgumentException("size must be positive: " + size);
                    }
                }

                @Override public int strategyId() { return id; }
                @Override public void onStart(final StrategyContext context) { ctx = context; }

                @Override
                public void onTrade(final int instrument, final long price, final long quantity, final Side aggressor,
                    final long timeNs)
                {
                    if (instrument == instrumentId && ++trades %% 50 == 0 && ctx.openOrderCount(instrument) == 0)
                    {
                        ctx.newOrder().instrument(instrument).side(aggressor).market().quantity(size).send();
                    }
                }

                @Override public int snapshotTo(final MutableDirectBuffer b, final int o) { b.putLong(o, trades); return 8; }
                @Override public void restoreFrom(final DirectBuffer b, final int o, final int l) { trades = b.getLong(o); }
            }
            """.formatted(tag);
    }
}
