package io.ferrum.engine.telemetry;

/**
 * The last rejects (orders refused, inputs dropped) as primitive records in a ring, so that the
 * engine thread only copies a few longs and a cold path on the same thread (the adapter's duty
 * cycle, a backtest's report) turns them into log lines with {@link #drain}. When the cold path
 * falls behind, the oldest records are overwritten and counted in {@link #lost()}.
 * Not part of the engine state: it is an observation of it.
 */
public final class RejectLog
{
    /** Record kinds. */
    public static final int ORDER = 1;
    public static final int INPUT = 2;

    /** Why an input was dropped (kind {@link #INPUT}); order rejects use RiskRejectReason values. */
    public static final int INPUT_MALFORMED = 1;
    public static final int INPUT_UNKNOWN_TEMPLATE = 2;
    public static final int INPUT_UNSUPPORTED_VERSION = 3;
    public static final int INPUT_UNKNOWN_INSTRUMENT = 4;
    public static final int INPUT_EXPONENT_MISMATCH = 5;
    public static final int INPUT_UNKNOWN_ORDER = 6;
    public static final int INPUT_UNKNOWN_SCHEMA = 7;
    /** An admin command the risk library refused (id = template, observed = target); nothing changed. */
    public static final int INPUT_ADMIN_REFUSED = 8;

    private static final String[] INPUT_REASONS = {
        "", "MALFORMED", "UNKNOWN_TEMPLATE", "UNSUPPORTED_VERSION", "UNKNOWN_INSTRUMENT", "EXPONENT_MISMATCH",
        "UNKNOWN_ORDER", "UNKNOWN_SCHEMA", "ADMIN_REFUSED"
    };

    /** Receives one record at a time on the cold path. */
    @FunctionalInterface
    public interface Handler
    {
        void onReject(
            long timestampNs, int kind, int code, int strategyId, int instrumentId, long id, long observed, long limit);
    }

    private static final int FIELDS = 8;
    /** Order rejects by reason code, since start (an observation like the records, not state). */
    private final long[] orderRejectsByReason = new long[256];
    private final long[] records;
    private final int capacity;
    private long head;
    private long tail;
    private long lost;

    public RejectLog(final int capacity)
    {
        this.capacity = capacity;
        this.records = new long[capacity * FIELDS];
    }

    /**
     * @param id the client order id for order rejects, the template id or source id for inputs
     */
    public void record(
        final long timestampNs, final int kind, final int code, final int strategyId, final int instrumentId,
        final long id, final long observed, final long limit)
    {
        if (ORDER == kind)
        {
            orderRejectsByReason[code & 0xFF]++;
        }
        if (tail - head == capacity)
        {
            head++;
            lost++;
        }
        final int base = (int)(tail % capacity) * FIELDS;
        records[base] = timestampNs;
        records[base + 1] = kind;
        records[base + 2] = code;
        records[base + 3] = strategyId;
        records[base + 4] = instrumentId;
        records[base + 5] = id;
        records[base + 6] = observed;
        records[base + 7] = limit;
        tail++;
    }

    /** Hands every pending record to the handler, oldest first; returns how many. */
    public int drain(final Handler handler)
    {
        int count = 0;
        while (head < tail)
        {
            final int base = (int)(head % capacity) * FIELDS;
            head++;
            count++;
            handler.onReject(records[base], (int)records[base + 1], (int)records[base + 2], (int)records[base + 3],
                (int)records[base + 4], records[base + 5], records[base + 6], records[base + 7]);
        }
        return count;
    }

    /** Orders rejected with that reason code (a RiskRejectReason value) since this engine started. */
    public long orderRejects(final int reasonCode)
    {
        return orderRejectsByReason[reasonCode & 0xFF];
    }

    public long lost()
    {
        return lost;
    }

    public int pending()
    {
        return (int)(tail - head);
    }

    /** Name of an input reject code. */
    public static String inputReason(final int code)
    {
        return code > 0 && code < INPUT_REASONS.length ? INPUT_REASONS[code] : "UNKNOWN";
    }
}
