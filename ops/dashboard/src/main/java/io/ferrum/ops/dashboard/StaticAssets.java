package io.ferrum.ops.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page's files, read once from the jar: the HTML and CSS as written, the script as esbuild
 * bundled it with its chart library at build time (so the page needs no network: no CDN).
 */
final class StaticAssets
{
    static final String PAGE = "index.html";
    static final String SCRIPT = "dashboard.js";
    static final String STYLE = "dashboard.css";
    private static final String DIR = "/io/ferrum/ops/dashboard/web/";
    private static final Map<String, String> TYPES = Map.of(
        PAGE, "text/html; charset=utf-8",
        SCRIPT, "text/javascript; charset=utf-8",
        STYLE, "text/css; charset=utf-8");

    private final Map<String, byte[]> files;

    private StaticAssets(final Map<String, byte[]> files)
    {
        this.files = files;
    }

    static StaticAssets load()
    {
        return new StaticAssets(Map.of(PAGE, read(PAGE), SCRIPT, read(SCRIPT), STYLE, read(STYLE)));
    }

    byte[] bytes(final String name)
    {
        return files.get(name);
    }

    static String contentType(final String name)
    {
        return TYPES.get(name);
    }

    private static byte[] read(final String name)
    {
        try (InputStream in = StaticAssets.class.getResourceAsStream(DIR + name))
        {
            if (null == in)
            {
                throw new IllegalStateException("the dashboard's " + name + " is not on the classpath: the build of" +
                    " ops/dashboard bundles it (npm ci, esbuild: docs/dashboard.md)");
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
