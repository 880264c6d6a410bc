package io.ferrum.ops.dashboard;

import java.net.URI;

/**
 * What the dashboard refuses before routing, each with the status and one line saying why: a method
 * other than GET or HEAD (405: the page is read-only, O5), a {@code Host} that names neither loopback
 * nor the bound address (403: DNS rebinding, as the MCP server checks), an {@code Origin} other than
 * the server's own (403: another site's page, even one on loopback, may not read the figures), and a
 * path that is not plain (400: {@code ..}, encoded slashes or dots, backslashes, control characters).
 */
final class RequestCheck
{
    /** The longest request target served: every route is short. */
    static final int MAX_URI_LENGTH = 2048;

    /** A refusal: the HTTP status and the reason sent as text. */
    record Refusal(int status, String reason)
    {
    }

    private final String boundAddress;

    /**
     * @param boundAddress the address the server listens on, as {@code InetAddress.getHostAddress()} writes it
     */
    RequestCheck(final String boundAddress)
    {
        this.boundAddress = boundAddress;
    }

    /** @return null when the request may be routed */
    Refusal check(final String method, final String uri, final String host, final String origin)
    {
        if (!"GET".equals(method) && !"HEAD".equals(method))
        {
            return new Refusal(405, "the dashboard is read-only: GET and HEAD only, not " + printable(method));
        }
        if (null == host || !isAllowedHost(host))
        {
            return new Refusal(403, "host not allowed: " + printable(host));
        }
        if (null != origin && !isSameOrigin(origin, host))
        {
            return new Refusal(403, "origin not allowed: " + printable(origin));
        }
        if (uri.length() > MAX_URI_LENGTH)
        {
            return new Refusal(414, "request target longer than " + MAX_URI_LENGTH + " characters");
        }
        if (!isPlainPath(uri))
        {
            return new Refusal(400, "not a plain path: " + printable(uri));
        }
        return null;
    }

    /** True when a Host header ({@code name[:port]}) names loopback or the bound address. */
    boolean isAllowedHost(final String hostHeader)
    {
        final String name = hostName(hostHeader);
        return null != name && (isLoopbackName(name) || name.equals(boundAddress) || name.equals("[" + boundAddress + "]"));
    }

    /**
     * The browser sends an Origin on cross-origin reads (and on EventSource): only the page's own,
     * {@code http://} plus the Host it was loaded from, is the dashboard's.
     */
    static boolean isSameOrigin(final String origin, final String hostHeader)
    {
        return origin.equalsIgnoreCase("http://" + hostHeader);
    }

    private static String hostName(final String hostHeader)
    {
        try
        {
            final URI uri = new URI("http://" + hostHeader + "/");
            return null == uri.getRawUserInfo() && null == uri.getRawQuery() && "/".equals(uri.getRawPath()) ?
                uri.getHost() : null;
        }
        catch (final java.net.URISyntaxException ex)
        {
            return null;
        }
    }

    private static boolean isLoopbackName(final String host)
    {
        return "localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }

    /**
     * Every route is a fixed name, so anything a file server would have to resolve is refused
     * outright rather than normalised: no dot segments, no percent-encoded path characters, no
     * backslash or control character.
     */
    static boolean isPlainPath(final String uri)
    {
        if (uri.isEmpty() || uri.charAt(0) != '/')
        {
            return false;
        }
        final int query = uri.indexOf('?');
        final String path = query < 0 ? uri : uri.substring(0, query);
        for (int i = 0; i < path.length(); i++)
        {
            final char c = path.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '\\' || c == '%')
            {
                return false;
            }
        }
        return !path.contains("/.") && !path.contains("//");
    }

    /** At most 80 printable characters of what the client sent, for the reason line. */
    static String printable(final String text)
    {
        if (null == text)
        {
            return "(none)";
        }
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 80; i++)
        {
            final char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
