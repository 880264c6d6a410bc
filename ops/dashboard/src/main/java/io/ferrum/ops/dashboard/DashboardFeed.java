package io.ferrum.ops.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferrum.ops.metrics.MetricsReader;
import io.ferrum.sequencer.journal.JournalException;
import io.ferrum.sequencer.journal.JournalTail;
import org.agrona.concurrent.Agent;

import java.nio.file.Path;

/**
 * The dashboard's cold agent: every interval it reads on in the committed log (a {@link JournalTail},
 * the tail's reader: read-only, committed entries only, each input once), reads the counters and
 * latency files ({@link MetricsReader}), makes the page's state and pushes it to every open event
 * stream. It never touches the trading path: the member's log and CnC are only read.
 */
final class DashboardFeed implements Agent
{
    static final String STATE_EVENT = "state";

    private final ObjectMapper mapper;
    private final MetricsReader metrics;
    private final JournalTail tail;
    private final LogView log;
    private final MetricsView counters = new MetricsView();
    private final SseClients clients;
    private final long intervalMs;
    private long nextMs;
    private String logProblem;
    private volatile String state;

    DashboardFeed(final ObjectMapper mapper, final DashboardContext context, final SseClients clients)
    {
        this.mapper = mapper;
        this.metrics = context.metrics();
        this.clients = clients;
        this.intervalMs = context.intervalMs();
        this.log = new LogView(mapper);
        final Path journal = context.journalDir();
        this.tail = null == journal ? null : new JournalTail(journal, context.committed(), 0, 0,
            (event) -> LogView.TYPES.contains(event.type()), log::onEvent);
        this.state = compose(false); // the log is read on the agent's thread: a long one does not hold the start up
    }

    public int doWork()
    {
        final long nowMs = System.currentTimeMillis();
        if (nowMs < nextMs)
        {
            return 0;
        }
        nextMs = nowMs + intervalMs;
        state = compose(true);
        clients.broadcast(SseClients.message(STATE_EVENT, state));
        return 1;
    }

    /** The page's last state, JSON. */
    String state()
    {
        return state;
    }

    private String compose(final boolean readLog)
    {
        if (null != tail && readLog)
        {
            try
            {
                tail.poll();
                logProblem = tail.committedKnown() ? null : "waiting for the member's commit position";
            }
            catch (final JournalException ex)
            {
                logProblem = ex.getMessage(); // a member not started yet: read again next time
            }
        }
        final ObjectNode page = mapper.createObjectNode();
        page.put("following_log", null != tail);
        page.put("log_problem", logProblem);
        counters.writeTo(metrics.read(), page);
        log.writeTo(page);
        try
        {
            return mapper.writeValueAsString(page);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    public String roleName()
    {
        return "dashboard";
    }
}
