package io.ferrum.gateway.binance;

import io.ferrum.engine.instrument.InstrumentRegistry;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Symbol to instrument, looked up from the bytes of a frame without making a String:
 * open addressing on the same hash as {@link java.util.Arrays#hashCode(byte[])}. An index
 * over the engine's {@link InstrumentRegistry} (or over instruments given only by symbol),
 * holding the feed's state for each.
 */
public final class InstrumentTable
{
    private final Instrument[] slots;
    private final int mask;
    private final List<Instrument> instruments;

    public InstrumentTable(final List<Instrument> instruments)
    {
        this.instruments = Collections.unmodifiableList(new ArrayList<>(instruments));
        int capacity = 8;
        while (capacity < instruments.size() * 2)
        {
            capacity <<= 1;
        }
        slots = new Instrument[capacity];
        mask = capacity - 1;
        for (final Instrument instrument : instruments)
        {
            int index = instrument.hashOfSymbol() & mask;
            while (slots[index] != null)
            {
                if (slots[index].symbol().equals(instrument.symbol()) || slots[index].instrumentId() == instrument.instrumentId())
                {
                    throw new IllegalArgumentException("duplicate instrument: " + instrument + " and " + slots[index]);
                }
                index = (index + 1) & mask;
            }
            slots[index] = instrument;
        }
    }

    /** A table of every instrument in the registry, in the registry's (ascending id) order. */
    public static InstrumentTable of(final InstrumentRegistry registry)
    {
        final List<Instrument> instruments = new ArrayList<>(registry.size());
        for (final io.ferrum.engine.instrument.Instrument definition : registry.instruments())
        {
            instruments.add(new Instrument(definition));
        }
        return new InstrumentTable(instruments);
    }

    /** @return the instrument, or null when the symbol is not configured. */
    public Instrument lookup(final DirectBuffer buffer, final int offset, final int length)
    {
        int hash = 1;
        for (int i = 0; i < length; i++)
        {
            hash = 31 * hash + buffer.getByte(offset + i);
        }
        int index = hash & mask;
        Instrument candidate;
        while ((candidate = slots[index]) != null)
        {
            if (candidate.matches(buffer, offset, length))
            {
                return candidate;
            }
            index = (index + 1) & mask;
        }
        return null;
    }

    public Instrument lookup(final String symbol)
    {
        for (final Instrument instrument : instruments)
        {
            if (instrument.symbol().equals(symbol))
            {
                return instrument;
            }
        }
        return null;
    }

    public List<Instrument> instruments()
    {
        return instruments;
    }
}
