package io.ferrum.ops.history;

import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * How the history reaches PostgreSQL, by libpq's conventions and never with a password on a command
 * line: the JDBC URL names host, port, database and user; the password comes from {@code PGPASSWORD}
 * in the environment or else from the password file ({@code PGPASSFILE}, else {@code ~/.pgpass}),
 * which the driver reads itself. A URL that holds a password is refused (it would show in {@code ps},
 * shell history and every log line that names the URL), so {@link #url()} is always safe to print.
 */
public final class PgConnector
{
    /** How long a connection attempt may take before it counts as a failure (seconds). */
    static final int CONNECT_TIMEOUT_S = 5;
    /** A statement (a COPY) that gets no answer this long counts as a failure and is retried (seconds). */
    static final int SOCKET_TIMEOUT_S = 60;

    private final String url;
    private final String user;
    private final String password;

    private PgConnector(final String url, final String user, final String password)
    {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * @param url         {@code jdbc:postgresql://host[:port]/database[?user=NAME]}, no password
     * @param environment {@code PGUSER}, {@code PGPASSWORD} (and the driver's {@code PGPASSFILE})
     * @throws HistoryException (USAGE) for a URL that is not PostgreSQL's or holds a password
     */
    public static PgConnector of(final String url, final Map<String, String> environment)
    {
        final Properties parsed = null == url ? null : Driver.parseURL(url, new Properties());
        if (null == parsed)
        {
            throw new HistoryException(HistoryException.Kind.USAGE,
                "not a PostgreSQL JDBC URL: expected jdbc:postgresql://host[:port]/database");
        }
        if (parsed.containsKey("password"))
        {
            throw new HistoryException(HistoryException.Kind.USAGE, "the URL holds a password: give it in PGPASSWORD or " +
                "~/.pgpass instead (a URL shows in ps, shell history and logs)");
        }
        final String user = parsed.getProperty("user", environment.getOrDefault("PGUSER", System.getProperty("user.name")));
        return new PgConnector(url, user, environment.get("PGPASSWORD"));
    }

    /** The URL as given: it holds no password, so it may be printed. */
    public String url()
    {
        return url;
    }

    public String user()
    {
        return user;
    }

    /** A new connection; autocommit off, as every use here is a transaction of its own. */
    public Connection connect() throws SQLException
    {
        final Connection connection = DriverManager.getConnection(url, properties());
        connection.setAutoCommit(false);
        return connection;
    }

    /** The same, as a DataSource for Flyway. */
    DataSource dataSource()
    {
        final PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url);
        source.setUser(user);
        if (null != password)
        {
            source.setPassword(password);
        }
        source.setConnectTimeout(CONNECT_TIMEOUT_S);
        source.setLoginTimeout(CONNECT_TIMEOUT_S);
        source.setSocketTimeout(SOCKET_TIMEOUT_S);
        source.setApplicationName("ferrum-history");
        return source;
    }

    private Properties properties()
    {
        final Properties properties = new Properties();
        properties.setProperty("user", user);
        if (null != password)
        {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_S));
        properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_S));
        properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_S));
        properties.setProperty("ApplicationName", "ferrum-history");
        return properties;
    }

    /** The connector's description for messages: URL and user, never the password. */
    public String toString()
    {
        return url + " as " + user;
    }
}
