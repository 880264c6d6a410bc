package io.ferrum.engine.telemetry;

import io.ferrum.codecs.json.JsonOut;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The engine's counters: plain longs bumped on the engine thread, read by a cold path for status
 * lines, telemetry and logs (the engine never builds a string per event). They are part of the
 * state, snapshotted and hashed, so a replay reports the same figures as the live run.
 */
public final class EngineCounters
{
    public static final int EVENTS = 0;
    public static final int DUPLICATES = 1;
    public static final int ORDERS_SENT = 2;
    public static final int CANCELS_SENT = 3;
    public static final int REPLACES_SENT = 4;
    public static final int FILLS = 5;
    public static final int ORDER_REJECTS = 6;
    public static final int VENUE_REJECTS = 7;
    public static final int MALFORMED_INPUTS = 8;
    public static final int UNKNOWN_TEMPLATES = 9;
    public static final int UNSUPPORTED_VERSIONS = 10;
    public static final int UNKNOWN_INSTRUMENT_INPUTS = 11;
    public static final int EXPONENT_MISMATCHES = 12;
    public static final int UNKNOWN_ORDER_REPORTS = 13;
    public static final int OVERFILLS = 14;
    public static final int STALE_BOOK_UPDATES = 15;
    public static final int BOOK_UPDATES_WITHOUT_SNAPSHOT = 16;
    public static final int CROSSED_BOOKS = 17;
    public static final int TIMERS_FIRED = 18;
    public static final int STALE_TIMERS = 19;
    public static final int OUTPUT_BACK_PRESSURED = 20;
    public static final int ADMIN_COMMANDS = 21;
    public static final int FEED_STATUS_CHANGES = 22;
    public static final int STRATEGY_ERRORS = 23;
    public static final int MARKET_DATA_EVENTS = 24;
    public static final int EXECUTION_REPORTS = 25;
    public static final int ADMIN_REFUSED = 26;
    public static final int COUNT = 27;

    private static final String[] LABELS = {
        "events", "duplicates", "orders_sent", "cancels_sent", "replaces_sent", "fills", "order_rejects",
        "venue_rejects", "malformed_inputs", "unknown_templates", "unsupported_versions", "unknown_instrument_inputs",
        "exponent_mismatches", "unknown_order_reports", "overfills", "stale_book_updates",
        "book_updates_without_snapshot", "crossed_books", "timers_fired", "stale_timers", "output_back_pressured",
        "admin_commands", "feed_status_changes", "strategy_errors", "market_data_events", "execution_reports",
        "admin_refused"
    };

    private final long[] values = new long[COUNT];

    public void increment(final int counter)
    {
        values[counter]++;
    }

    public long get(final int counter)
    {
        return values[counter];
    }

    /** snake_case name of a counter, for JSON status lines. */
    public static String label(final int counter)
    {
        return LABELS[counter];
    }

    public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset, COUNT, ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < COUNT; i++)
        {
            buffer.putLong(offset + 4 + i * 8, values[i], ByteOrder.LITTLE_ENDIAN);
        }
        return 4 + COUNT * 8;
    }

    public int restoreFrom(final DirectBuffer buffer, final int offset)
    {
        final int count = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < COUNT; i++)
        {
            values[i] = i < count ? buffer.getLong(offset + 4 + i * 8, ByteOrder.LITTLE_ENDIAN) : 0;
        }
        return 4 + count * 8;
    }

    /** Cold path: all counters as one JSON object. */
    public String toJson()
    {
        final JsonOut out = JsonOut.object();
        for (int i = 0; i < COUNT; i++)
        {
            out.field(LABELS[i], values[i]);
        }
        return out.toString();
    }
}
