package io.ferrum.ops.cli;

import io.aeron.cluster.ClusterControl;
import io.aeron.driver.MediaDriver;
import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.codecs.sbe.KillSwitchEncoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.RiskLimit;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.SetRiskLimitEncoder;
import io.ferrum.codecs.sbe.SetTradingStateEncoder;
import io.ferrum.codecs.sbe.TradingState;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.sequencer.cluster.AdminAuthenticator;
import io.ferrum.sequencer.cluster.AdminClient;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.cluster.ClusterContexts;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code ./ferrum admin ...}: sends one sequenced admin command (KillSwitch, SetTradingState,
 * SetRiskLimit) to the cluster as an authenticated admin session and waits for its
 * acknowledgement; {@code admin snapshot} asks a member on this machine for a cluster snapshot.
 * See docs/risk.md.
 */
public final class AdminCommand implements Command
{
    static final int DEFAULT_SOURCE_ID = 900;
    static final long DEFAULT_TIMEOUT_MS = 5_000;
    private static final int EXIT_UNAVAILABLE = 69;

    private final Map<String, String> environment;
    private final Supplier<Long> sequenceClock;

    public AdminCommand()
    {
        this(System.getenv(), () -> System.currentTimeMillis() * 1_000L);
    }

    /** For tests: the environment holding the token, and where increasing sequences come from. */
    AdminCommand(final Map<String, String> environment, final Supplier<Long> sequenceClock)
    {
        this.environment = environment;
        this.sequenceClock = sequenceClock;
    }

    public String name()
    {
        return "admin";
    }

    public String summary()
    {
        return "send a kill switch, trading state or risk limit to the cluster (authenticated), or request a snapshot";
    }

    public String usage()
    {
        return String.join("\n",
            "usage: ./ferrum admin kill-switch [--scope global|strategy ID|instrument SYMBOL] TARGET",
            "       ./ferrum admin set-state --scope ... --state ACTIVE|REDUCING|HALTED TARGET",
            "       ./ferrum admin set-limit --scope ... --limit NAME --value DECIMAL|none TARGET",
            "       ./ferrum admin snapshot --cluster FILE [--member N]",
            "TARGET: --cluster FILE (a cluster configuration with cluster.member.N lines)",
            "        or --ingress '0=host:port,...' (the ingress endpoints a running demo prints)",
            "options: --instruments FILE (symbols for --scope instrument; default: the demo's recorded symbols)",
            "         --timeout MS (default 5000)  --source-id N (default 900)  --operator NAME",
            "         --token-file FILE (the admin token in a file only its owner can read, e.g. the",
            "         admin.token a demo writes when " + AdminAuthenticator.TOKEN_ENV + " is unset; it wins over the variable)",
            "limits: " + limitNames(),
            "The admin token is read from " + AdminAuthenticator.TOKEN_ENV + " (the members must have the same one).");
    }

    private static String limitNames()
    {
        final StringBuilder names = new StringBuilder();
        for (final RiskLimit limit : RiskLimit.values())
        {
            if (limit != RiskLimit.NULL_VAL)
            {
                names.append(names.length() == 0 ? "" : ", ").append(limit.name().toLowerCase(Locale.ROOT));
            }
        }
        return names.toString();
    }

    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws Exception
    {
        final Request request;
        try
        {
            request = Request.parse(args);
        }
        catch (final UsageException ex)
        {
            err.println("ferrum admin: " + ex.getMessage());
            err.println(usage());
            return EXIT_USAGE;
        }
        if ("snapshot".equals(request.action))
        {
            return snapshot(request, out, err);
        }
        final String token;
        try
        {
            token = request.tokenFile == null ? environment.get(AdminAuthenticator.TOKEN_ENV) :
                TokenFile.read(Path.of(request.tokenFile));
        }
        catch (final UsageException ex)
        {
            err.println("ferrum admin: " + ex.getMessage());
            return EXIT_USAGE;
        }
        if (token == null || token.isEmpty())
        {
            err.println("ferrum admin: " + AdminAuthenticator.TOKEN_ENV + " is not set and no --token-file given: " +
                "admin commands need the token the cluster members were started with");
            return EXIT_USAGE;
        }
        final int targetId;
        final InstrumentRegistry instruments;
        try
        {
            instruments = request.instrumentsFile == null ?
                InstrumentRegistry.loadResource(InstrumentRegistry.BINANCE_FIXTURES) :
                InstrumentRegistry.load(Path.of(request.instrumentsFile));
            targetId = request.targetId(instruments);
        }
        catch (final UsageException ex)
        {
            err.println("ferrum admin: " + ex.getMessage());
            return EXIT_USAGE;
        }
        final ClusterConfig config = request.clusterConfig();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final long sequence = sequenceClock.get();
        final int length = request.encode(buffer, targetId, sequence);

        final Path driverDir = Files.createTempDirectory("ferrum-admin-aeron");
        try (MediaDriver driver = MediaDriver.launchEmbedded(ClusterContexts.clientDriverContext(config, driverDir.toString()));
            AdminClient client = AdminClient.connect(config, driver.aeronDirectoryName(), token))
        {
            if (!client.send(buffer, 0, length, request.timeoutMs))
            {
                err.println("ferrum admin: no acknowledgement from the cluster within " + request.timeoutMs +
                    " ms (is it running, and reachable at " + config.ingressEndpoints() + "?)");
                return EXIT_UNAVAILABLE;
            }
            out.println(CommandLines.adminAcknowledged(request.action, request.scope, targetId, request.sourceId, sequence));
            return 0;
        }
        catch (final RuntimeException ex)
        {
            err.println("ferrum admin: cannot reach the cluster at " + config.ingressEndpoints() + ": " + ex.getMessage());
            return EXIT_UNAVAILABLE;
        }
        finally
        {
            deleteQuietly(driverDir);
        }
    }

    private static int snapshot(final Request request, final PrintStream out, final PrintStream err)
    {
        if (request.clusterFile == null)
        {
            err.println("ferrum admin: snapshot needs --cluster FILE: it toggles a member's control counter " +
                "through that member's media driver on this machine");
            return EXIT_USAGE;
        }
        final ClusterConfig config = request.clusterConfig();
        final Path cnc = config.aeronDir(request.member).resolve("cnc.dat");
        if (!Files.exists(cnc))
        {
            err.println("ferrum admin: member " + request.member + " is not running here: no " + cnc);
            return EXIT_UNAVAILABLE;
        }
        final CountersReader counters = ClusterControl.mapCounters(cnc.toFile());
        final AtomicCounter toggle = ClusterControl.findControlToggle(counters, 0);
        if (toggle == null || !ClusterControl.ToggleState.SNAPSHOT.toggle(toggle))
        {
            err.println("ferrum admin: member " + request.member + " did not take the snapshot request " +
                "(another control action is in progress, or it is not a cluster member)");
            return EXIT_UNAVAILABLE;
        }
        out.println(CommandLines.snapshotRequested(request.member));
        return 0;
    }

    private static void deleteQuietly(final Path dir)
    {
        try (var paths = Files.walk(dir))
        {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final Exception ignored)
        {
            // a temp dir left behind is harmless
        }
    }

    /** A parsed command line; every mistake is a {@link UsageException} naming it. */
    static final class Request
    {
        String action;
        String scope = "global";
        String scopeTarget;
        String state;
        String limit;
        String value;
        String clusterFile;
        String ingress;
        String instrumentsFile;
        String tokenFile;
        String operator = System.getProperty("user.name", "operator");
        int sourceId = DEFAULT_SOURCE_ID;
        long timeoutMs = DEFAULT_TIMEOUT_MS;
        int member;
        private boolean scopeGiven;

        static Request parse(final List<String> args)
        {
            if (args.isEmpty())
            {
                throw new UsageException("missing action: kill-switch, set-state, set-limit or snapshot");
            }
            final Request r = new Request();
            r.action = args.get(0);
            if (!List.of("kill-switch", "set-state", "set-limit", "snapshot").contains(r.action))
            {
                throw new UsageException("unknown action '" + r.action + "'");
            }
            for (int i = 1; i < args.size(); i++)
            {
                final String option = args.get(i);
                switch (option)
                {
                    case "--scope":
                        r.scope = value(args, ++i, option).toLowerCase(Locale.ROOT);
                        r.scopeGiven = true;
                        if ("strategy".equals(r.scope) || "instrument".equals(r.scope))
                        {
                            r.scopeTarget = value(args, ++i, "--scope " + r.scope);
                        }
                        else if (!"global".equals(r.scope))
                        {
                            throw new UsageException("--scope must be global, strategy ID or instrument SYMBOL, found '" +
                                r.scope + "'");
                        }
                        break;
                    case "--state":
                        r.state = value(args, ++i, option).toUpperCase(Locale.ROOT);
                        break;
                    case "--limit":
                        r.limit = value(args, ++i, option).toUpperCase(Locale.ROOT);
                        break;
                    case "--value":
                        r.value = value(args, ++i, option);
                        break;
                    case "--cluster":
                        r.clusterFile = value(args, ++i, option);
                        break;
                    case "--ingress":
                        r.ingress = value(args, ++i, option);
                        break;
                    case "--instruments":
                        r.instrumentsFile = value(args, ++i, option);
                        break;
                    case "--token-file":
                        r.tokenFile = value(args, ++i, option);
                        break;
                    case "--operator":
                        r.operator = value(args, ++i, option);
                        break;
                    case "--source-id":
                        r.sourceId = (int)number(value(args, ++i, option), option, 1, Integer.MAX_VALUE);
                        break;
                    case "--timeout":
                        r.timeoutMs = number(value(args, ++i, option), option, 1, 600_000);
                        break;
                    case "--member":
                        r.member = (int)number(value(args, ++i, option), option, 0, 1000);
                        break;
                    default:
                        throw new UsageException("unknown option '" + option + "'");
                }
            }
            r.validate();
            return r;
        }

        private void validate()
        {
            if ("snapshot".equals(action))
            {
                return;
            }
            if ((clusterFile == null) == (ingress == null))
            {
                throw new UsageException("give exactly one of --cluster FILE or --ingress ENDPOINTS");
            }
            if (!"kill-switch".equals(action) && !scopeGiven)
            {
                throw new UsageException(action + " needs --scope");
            }
            if ("set-state".equals(action))
            {
                tradingState();
            }
            if ("set-limit".equals(action))
            {
                riskLimit();
                if (value == null)
                {
                    throw new UsageException("set-limit needs --value DECIMAL (or none to remove the limit)");
                }
                mantissa();
            }
        }

        private static String value(final List<String> args, final int index, final String option)
        {
            if (index >= args.size() || args.get(index).startsWith("--"))
            {
                throw new UsageException(option + " needs a value");
            }
            return args.get(index);
        }

        private static long number(final String text, final String option, final long min, final long max)
        {
            try
            {
                final long n = Long.parseLong(text);
                if (n < min || n > max)
                {
                    throw new UsageException(option + " must be in [" + min + ", " + max + "], found " + text);
                }
                return n;
            }
            catch (final NumberFormatException ex)
            {
                throw new UsageException(option + " must be a whole number, found '" + text + "'");
            }
        }

        TradingState tradingState()
        {
            if (state == null)
            {
                throw new UsageException("set-state needs --state ACTIVE|REDUCING|HALTED");
            }
            try
            {
                final TradingState s = TradingState.valueOf(state);
                if (s != TradingState.NULL_VAL)
                {
                    return s;
                }
            }
            catch (final IllegalArgumentException ignored)
            {
                // reported below
            }
            throw new UsageException("--state must be ACTIVE, REDUCING or HALTED, found '" + state + "'");
        }

        RiskLimit riskLimit()
        {
            if (limit == null)
            {
                throw new UsageException("set-limit needs --limit NAME (" + limitNames() + ")");
            }
            try
            {
                final RiskLimit l = RiskLimit.valueOf(limit);
                if (l != RiskLimit.NULL_VAL)
                {
                    return l;
                }
            }
            catch (final IllegalArgumentException ignored)
            {
                // reported below
            }
            throw new UsageException("unknown --limit '" + limit.toLowerCase(Locale.ROOT) + "' (" + limitNames() + ")");
        }

        /** Decimals of --value: its exponent. */
        int exponent()
        {
            final int dot = value.indexOf('.');
            return dot < 0 ? 0 : -(value.length() - dot - 1);
        }

        long mantissa()
        {
            if ("none".equalsIgnoreCase(value))
            {
                return SetRiskLimitEncoder.valueNullValue();
            }
            final int exponent = exponent();
            long mantissa = DecimalParser.INVALID;
            try
            {
                mantissa = exponent < -18 ? DecimalParser.INVALID : DecimalParser.parse(value, exponent);
            }
            catch (final IllegalArgumentException ex)
            {
                // reported below with the option's name
            }
            if (mantissa == DecimalParser.INVALID || mantissa < 0 || value.startsWith("+"))
            {
                throw new UsageException("--value must be a plain non-negative decimal such as 1000.5 (at most 18 " +
                    "decimals) or none, found '" + value + "'");
            }
            return mantissa;
        }

        Scope sbeScope()
        {
            return "global".equals(scope) ? Scope.GLOBAL : "strategy".equals(scope) ? Scope.STRATEGY : Scope.INSTRUMENT;
        }

        int targetId(final InstrumentRegistry instruments)
        {
            if ("global".equals(scope))
            {
                return 0;
            }
            if ("strategy".equals(scope))
            {
                return (int)number(scopeTarget, "--scope strategy", 0, Integer.MAX_VALUE);
            }
            final Instrument instrument = instruments.get(scopeTarget.toUpperCase(Locale.ROOT));
            if (instrument != null)
            {
                return instrument.instrumentId();
            }
            if (scopeTarget.chars().allMatch(Character::isDigit) && !scopeTarget.isEmpty())
            {
                return (int)number(scopeTarget, "--scope instrument", 1, Integer.MAX_VALUE);
            }
            throw new UsageException("unknown instrument '" + scopeTarget + "' (give a symbol of the registry or an id)");
        }

        ClusterConfig clusterConfig()
        {
            if (clusterFile != null)
            {
                return ClusterConfig.load(Path.of(clusterFile));
            }
            final StringBuilder text = new StringBuilder();
            for (final String endpoint : ingress.split(","))
            {
                final String[] idAndAddress = endpoint.split("=", 2);
                if (idAndAddress.length != 2)
                {
                    throw new UsageException("--ingress must look like 0=host:port,1=host:port, found '" + ingress + "'");
                }
                // ClusterConfig wants a member's base port, which is its ingress port.
                text.append(ClusterConfig.MEMBER_PREFIX).append(idAndAddress[0].trim()).append(" = ")
                    .append(idAndAddress[1].trim()).append('\n');
            }
            try
            {
                return ClusterConfig.parse(text.toString(), "--ingress");
            }
            catch (final RuntimeException ex)
            {
                throw new UsageException("--ingress: " + ex.getMessage());
            }
        }

        int encode(final UnsafeBuffer buffer, final int targetId, final long sequence)
        {
            final MessageHeaderEncoder header = new MessageHeaderEncoder();
            switch (action)
            {
                case "kill-switch":
                {
                    final KillSwitchEncoder e = new KillSwitchEncoder().wrapAndApplyHeader(buffer, 0, header);
                    e.source().sourceId(sourceId).sequence(sequence).eventTimeNs(0).receiveTimeNs(0);
                    e.scope(sbeScope()).targetId(targetId).operatorName(operator);
                    return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
                }
                case "set-state":
                {
                    final SetTradingStateEncoder e = new SetTradingStateEncoder().wrapAndApplyHeader(buffer, 0, header);
                    e.source().sourceId(sourceId).sequence(sequence).eventTimeNs(0).receiveTimeNs(0);
                    e.scope(sbeScope()).targetId(targetId).state(tradingState()).operatorName(operator);
                    return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
                }
                default:
                {
                    final SetRiskLimitEncoder e = new SetRiskLimitEncoder().wrapAndApplyHeader(buffer, 0, header);
                    e.source().sourceId(sourceId).sequence(sequence).eventTimeNs(0).receiveTimeNs(0);
                    e.scope(sbeScope()).targetId(targetId).riskLimit(riskLimit())
                        .valueExponent((byte)("none".equalsIgnoreCase(value) ? 0 : exponent())).value(mantissa())
                        .operatorName(operator);
                    return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
                }
            }
        }
    }
}
