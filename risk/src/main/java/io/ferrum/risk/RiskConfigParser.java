package io.ferrum.risk;

import io.ferrum.codecs.config.ConfigException;
import io.ferrum.codecs.config.ConfigFile;
import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.codecs.sbe.TradingState;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code config/risk.properties} with the one strict reader ({@link ConfigFile}), then
 * environment overrides {@code FERRUM_RISK_...}. Anything it
 * does not understand (unknown key, duplicate key, junk or negative number, too many
 * decimals, out-of-range value, unknown environment variable) is refused with a
 * {@link RiskConfigException} naming the key and the problem: a risk limit that is not
 * what the operator meant must stop the start, not be ignored. The format is in docs/risk.md.
 */
public final class RiskConfigParser
{
    public static final String ENV_PREFIX = "FERRUM_RISK_";
    private static final String ENVIRONMENT = "environment ";
    static final int MAX_STRATEGY_CAPACITY = 4096;
    static final int MAX_INSTRUMENT_CAPACITY = 65536;
    static final int MAX_VOLATILITY_WINDOW = 10_000;
    static final long MAX_INTERVAL_MS = 86_400_000L;

    private static final String CAPACITY_STRATEGIES = "risk.capacity.strategies";
    private static final String CAPACITY_INSTRUMENTS = "risk.capacity.instruments";
    private static final String DAILY_RESET_UTC = "risk.daily_reset_utc";
    private static final String DAILY_LOSS_BREACH_STATE = "risk.daily_loss_breach_state";
    private static final String DRAWDOWN_BREACH_STATE = "risk.drawdown_breach_state";
    private static final String FEED_DEGRADED_STATE = "risk.feed.degraded_state";
    private static final String FEED_FALLBACK_HEALTHY = "risk.feed.fallback_is_healthy";
    private static final String VOLATILITY_WINDOW = "risk.volatility.window";
    private static final String VOLATILITY_SAMPLE_MS = "risk.volatility.sample_interval_ms";
    private static final String STOP_RETRY_MS = "risk.stop.retry_ms";
    /** {@code off} or {@code venue}: whether orders must be covered by the venue account's balances. */
    public static final String BALANCE_CHECK = "risk.balance.check";
    private static final String[] SETTINGS = {
        CAPACITY_STRATEGIES, CAPACITY_INSTRUMENTS, DAILY_RESET_UTC, DAILY_LOSS_BREACH_STATE, DRAWDOWN_BREACH_STATE,
        FEED_DEGRADED_STATE, FEED_FALLBACK_HEALTHY, VOLATILITY_WINDOW, VOLATILITY_SAMPLE_MS, STOP_RETRY_MS,
        BALANCE_CHECK };

    private static final Pattern SCOPED_KEY =
        Pattern.compile("risk\\.(global|strategy\\.(0|[1-9][0-9]{0,8})|instrument\\.([A-Za-z0-9]{1,16}))\\.([a-z_]+)");
    private static final Pattern KEY_CHARS = Pattern.compile("[A-Za-z0-9_.]{1,128}");
    private static final Pattern TIME_OF_DAY = Pattern.compile("([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?");

    private RiskConfigParser()
    {
    }

    /** Reads the file, then applies the process environment's overrides. */
    public static RiskConfig load(final Path file)
    {
        return load(file, System.getenv());
    }

    public static RiskConfig load(final Path file, final Map<String, String> environment)
    {
        final Map<String, String> where = new LinkedHashMap<>();
        return build(entries(read(file), environment, where), where);
    }

    /** The file through the one reader; its errors come out as this parser's, so callers catch one type. */
    private static ConfigFile read(final Path file)
    {
        try
        {
            return ConfigFile.read(file);
        }
        catch (final RiskConfigException ex)
        {
            throw ex;
        }
        catch (final ConfigException ex)
        {
            throw new RiskConfigException(ex.getMessage());
        }
    }

    /**
     * The file with the environment's overrides applied, written as one file of the same format:
     * what a journal keeps, so that a replay runs under the limits the live run had without the
     * original file or the live run's environment. Validated exactly as {@link #load(Path, Map)}.
     */
    public static String resolve(final Path file, final Map<String, String> environment)
    {
        return resolve(read(file), String.valueOf(file.getFileName()), environment);
    }

    /** As {@link #resolve(Path, Map)} for a file's text ({@code origin} names it in errors). */
    public static String resolve(final String text, final String origin, final Map<String, String> environment)
    {
        return resolve(parse(text, origin), origin, environment);
    }

    private static String resolve(final ConfigFile file, final String name, final Map<String, String> environment)
    {
        final Map<String, String> where = new LinkedHashMap<>();
        final Map<String, String> entries = entries(file, environment, where);
        build(entries, where);
        final StringBuilder text = new StringBuilder()
            .append("# ").append(name).append(" with its ").append(ENV_PREFIX)
            .append("* environment overrides applied at start\n");
        entries.forEach((key, value) ->
        {
            if (where.get(key).startsWith(ENVIRONMENT))
            {
                text.append("# from the ").append(where.get(key)).append('\n');
            }
            text.append(key).append(" = ").append(value).append('\n');
        });
        return text.toString();
    }

    /**
     * @param text        the file's content
     * @param origin      named in error messages
     * @param environment variables; only those starting with {@value #ENV_PREFIX} are read
     */
    public static RiskConfig parse(final String text, final String origin, final Map<String, String> environment)
    {
        final Map<String, String> where = new LinkedHashMap<>();
        return build(entries(parse(text, origin), environment, where), where);
    }

    /** The text through the one reader; its errors come out as this parser's, as {@link #read}'s. */
    private static ConfigFile parse(final String text, final String origin)
    {
        try
        {
            return ConfigFile.parse(text, origin);
        }
        catch (final ConfigException ex)
        {
            throw new RiskConfigException(ex.getMessage());
        }
    }

    /** Key to value, the environment's last; {@code where} gets each key's origin for error messages. */
    private static Map<String, String> entries(
        final ConfigFile file, final Map<String, String> environment, final Map<String, String> where)
    {
        final Map<String, String> entries = new LinkedHashMap<>();
        for (final ConfigFile.Entry entry : file.entries())
        {
            // Stricter than the reader's keys: a risk key has no '-' (symbols are Binance's, alphanumeric)
            if (!KEY_CHARS.matcher(entry.key()).matches())
            {
                throw new RiskConfigException(entry.where() + ": malformed key '" + ConfigFile.printable(entry.key()) + "'");
            }
            entries.put(entry.key(), entry.value());
            where.put(entry.key(), entry.where());
        }

        for (final Map.Entry<String, String> env : environment.entrySet())
        {
            if (env.getKey().startsWith(ENV_PREFIX))
            {
                final String key = keyOfEnvironmentVariable(env.getKey());
                entries.put(key, env.getValue().strip());
                where.put(key, ENVIRONMENT + env.getKey());
            }
        }
        return entries;
    }

    private static RiskConfig build(final Map<String, String> entries, final Map<String, String> where)
    {
        final RiskConfig config = new RiskConfig();
        // Capacities first: scoped keys are checked against them.
        for (final Map.Entry<String, String> e : entries.entrySet())
        {
            if (isSetting(e.getKey()))
            {
                applySetting(config, e.getKey(), e.getValue(), where.get(e.getKey()));
            }
        }
        for (final Map.Entry<String, String> e : entries.entrySet())
        {
            if (!isSetting(e.getKey()))
            {
                applyScoped(config, e.getKey(), e.getValue(), where.get(e.getKey()));
            }
        }
        return config;
    }

    /** The environment variable that overrides a key: {@code risk.global.x_y} is {@code FERRUM_RISK_GLOBAL_X_Y}. */
    public static String environmentVariableOf(final String key)
    {
        return "FERRUM_" + key.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * The key an environment variable overrides. Keys hold underscores, so the name is
     * matched against the known key shapes rather than split blindly.
     */
    static String keyOfEnvironmentVariable(final String name)
    {
        for (final String setting : SETTINGS)
        {
            if (environmentVariableOf(setting).equals(name))
            {
                return setting;
            }
        }
        final String rest = name.substring(ENV_PREFIX.length());
        RiskParameter parameter = null;
        for (int i = 0; i < RiskParameter.count(); i++)
        {
            final RiskParameter p = RiskParameter.get(i);
            final String suffix = "_" + p.key().toUpperCase(java.util.Locale.ROOT);
            if (rest.endsWith(suffix) && (parameter == null || p.key().length() > parameter.key().length()))
            {
                parameter = p;
            }
        }
        if (parameter != null)
        {
            final String scope = rest.substring(0, rest.length() - parameter.key().length() - 1);
            if (scope.equals("GLOBAL"))
            {
                return "risk.global." + parameter.key();
            }
            if (scope.startsWith("STRATEGY_") && scope.length() > "STRATEGY_".length())
            {
                return "risk.strategy." + scope.substring("STRATEGY_".length()) + "." + parameter.key();
            }
            if (scope.startsWith("INSTRUMENT_") && scope.length() > "INSTRUMENT_".length())
            {
                return "risk.instrument." + scope.substring("INSTRUMENT_".length()) + "." + parameter.key();
            }
        }
        throw new RiskConfigException("environment " + ConfigFile.printable(name) + ": not a risk configuration variable " +
            "(expected FERRUM_RISK_GLOBAL_<LIMIT>, FERRUM_RISK_STRATEGY_<ID>_<LIMIT>, " +
            "FERRUM_RISK_INSTRUMENT_<SYMBOL>_<LIMIT> or a setting, see docs/risk.md)");
    }

    private static boolean isSetting(final String key)
    {
        for (final String s : SETTINGS)
        {
            if (s.equals(key))
            {
                return true;
            }
        }
        return false;
    }

    private static void applySetting(final RiskConfig config, final String key, final String value, final String at)
    {
        switch (key)
        {
            case CAPACITY_STRATEGIES:
                config.strategyCapacity = (int)integer(key, value, at, 1, MAX_STRATEGY_CAPACITY);
                break;
            case CAPACITY_INSTRUMENTS:
                config.instrumentCapacity = (int)integer(key, value, at, 1, MAX_INSTRUMENT_CAPACITY);
                break;
            case DAILY_RESET_UTC:
                config.dailyResetOffsetNs = timeOfDay(key, value, at);
                break;
            case DAILY_LOSS_BREACH_STATE:
                config.dailyLossBreachState = restrictiveState(key, value, at);
                break;
            case DRAWDOWN_BREACH_STATE:
                config.drawdownBreachState = restrictiveState(key, value, at);
                break;
            case FEED_DEGRADED_STATE:
                config.feedDegradedState = restrictiveState(key, value, at);
                break;
            case FEED_FALLBACK_HEALTHY:
                if (!value.equals("true") && !value.equals("false"))
                {
                    throw problem(key, at, "expected true or false, found '" + ConfigFile.printable(value) + "'");
                }
                config.fallbackFeedHealthy = Boolean.parseBoolean(value);
                break;
            case VOLATILITY_WINDOW:
                config.volatilityWindow = (int)integer(key, value, at, 2, MAX_VOLATILITY_WINDOW);
                break;
            case VOLATILITY_SAMPLE_MS:
                config.volatilitySampleIntervalNs = integer(key, value, at, 1, MAX_INTERVAL_MS) * 1_000_000L;
                break;
            case STOP_RETRY_MS:
                config.stopRetryNs = integer(key, value, at, 1, MAX_INTERVAL_MS) * 1_000_000L;
                break;
            case BALANCE_CHECK:
                if (!value.equals("venue") && !value.equals("off"))
                {
                    throw problem(key, at, "expected venue or off, found '" + ConfigFile.printable(value) + "'");
                }
                config.balanceCheck = value.equals("venue");
                break;
            default:
                throw problem(key, at, "unknown key");
        }
    }

    private static void applyScoped(final RiskConfig config, final String key, final String value, final String at)
    {
        final Matcher m = SCOPED_KEY.matcher(key);
        if (!m.matches())
        {
            throw problem(key, at, "unknown key (expected risk.global.<limit>, risk.strategy.<id>.<limit>, " +
                "risk.instrument.<SYMBOL>.<limit> or a setting, see docs/risk.md)");
        }
        final RiskParameter parameter = RiskParameter.ofKey(m.group(4));
        if (parameter == null)
        {
            throw problem(key, at, "unknown limit '" + m.group(4) + "'");
        }
        final int scopeBit;
        final String target;
        if (m.group(2) != null)
        {
            scopeBit = RiskParameter.Scopes.STRATEGY;
            target = m.group(2);
            final long id = Long.parseLong(target);
            if (id >= config.strategyCapacity)
            {
                throw problem(key, at, "strategy id " + id + " is not below " + CAPACITY_STRATEGIES + " = " +
                    config.strategyCapacity);
            }
        }
        else if (m.group(3) != null)
        {
            scopeBit = RiskParameter.Scopes.INSTRUMENT;
            target = m.group(3);
        }
        else
        {
            scopeBit = RiskParameter.Scopes.GLOBAL;
            target = "";
        }
        if (!parameter.allowedAt(scopeBit))
        {
            throw problem(key, at, parameter.key() + " can only be set per " + parameter.allowedScopes());
        }
        final long mantissa = limitValue(key, value, at, parameter);
        config.values.add(new RiskConfig.ScopedValue(scopeBit, target, parameter, mantissa));
    }

    static long limitValue(final String key, final String value, final String at, final RiskParameter parameter)
    {
        final long mantissa;
        try
        {
            mantissa = DecimalParser.parse(value, parameter.exponent());
        }
        catch (final IllegalArgumentException ex)
        {
            throw problem(key, at, ex.getMessage());
        }
        if (mantissa < 0)
        {
            throw problem(key, at, "negative limit " + value);
        }
        final String range = RiskManager.checkRange(parameter, mantissa);
        if (range != null)
        {
            throw problem(key, at, range + ", found " + value);
        }
        return mantissa;
    }

    private static long integer(final String key, final String value, final String at, final long min, final long max)
    {
        final long n;
        try
        {
            n = DecimalParser.parse(value, 0);
        }
        catch (final IllegalArgumentException ex)
        {
            throw problem(key, at, ex.getMessage());
        }
        if (n < min || n > max)
        {
            throw problem(key, at, "must be in [" + min + ", " + max + "], found " + value);
        }
        return n;
    }

    private static long timeOfDay(final String key, final String value, final String at)
    {
        final Matcher m = TIME_OF_DAY.matcher(value);
        if (!m.matches())
        {
            throw problem(key, at, "expected HH:MM or HH:MM:SS (UTC), found '" + ConfigFile.printable(value) + "'");
        }
        final int hours = Integer.parseInt(m.group(1));
        final int minutes = Integer.parseInt(m.group(2));
        final int seconds = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if (hours > 23 || minutes > 59 || seconds > 59)
        {
            throw problem(key, at, "not a time of day: '" + value + "'");
        }
        return ((hours * 60L + minutes) * 60L + seconds) * 1_000_000_000L;
    }

    private static TradingState restrictiveState(final String key, final String value, final String at)
    {
        if (value.equals("REDUCING"))
        {
            return TradingState.REDUCING;
        }
        if (value.equals("HALTED"))
        {
            return TradingState.HALTED;
        }
        throw problem(key, at, "expected REDUCING or HALTED, found '" + ConfigFile.printable(value) + "'");
    }

    private static RiskConfigException problem(final String key, final String at, final String message)
    {
        return new RiskConfigException(
            at + ": key '" + ConfigFile.printable(key) + "': " + ConfigFile.printable(message, 256));
    }
}
