package io.ferrum.bench.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Packages and the class references between them; finds the cycles as the strongly connected
 * components of more than one package (Tarjan), which is every cycle, not only mutual pairs.
 */
final class PackageGraph
{
    /** from package, to package, the class references that make the edge. */
    private final Map<String, Map<String, Set<String>>> edges = new TreeMap<>();

    void add(final String className, final Set<String> references)
    {
        final String from = packageOf(className);
        final Map<String, Set<String>> out = edges.computeIfAbsent(from, (p) -> new TreeMap<>());
        for (final String reference : references)
        {
            final String to = packageOf(reference);
            if (!to.equals(from))
            {
                edges.computeIfAbsent(to, (p) -> new TreeMap<>());
                out.computeIfAbsent(to, (p) -> new TreeSet<>()).add(simpleName(className) + " -> " + simpleName(reference));
            }
        }
    }

    int packageCount()
    {
        return edges.size();
    }

    List<Set<String>> cycles()
    {
        return new Tarjan().run();
    }

    /** The edges inside a cycle, each with the class references behind it. */
    String describeEdges(final Set<String> cycle)
    {
        final StringBuilder out = new StringBuilder();
        for (final String from : cycle)
        {
            edges.get(from).forEach((to, why) ->
            {
                if (cycle.contains(to))
                {
                    out.append("\n  ").append(from).append(" -> ").append(to).append(": ").append(why);
                }
            });
        }
        return out.toString();
    }

    private static String packageOf(final String internalName)
    {
        return internalName.substring(0, internalName.lastIndexOf('/')).replace('/', '.');
    }

    private static String simpleName(final String internalName)
    {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    private final class Tarjan
    {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<Set<String>> components = new ArrayList<>();

        List<Set<String>> run()
        {
            for (final String node : edges.keySet())
            {
                if (!index.containsKey(node))
                {
                    visit(node);
                }
            }
            return components;
        }

        // Recursive: the package graph is a few hundred nodes deep at most.
        private void visit(final String node)
        {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            for (final String next : edges.get(node).keySet())
            {
                if (!index.containsKey(next))
                {
                    visit(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                }
                else if (onStack.contains(next))
                {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node)))
            {
                final Set<String> component = new TreeSet<>();
                String member;
                do
                {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                }
                while (!member.equals(node));
                if (component.size() > 1)
                {
                    components.add(component);
                }
            }
        }
    }
}
