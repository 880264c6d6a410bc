package io.ferrum.ops.node;

import io.ferrum.codecs.config.ConfigFile;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.loader.StrategyJars;
import io.ferrum.engine.spec.EngineSpec;
import io.ferrum.risk.RiskConfigParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The engine of a cluster member: the {@link EngineSpec} of the cluster file's {@code engine.*} lines
 * ({@link io.ferrum.sequencer.cluster.ClusterConfig#engineSettings()}, relative paths from the cluster
 * file's directory; the strategies' jars from the member's {@code FERRUM_CLASSPATH}).
 * Every member reads the same file, so every member runs the same engine, which replica equality needs.
 * <p>
 * What a member adds to the spec is where its limits are kept: the risk file is resolved once with the
 * {@code FERRUM_RISK_*} overrides of the member's first start and kept beside its journal
 * ({@value #RISK_FILE_NAME}), so that later starts and a replay run under the limits the log was decided
 * with, without the member's environment. The limits are in the state hash, so a member started with
 * other limits than its peers raises the replica alarm at the first hash interval.
 */
public final class EngineSettings
{
    /** The resolved risk limits a member started under, in its member directory. */
    public static final String RISK_FILE_NAME = "risk.properties";
    private static final String PREFIX = io.ferrum.sequencer.cluster.ClusterConfig.ENGINE_PREFIX;

    private final EngineSpec spec;

    private EngineSettings(final EngineSpec spec)
    {
        this.spec = spec;
    }

    /** As {@link #parse(List, Map)} without risk overrides (replays, tools); the jars of this process's {@code FERRUM_CLASSPATH}. */
    public static EngineSettings parse(final List<ConfigFile.Entry> settings)
    {
        return new EngineSettings(EngineSpec.parse(settings, PREFIX, base(settings), Map.of(),
            StrategyJars.resolve(null, System.getenv())));
    }

    /**
     * @param settings    the cluster file's {@code engine.*} lines (relative paths from the file's directory)
     * @param environment {@code FERRUM_RISK_*} overrides of the risk file's limits, and {@code FERRUM_CLASSPATH}
     * @throws io.ferrum.codecs.config.ConfigException naming the cluster file and line
     */
    public static EngineSettings parse(final List<ConfigFile.Entry> settings, final Map<String, String> environment)
    {
        return new EngineSettings(EngineSpec.parse(settings, PREFIX, base(settings), environment,
            StrategyJars.resolve(null, environment)));
    }

    /** The cluster file's directory (the lines name their file), or the working directory for a text without a file. */
    private static Path base(final List<ConfigFile.Entry> settings)
    {
        final Path file = settings.isEmpty() ? null : Path.of(settings.get(0).origin());
        return null != file && Files.isRegularFile(file) ? file.toAbsolutePath().getParent() : Path.of("");
    }

    /** The member's engine specification (instruments, strategies, limits). */
    public EngineSpec spec()
    {
        return spec;
    }

    public InstrumentRegistry instruments()
    {
        return spec.instruments();
    }

    /** These settings for a venue that reports balances: {@link EngineSpec#withVenueBalances()}. */
    public EngineSettings withVenueBalances()
    {
        return new EngineSettings(spec.withVenueBalances());
    }

    /** The risk limits, file and overrides resolved into one file's text, or null for none. */
    public String riskText()
    {
        return spec.riskText();
    }

    /**
     * These settings under the limits a member kept in {@code memberDir} ({@value #RISK_FILE_NAME}),
     * when it kept any: what a replay of that member's journal must use.
     */
    public EngineSettings withRiskKeptIn(final Path memberDir)
    {
        final Path kept = memberDir.resolve(RISK_FILE_NAME);
        if (!Files.exists(kept))
        {
            return this;
        }
        return new EngineSettings(spec.withRisk(RiskConfigParser.resolve(kept, Map.of()), kept.toString()));
    }

    /**
     * A member's start: the first one keeps these limits beside its journal; a later one runs under
     * the kept limits, the ones its log was decided with (its snapshot holds them too), and warns
     * when this configuration now says otherwise. Limits change at run time only by admin command.
     */
    public EngineSettings keepRiskIn(final Path memberDir, final Consumer<String> warning) throws IOException
    {
        final Path kept = memberDir.resolve(RISK_FILE_NAME);
        if (Files.exists(kept))
        {
            final EngineSettings settings = withRiskKeptIn(memberDir);
            if (!Objects.equals(spec.riskText(), settings.riskText()))
            {
                warning.accept(spec.riskOrigin() + " and the FERRUM_RISK_* environment differ from the limits this " +
                    "member's journal started with: running under " + kept + " (change limits with ./ferrum admin set-limit)");
            }
            return settings;
        }
        if (null != spec.riskText())
        {
            Files.createDirectories(memberDir);
            Files.writeString(kept, spec.riskText(), StandardCharsets.UTF_8);
        }
        return this;
    }

    /** A new engine with these settings, around a cluster's (or a replay's) output and timers. */
    public Engine newEngine(final EngineOutput output, final TimerScheduler timers)
    {
        return spec.newEngine(output, timers);
    }
}
