package io.ferrum.ops.cli;

import io.ferrum.codecs.json.JsonOut;
import io.ferrum.gateway.sim.order.OrderGateway;
import io.ferrum.ops.gateway.ClientSide;
import io.ferrum.ops.history.HistoryCounters;
import io.ferrum.ops.history.HistoryWriter;
import io.ferrum.sequencer.SequencerCounters;

import java.time.Instant;
import java.util.List;

/**
 * The JSON lines the long-running commands print on stdout (simulator, gateway, metrics, dashboard, admin, history), built
 * with the one cold-path writer so a path or symbol with a quote in it still gives JSON. Kept out
 * of the command classes so their option handling and their output change apart. Shapes:
 * docs/schemas/command_line.schema.json.
 */
final class CommandLines
{
    private CommandLines()
    {
    }

    /** {@code ./ferrum simulator}'s start line: where the venue listens. */
    static String simulator(final String session, final String ws, final String rest)
    {
        return JsonOut.object().field("type", "simulator").field("session", session).field("ws", ws).field("rest", rest)
            .toString();
    }

    /** {@code ./ferrum dashboard}'s start line: where the page is. */
    static String dashboard(final String url)
    {
        return JsonOut.object().field("type", "dashboard").field("dashboard", url).toString();
    }

    /** {@code ./ferrum exchange}'s start line: the API, the market data, and the run's account (the key file, never the key). */
    static String exchange(
        final String session, final String apiWs, final String ws, final String rest, final String apiKey, final String keyFile)
    {
        return JsonOut.object().field("type", "exchange").field("session", session).field("api_ws", apiWs).field("ws", ws)
            .field("rest", rest).field("api_key", apiKey).field("ed25519_key_file", keyFile).toString();
    }

    /** {@code ./ferrum metrics}' start line: where Prometheus scrapes. */
    static String metrics(final String url)
    {
        return JsonOut.object().field("type", "metrics").field("metrics", url).toString();
    }

    /** {@code ./ferrum simulator}'s last line, also on SIGTERM. */
    static String simulatorStopped(final String session, final long ranMs, final int connectionsOpen)
    {
        return JsonOut.object().field("type", "simulator_stopped").field("session", session).field("ran_ms", ranMs)
            .field("connections_open", connectionsOpen).toString();
    }

    /** {@code ./ferrum gateway}'s start line. */
    static String gateway(
        final String config, final String cluster, final int leader, final String ws, final String rest,
        final List<String> symbols, final String orders, final String aeronDir)
    {
        final JsonOut out = JsonOut.object().field("type", "gateway").field("time", Instant.now().toString())
            .field("config", config).field("cluster", cluster).field("leader", leader).field("ws", ws).field("rest", rest)
            .beginArray("symbols");
        symbols.forEach(out::value);
        return out.endArray().field("orders", orders).field("aeron_dir", aeronDir).toString();
    }

    /** {@code ./ferrum gateway}'s periodic ({@code gateway_status}) and last ({@code gateway_stopped}) lines. */
    static String gatewayStatus(
        final String type, final ClientSide side, final SequencerCounters counters, final long feedConnects)
    {
        final OrderGateway gateway = side.orderGateway();
        return JsonOut.object().field("type", type).field("time", Instant.now().toString())
            .field("leader", side.leaderMemberId())
            .field("leader_changes", counters.leaderChanges())
            .field("connects", counters.connects())
            .field("inputs_sent", counters.sent())
            .field("inputs_resent", counters.resent())
            .field("inputs_unacknowledged", counters.pending())
            .field("back_pressured", counters.backPressured())
            .field("market_data", gateway.marketDataMessages())
            .field("feed_connects", feedConnects)
            .field("orders_sent", gateway.ordersSent())
            .field("orders_recovered", gateway.ordersRecovered())
            .field("duplicate_orders", gateway.duplicateOrders())
            .field("reports", gateway.reportsPublished())
            .field("reconciliations", gateway.reconciliations())
            .field("reconciling", gateway.isReconciling())
            .field("venue_open_orders", gateway.venueOpenOrders())
            .toString();
    }

    /** {@code ./ferrum admin}'s acknowledgement of a command the cluster took. */
    static String adminAcknowledged(
        final String action, final String scope, final long target, final long sourceId, final long sequence)
    {
        return JsonOut.object().field("admin", action).field("scope", scope).field("target", target)
            .field("source_id", sourceId).field("sequence", sequence).field("acknowledged", true).toString();
    }

    /** {@code ./ferrum history}'s last line: what this run wrote, and where the database stands. */
    static String historySummary(final String url, final String log, final HistoryWriter writer)
    {
        final HistoryCounters counters = writer.counters();
        return JsonOut.object().field("type", "history_summary").field("pg", url).field("log", log)
            .field("log_id", writer.logId()).field("layout", writer.layout())
            .field("rows", counters.rowsWritten()).field("batches", counters.batchesCommitted())
            .field("log_position", counters.committedPosition()).field("failures", counters.failures())
            .toString();
    }

    /** {@code ./ferrum admin snapshot}'s line: the member took the request. */
    static String snapshotRequested(final int member)
    {
        return JsonOut.object().field("admin", "snapshot").field("member", member).field("requested", true).toString();
    }
}
