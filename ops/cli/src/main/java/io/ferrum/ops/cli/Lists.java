package io.ferrum.ops.cli;

import java.util.List;
import java.util.Locale;

/** What commands do with a comma-separated option ({@code split = ","}): blanks dropped, symbols upper-cased. */
final class Lists
{
    private Lists()
    {
    }

    static List<String> nonBlank(final List<String> items)
    {
        return null == items ? null : items.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static List<String> upperCase(final List<String> symbols)
    {
        return null == symbols ? null : nonBlank(symbols).stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
    }
}
