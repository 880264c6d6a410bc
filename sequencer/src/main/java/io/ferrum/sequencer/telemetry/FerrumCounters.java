package io.ferrum.sequencer.telemetry;

import io.aeron.Aeron;
import io.ferrum.engine.api.MetricCounters;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;

import java.util.ArrayList;
import java.util.List;

/**
 * Ferrum's metrics as Aeron counters, in the CnC file of the client that makes them, so that any
 * process mapping that file reads them (AeronStat, {@code ./ferrum stat}, {@code ./ferrum metrics}).
 * One type id for all of them: the label is the series in Prometheus syntax
 * ({@code ferrum_engine_fills_total{member="0"}}), which AeronStat prints as it is and readers parse;
 * the key holds the kind (counter or gauge) and the decimal exponent of the value.
 * <p>
 * Counters live as long as the client that made them: a process that stops takes its counters with it.
 */
public final class FerrumCounters implements MetricCounters
{
    /** Aeron counter type of every Ferrum metric (the state hash's are 73010 and 73011). */
    public static final int TYPE_ID = 73_100;
    static final int KIND_OFFSET = 0;
    static final int EXPONENT_OFFSET = 4;
    static final int KEY_LENGTH = 8;

    private final Aeron aeron;
    private final String constantLabels;
    private final List<AtomicCounter> made = new ArrayList<>();

    /**
     * @param constantLabels labels added to every series, e.g. {@code member="0"}, or empty
     */
    public FerrumCounters(final Aeron aeron, final String constantLabels)
    {
        this.aeron = aeron;
        this.constantLabels = constantLabels;
    }

    public AtomicCounter newCounter(final String series, final int kind, final int exponent)
    {
        final UnsafeBuffer key = new UnsafeBuffer(new byte[KEY_LENGTH]);
        key.putInt(KIND_OFFSET, kind);
        key.putInt(EXPONENT_OFFSET, exponent);
        final String label = withLabels(series, constantLabels);
        final UnsafeBuffer labelBuffer = new UnsafeBuffer(new byte[label.length()]);
        labelBuffer.putStringWithoutLengthAscii(0, label);
        final AtomicCounter counter = aeron.addCounter(TYPE_ID, key, 0, KEY_LENGTH, labelBuffer, 0, label.length());
        made.add(counter);
        return counter;
    }

    /** Closes every counter made here (they disappear from the CnC). */
    public void closeAll()
    {
        made.forEach(AtomicCounter::close);
        made.clear();
    }

    /** {@code name{a="1"}} plus {@code b="2"} is {@code name{a="1",b="2"}}. */
    static String withLabels(final String series, final String labels)
    {
        if (labels.isEmpty())
        {
            return series;
        }
        final int brace = series.indexOf('{');
        return brace < 0 ? series + '{' + labels + '}' :
            series.substring(0, series.length() - 1) + ',' + labels + '}';
    }

    /** What a reader gets for each Ferrum counter. */
    @FunctionalInterface
    public interface Visitor
    {
        /**
         * @param series   the label: {@code name{labels}}
         * @param kind     {@link MetricCounters#COUNTER} or {@link MetricCounters#GAUGE}
         * @param exponent the value is {@code value * 10^exponent}
         */
        void onCounter(String series, int kind, int exponent, long value);
    }

    /** Every Ferrum counter of a CnC's counters, in counter id order. */
    public static void forEach(final CountersReader counters, final Visitor visitor)
    {
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (TYPE_ID == typeId)
            {
                visitor.onCounter(label, kind(keyBuffer), keyBuffer.getInt(EXPONENT_OFFSET),
                    counters.getCounterValue(counterId));
            }
        });
    }

    private static int kind(final DirectBuffer key)
    {
        return key.getInt(KIND_OFFSET);
    }
}
