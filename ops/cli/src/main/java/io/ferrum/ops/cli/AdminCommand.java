package io.ferrum.ops.cli;

import io.aeron.cluster.ClusterControl;
import io.aeron.driver.MediaDriver;
import io.aeron.security.AuthenticationException;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
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
@Command(name = "admin",
    header = "send a kill switch, trading state or risk limit to the cluster (authenticated), or request a snapshot",
    customSynopsis = {
        "./ferrum admin kill-switch [--scope global|strategy ID|instrument SYMBOL] TARGET [options]",
        "./ferrum admin set-state --scope ... --state ACTIVE|REDUCING|HALTED TARGET [options]",
        "./ferrum admin set-limit --scope ... --limit NAME --value DECIMAL|none TARGET [options]",
        "./ferrum admin snapshot --cluster FILE [--member N]",
        "TARGET: --cluster FILE or --ingress '0=host:port,...'"},
    footer = {"The admin token is read from " + AdminAuthenticator.TOKEN_ENV +
        " (the members must have the same one) or from --token-file.",
        "Exit status: 0 acknowledged, 64 usage, 69 cluster unreachable, 77 no or wrong token."})
public final class AdminCommand implements FerrumCommand
{
    static final int DEFAULT_SOURCE_ID = 900;
    static final long DEFAULT_TIMEOUT_MS = 5_000;
    private static final List<String> ACTIONS = List.of("kill-switch", "set-state", "set-limit", "snapshot");

    @Mixin
    Request request = new Request();

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

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        request.validate();
        if ("snapshot".equals(request.action))
        {
            return snapshot(request, out, err);
        }
        final String token = request.tokenFile == null ? environment.get(AdminAuthenticator.TOKEN_ENV) :
            TokenFile.read(Path.of(request.tokenFile));
        if (token == null || token.isEmpty())
        {
            throw new CommandException(ExitCodes.NOT_PERMITTED, AdminAuthenticator.TOKEN_ENV + " is not set and no " +
                "--token-file given: admin commands need the token the cluster members were started with");
        }
        final InstrumentRegistry instruments = request.instrumentsFile == null ?
            InstrumentRegistry.loadResource(InstrumentRegistry.BINANCE_FIXTURES) :
            InstrumentRegistry.load(Path.of(request.instrumentsFile));
        final int targetId = request.targetId(instruments);
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
                throw new CommandException(ExitCodes.UNAVAILABLE, "no acknowledgement from the cluster within " +
                    request.timeoutMs + " ms (is it running, and reachable at " + config.ingressEndpoints() + "?)");
            }
            out.println(CommandLines.adminAcknowledged(request.action, request.scope, targetId, request.sourceId, sequence));
            return ExitCodes.OK;
        }
        catch (final AuthenticationException ex)
        {
            throw new CommandException(ExitCodes.NOT_PERMITTED, "the cluster at " + config.ingressEndpoints() +
                " refused the admin token: " + ex.getMessage());
        }
        catch (final CommandException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw new CommandException(ExitCodes.UNAVAILABLE, "cannot reach the cluster at " + config.ingressEndpoints() +
                ": " + ex.getMessage());
        }
        finally
        {
            deleteQuietly(driverDir);
        }
    }

    private static String limitNames()
    {
        return String.join(", ", new Limits());
    }

    private static int snapshot(final Request request, final PrintStream out, final PrintStream err)
    {
        if (request.clusterFile == null)
        {
            throw new UsageException("snapshot needs --cluster FILE: it toggles a member's control counter " +
                "through that member's media driver on this machine");
        }
        final ClusterConfig config = request.clusterConfig();
        final Path cnc = config.aeronDir(request.member).resolve("cnc.dat");
        if (!Files.exists(cnc))
        {
            throw new CommandException(ExitCodes.UNAVAILABLE, "member " + request.member + " is not running here: no " + cnc);
        }
        final CountersReader counters = ClusterControl.mapCounters(cnc.toFile());
        final AtomicCounter toggle = ClusterControl.findControlToggle(counters, 0);
        if (toggle == null || !ClusterControl.ToggleState.SNAPSHOT.toggle(toggle))
        {
            throw new CommandException(ExitCodes.UNAVAILABLE, "member " + request.member + " did not take the snapshot " +
                "request (another control action is in progress, or it is not a cluster member)");
        }
        out.println(CommandLines.snapshotRequested(request.member));
        return ExitCodes.OK;
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

    /** The action and its options; {@link #validate} refuses what does not go together. */
    static final class Request
    {
        @Parameters(index = "0", paramLabel = "ACTION", completionCandidates = Actions.class,
            description = "kill-switch, set-state, set-limit or snapshot")
        String action;

        @Option(names = "--scope", arity = "1..2", paramLabel = "SCOPE",
            description = "global (the default for kill-switch), strategy ID or instrument SYMBOL")
        List<String> scopeArgs;

        @Option(names = "--state", paramLabel = "STATE", description = "set-state: ACTIVE, REDUCING or HALTED")
        String state;

        @Option(names = "--limit", paramLabel = "NAME", completionCandidates = Limits.class,
            description = "set-limit: the limit, one of ${COMPLETION-CANDIDATES}")
        String limit;

        @Option(names = "--value", paramLabel = "DECIMAL|none", description = "set-limit: the value, none removes the limit")
        String value;

        @Option(names = "--cluster", paramLabel = "FILE",
            description = "target: a cluster configuration with cluster.member.N lines")
        String clusterFile;

        @Option(names = "--ingress", paramLabel = "ENDPOINTS",
            description = "target: the ingress endpoints a running demo prints, '0=host:port,...'")
        String ingress;

        @Option(names = "--instruments", paramLabel = "FILE",
            description = "symbols for --scope instrument (default: the demo's recorded symbols)")
        String instrumentsFile;

        @Option(names = "--token-file", paramLabel = "FILE",
            description = "the admin token in a file only its owner can read, e.g. the admin.token a demo writes" +
                " when " + AdminAuthenticator.TOKEN_ENV + " is unset; it wins over the variable")
        String tokenFile;

        @Option(names = "--operator", paramLabel = "NAME", description = "who sends it (default: the user name)")
        String operator = System.getProperty("user.name", "operator");

        @Option(names = "--source-id", paramLabel = "N", description = "the admin source id (default 900)")
        int sourceId = DEFAULT_SOURCE_ID;

        @Option(names = "--timeout", paramLabel = "MS", description = "how long to wait for the acknowledgement (default 5000)")
        long timeoutMs = DEFAULT_TIMEOUT_MS;

        @Option(names = "--member", paramLabel = "N", description = "snapshot: the member on this machine (default 0)")
        int member;

        String scope = "global";
        String scopeTarget;

        void validate()
        {
            if (!ACTIONS.contains(action))
            {
                throw new UsageException("unknown action '" + action + "' (" + String.join(", ", ACTIONS) + ")");
            }
            range("--source-id", sourceId, 1, Integer.MAX_VALUE);
            range("--timeout", timeoutMs, 1, 600_000);
            range("--member", member, 0, 1000);
            if (null != scopeArgs)
            {
                scope = scopeArgs.get(0).toLowerCase(Locale.ROOT);
                if (!List.of("global", "strategy", "instrument").contains(scope) ||
                    ("global".equals(scope) && scopeArgs.size() > 1))
                {
                    throw new UsageException("--scope must be global, strategy ID or instrument SYMBOL, found '" +
                        String.join(" ", scopeArgs) + "'");
                }
                if (!"global".equals(scope))
                {
                    if (scopeArgs.size() < 2)
                    {
                        throw new UsageException("--scope " + scope + " needs a value");
                    }
                    scopeTarget = scopeArgs.get(1);
                }
            }
            if ("snapshot".equals(action))
            {
                return;
            }
            if ((clusterFile == null) == (ingress == null))
            {
                throw new UsageException("give exactly one of --cluster FILE or --ingress ENDPOINTS");
            }
            if (!"kill-switch".equals(action) && null == scopeArgs)
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

        private static void range(final String option, final long n, final long min, final long max)
        {
            if (n < min || n > max)
            {
                throw new UsageException(option + " must be in [" + min + ", " + max + "], found " + n);
            }
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
                final TradingState s = TradingState.valueOf(state.toUpperCase(Locale.ROOT));
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
                final RiskLimit l = RiskLimit.valueOf(limit.toUpperCase(Locale.ROOT));
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

    /** The action names, for help and shell completion. */
    static final class Actions implements Iterable<String>
    {
        public Iterator<String> iterator()
        {
            return ACTIONS.iterator();
        }
    }

    /** The risk limits' names as typed on the command line, for help and shell completion. */
    static final class Limits implements Iterable<String>
    {
        public Iterator<String> iterator()
        {
            return Arrays.stream(RiskLimit.values()).filter(l -> l != RiskLimit.NULL_VAL)
                .map(l -> l.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }
}
