package io.ferrum.engine.loader;

import io.ferrum.codecs.config.ConfigException;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The desk's strategy jars ({@code FERRUM_CLASSPATH} or {@code --classpath}: jar files separated by
 * the platform's path separator), each checked to be a readable jar and hashed (SHA-256) when
 * loaded, and the class loader over them. Ferrum's own classes (the API, the samples) come first:
 * the loader delegates to Ferrum's before it looks in a jar, so every strategy shares the one
 * {@code io.ferrum.strategy} API.
 */
public final class StrategyJars
{
    /** The environment variable that lists the jars when no {@code --classpath} is given. */
    public static final String ENVIRONMENT_VARIABLE = "FERRUM_CLASSPATH";

    /** A jar and its SHA-256. */
    public record Jar(Path path, byte[] sha256)
    {
        public String fileName()
        {
            return path.getFileName().toString();
        }

        public String sha256Hex()
        {
            return HexFormat.of().formatHex(sha256);
        }
    }

    private final String origin;
    private final List<Jar> jars;
    private final ClassLoader classLoader;

    private StrategyJars(final String origin, final List<Jar> jars)
    {
        this.origin = origin;
        this.jars = List.copyOf(jars);
        final URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++)
        {
            try
            {
                urls[i] = jars.get(i).path().toUri().toURL();
            }
            catch (final MalformedURLException ex)
            {
                throw new ConfigException(origin + ": " + jars.get(i).path() + ": " + ex.getMessage(), ex);
            }
        }
        this.classLoader = urls.length == 0 ? StrategyJars.class.getClassLoader() :
            new URLClassLoader("ferrum-strategies", urls, StrategyJars.class.getClassLoader());
    }

    /** No jar: Ferrum's own strategies only. */
    public static StrategyJars none()
    {
        return new StrategyJars("no classpath", List.of());
    }

    /**
     * @param classpath jar files separated by {@link File#pathSeparator}; null or blank for none
     * @param origin    names the source in errors ({@code --classpath}, {@code FERRUM_CLASSPATH})
     * @throws ConfigException for a missing, unreadable or corrupt jar, or a directory
     */
    public static StrategyJars of(final String classpath, final String origin)
    {
        final List<Jar> jars = new ArrayList<>();
        if (null != classpath)
        {
            for (final String element : classpath.split(File.pathSeparator))
            {
                if (!element.isBlank())
                {
                    jars.add(jar(Path.of(element.strip()).toAbsolutePath().normalize(), origin));
                }
            }
        }
        return new StrategyJars(origin, jars);
    }

    /** {@code --classpath} when given, else {@code FERRUM_CLASSPATH} from {@code environment}. */
    public static StrategyJars resolve(final String classpathOption, final java.util.Map<String, String> environment)
    {
        return null != classpathOption ? of(classpathOption, "--classpath") :
            of(environment.get(ENVIRONMENT_VARIABLE), ENVIRONMENT_VARIABLE);
    }

    private static Jar jar(final Path path, final String origin)
    {
        if (!Files.isRegularFile(path))
        {
            throw new ConfigException(origin + ": " + path + (Files.isDirectory(path) ?
                " is a directory; list the strategy jar files themselves" : " does not exist"));
        }
        try (JarFile jar = new JarFile(path.toFile(), true))
        {
            jar.size(); // opening reads the central directory: a truncated or foreign file fails here
        }
        catch (final IOException | SecurityException ex)
        {
            throw new ConfigException(origin + ": " + path + " is not a readable jar: " + ex.getMessage(), ex);
        }
        return new Jar(path, sha256(path, origin));
    }

    private static byte[] sha256(final Path path, final String origin)
    {
        try (InputStream in = Files.newInputStream(path))
        {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            final byte[] chunk = new byte[64 * 1024];
            int read;
            while ((read = in.read(chunk)) > 0)
            {
                digest.update(chunk, 0, read);
            }
            return digest.digest();
        }
        catch (final IOException ex)
        {
            throw new ConfigException(origin + ": cannot read " + path + ": " + ex.getMessage(), ex);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("the JDK has no SHA-256", ex);
        }
    }

    public List<Jar> jars()
    {
        return jars;
    }

    public ClassLoader classLoader()
    {
        return classLoader;
    }

    /** The jar a class was loaded from, or null for a class of Ferrum's own. */
    public Jar jarOf(final Class<?> type)
    {
        final CodeSource source = type.getProtectionDomain().getCodeSource();
        if (null == source || null == source.getLocation() || type.getClassLoader() != classLoader)
        {
            return null;
        }
        try
        {
            final Path location = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
            for (final Jar jar : jars)
            {
                if (jar.path().equals(location))
                {
                    return jar;
                }
            }
            return null;
        }
        catch (final URISyntaxException ex)
        {
            return null;
        }
    }

    /** For messages: where classes were looked for. */
    public String describe()
    {
        if (jars.isEmpty())
        {
            return "Ferrum's classes (no " + ENVIRONMENT_VARIABLE + " or --classpath jar)";
        }
        final StringBuilder text = new StringBuilder("Ferrum's classes and ").append(origin).append(" [");
        for (int i = 0; i < jars.size(); i++)
        {
            text.append(i == 0 ? "" : ", ").append(jars.get(i).path());
        }
        return text.append(']').toString();
    }
}
