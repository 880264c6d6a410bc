package io.ferrum.bench.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package graph of every module's main classes points one way: no package reaches itself
 * again through the packages it uses (issue 13). Bench sees every module, so its test class path
 * holds all main classes, as directories in a reactor build or as jars after packaging; test
 * classes are left out. A failure names each cycle and the class references that make it.
 */
class PackageCyclesTest
{
    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException, URISyntaxException
    {
        final PackageGraph graph = new PackageGraph();
        final Enumeration<URL> roots = getClass().getClassLoader().getResources("io/ferrum");
        while (roots.hasMoreElements())
        {
            readRoot(roots.nextElement(), graph);
        }
        assertTrue(graph.packageCount() > 50, "found only " + graph.packageCount() + " packages: class path not scanned");

        final List<Set<String>> cycles = graph.cycles();
        final StringBuilder report = new StringBuilder();
        for (final Set<String> cycle : cycles)
        {
            report.append("\ncycle among ").append(cycle).append(graph.describeEdges(cycle));
        }
        assertTrue(cycles.isEmpty(), report.toString());
    }

    @Test
    void findsACycleThroughThreePackagesNotOnlyPairs()
    {
        final PackageGraph graph = new PackageGraph();
        graph.add("io/ferrum/a/A", Set.of("io/ferrum/a/b/B"));
        graph.add("io/ferrum/a/b/B", Set.of("io/ferrum/c/C"));
        graph.add("io/ferrum/c/C", Set.of("io/ferrum/a/A"));
        graph.add("io/ferrum/d/D", Set.of("io/ferrum/a/A"));

        assertTrue(graph.cycles().equals(List.of(Set.of("io.ferrum.a", "io.ferrum.a.b", "io.ferrum.c"))),
            graph.cycles().toString());
    }

    @Test
    void readsTheReferencesOfARealClassFile() throws IOException
    {
        try (InputStream in = getClass().getResourceAsStream("PackageCyclesTest.class"))
        {
            final Set<String> types = ClassReferences.of(in);
            assertTrue(types.contains("io/ferrum/bench/architecture/PackageGraph"), types.toString());
        }
    }

    private static void readRoot(final URL root, final PackageGraph graph) throws IOException, URISyntaxException
    {
        final String where = root.toString();
        if (where.contains("/test-classes/") || where.contains("-tests.jar"))
        {
            return;
        }
        if ("jar".equals(root.getProtocol()))
        {
            final JarURLConnection connection = (JarURLConnection)root.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile())
            {
                for (final JarEntry entry : Collections.list(jar.entries()))
                {
                    if (entry.getName().startsWith("io/ferrum/") && entry.getName().endsWith(".class"))
                    {
                        try (InputStream in = jar.getInputStream(entry))
                        {
                            graph.add(className(entry.getName()), ClassReferences.of(in));
                        }
                    }
                }
            }
            return;
        }
        final Path classes = Path.of(root.toURI()).getParent().getParent();
        try (Stream<Path> files = Files.walk(classes.resolve("io/ferrum")))
        {
            for (final Path file : (Iterable<Path>)files.filter((f) -> f.toString().endsWith(".class"))::iterator)
            {
                try (InputStream in = Files.newInputStream(file))
                {
                    graph.add(className(classes.relativize(file).toString().replace('\\', '/')), ClassReferences.of(in));
                }
            }
        }
    }

    private static String className(final String path)
    {
        return path.substring(0, path.length() - ".class".length());
    }
}
