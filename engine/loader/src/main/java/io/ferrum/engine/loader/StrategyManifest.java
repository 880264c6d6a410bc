package io.ferrum.engine.loader;

import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.StrategyManifestDecoder;
import io.ferrum.codecs.sbe.StrategyManifestEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Which code an engine runs: per strategy in registration order its id, name, class, jar (file
 * name and SHA-256; none for Ferrum's own classes) and parameters. A host puts it on the log at
 * start as a {@code StrategyManifest} message; a replay decodes it and compares it with the
 * strategies it loaded ({@link #differences}).
 */
public record StrategyManifest(int apiMajor, List<Item> items)
{
    /** The manifest's Source id on the log; its sequence is 1 (one manifest per log). */
    public static final int SOURCE_ID = 950;
    private static final int MAX_TEXT = 1024;
    private static final byte[] NO_JAR = new byte[32];

    /** One strategy; {@code jar} empty and {@code sha256} all zero for a class of Ferrum's own. */
    public record Item(int strategyId, String name, String className, String jar, byte[] sha256, String parameters)
    {
        public Item
        {
            sha256 = null == sha256 ? NO_JAR.clone() : sha256.clone();
        }

        public String sha256Hex()
        {
            return HexFormat.of().formatHex(sha256);
        }

        boolean sameCode(final Item other)
        {
            return className.equals(other.className) && Arrays.equals(sha256, other.sha256);
        }

        @Override
        public boolean equals(final Object o)
        {
            return o instanceof Item other && strategyId == other.strategyId && name.equals(other.name) &&
                sameCode(other) && jar.equals(other.jar) && parameters.equals(other.parameters);
        }

        @Override
        public int hashCode()
        {
            return 31 * name.hashCode() + Arrays.hashCode(sha256);
        }
    }

    public StrategyManifest
    {
        items = List.copyOf(items);
        for (final Item item : items)
        {
            for (final String text : new String[]{ item.name(), item.className(), item.jar(), item.parameters() })
            {
                if (text.length() > MAX_TEXT || !text.chars().allMatch(c -> c >= 0x20 && c < 0x7F || c == '\n'))
                {
                    throw new IllegalArgumentException("strategy '" + item.name() + "': the journal records names, " +
                        "classes and parameters as printable ASCII of at most " + MAX_TEXT + " characters");
                }
            }
        }
    }

    /**
     * The message with its header at {@code offset}; returns its length.
     *
     * @param sequence above every earlier manifest's of {@link #SOURCE_ID} on the same log (the engine drops a
     *                 sequence it has applied as a duplicate): 1 for a log's only one, a start time for a host
     *                 that may be restarted on the same log
     */
    public int encode(final MutableDirectBuffer buffer, final int offset, final long sequence, final long timeNs)
    {
        final StrategyManifestEncoder encoder = new StrategyManifestEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder());
        encoder.source().sourceId(SOURCE_ID).sequence(sequence).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        encoder.apiMajor(apiMajor);
        final StrategyManifestEncoder.StrategiesEncoder group = encoder.strategiesCount(items.size());
        for (final Item item : items)
        {
            group.next().strategyId(item.strategyId()).putJarSha256(item.sha256(), 0, 32);
            group.name(item.name()).className(item.className()).jar(item.jar()).parameters(item.parameters());
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /** The encoded message in a new array (cold path: once at start). */
    public byte[] encode(final long sequence, final long timeNs)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        final int length = encode(buffer, 0, sequence, timeNs);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /** True when the message at {@code offset} is a StrategyManifest of Ferrum's schema. */
    public static boolean isManifest(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return false;
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        return header.schemaId() == MessageHeaderDecoder.SCHEMA_ID &&
            header.templateId() == StrategyManifestDecoder.TEMPLATE_ID;
    }

    /** @throws IllegalArgumentException when the bytes are not a whole manifest */
    public static StrategyManifest decode(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            final StrategyManifestDecoder decoder = new StrategyManifestDecoder()
                .wrapAndApplyHeader(buffer, offset, new MessageHeaderDecoder());
            final List<Item> items = new ArrayList<>();
            for (final StrategyManifestDecoder.StrategiesDecoder group : decoder.strategies())
            {
                final int strategyId = group.strategyId();
                final byte[] sha256 = new byte[32];
                group.getJarSha256(sha256, 0, 32);
                items.add(new Item(strategyId, group.name(), group.className(), group.jar(), sha256, group.parameters()));
            }
            if (MessageHeaderDecoder.ENCODED_LENGTH + decoder.encodedLength() > length)
            {
                throw new IllegalArgumentException("a StrategyManifest longer than its " + length + " bytes");
            }
            return new StrategyManifest(decoder.apiMajor(), items);
        }
        catch (final IndexOutOfBoundsException ex)
        {
            throw new IllegalArgumentException("a truncated StrategyManifest", ex);
        }
    }

    /**
     * What differs between this manifest (the journal's) and {@code here} (what this process
     * loaded), one line per difference; empty when the same code runs with the same parameters.
     */
    public List<String> differences(final StrategyManifest here)
    {
        final List<String> lines = new ArrayList<>();
        if (apiMajor != here.apiMajor)
        {
            lines.add("strategy API major " + apiMajor + " in the journal, " + here.apiMajor + " here");
        }
        final int common = Math.min(items.size(), here.items.size());
        for (int i = 0; i < common; i++)
        {
            final Item journaled = items.get(i);
            final Item loaded = here.items.get(i);
            if (journaled.equals(loaded))
            {
                continue;
            }
            final String which = "strategy '" + journaled.name() + "' (id " + journaled.strategyId() + ")";
            if (!journaled.name().equals(loaded.name()) || journaled.strategyId() != loaded.strategyId())
            {
                lines.add(which + " in the journal, '" + loaded.name() + "' (id " + loaded.strategyId() + ") here");
            }
            else if (!journaled.className().equals(loaded.className()))
            {
                lines.add(which + ": class " + journaled.className() + " in the journal, " + loaded.className() + " here");
            }
            else if (!Arrays.equals(journaled.sha256(), loaded.sha256()) || !journaled.jar().equals(loaded.jar()))
            {
                lines.add(which + ": " + origin(journaled) + " in the journal, " + origin(loaded) + " here");
            }
            else
            {
                lines.add(which + ": other parameters: journal [" + journaled.parameters().strip().replace('\n', ';') +
                    "], here [" + loaded.parameters().strip().replace('\n', ';') + "]");
            }
        }
        for (int i = common; i < items.size(); i++)
        {
            lines.add("strategy '" + items.get(i).name() + "' is in the journal, not loaded here");
        }
        for (int i = common; i < here.items.size(); i++)
        {
            lines.add("strategy '" + here.items.get(i).name() + "' is loaded here, not in the journal");
        }
        return lines;
    }

    private static String origin(final Item item)
    {
        return item.jar().isEmpty() ? "Ferrum's own class" : item.jar() + " (SHA-256 " + item.sha256Hex() + ")";
    }
}
