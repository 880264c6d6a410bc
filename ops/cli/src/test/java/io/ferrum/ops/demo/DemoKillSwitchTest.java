package io.ferrum.ops.demo;

import io.ferrum.ops.cli.ExitCodes;
import io.ferrum.ops.cli.Main;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.codecs.sbe.CancelOrderDecoder;
import io.ferrum.codecs.sbe.KillSwitchDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.ReplaceOrderDecoder;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.TradingState;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.engine.order.Order;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.JsonSchemas;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.ops.cli.AdminCommand;
import io.ferrum.ops.cli.EventSchema;
import io.ferrum.sequencer.journal.JournalReader;
import io.ferrum.sequencer.journal.JournalTail;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kill switch as an operator pulls it: a real demo (simulator, gateway, one-member Aeron
 * cluster, engine, simulated venue) prints its {@code demo_start} line; the command it names is
 * run through the launcher's real {@code ./ferrum admin} over real Aeron ingress with the token
 * file the demo wrote. Then: the journal holds the kill switch, a replay of that journal shows
 * the engine cancelling exactly the orders open at that moment while processing that one input
 * (no other input in between), nothing new leaves afterwards, the tail shows the command and
 * every one of those orders ending (cancelled, or filled when a fill beat the cancel to the
 * venue), and the state is HALTED.
 */
class DemoKillSwitchTest
{
    private static final String SESSION = "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv";

    private static final Set<String> FINAL_STATUSES = Set.of("canceled", "filled", "rejected");

    @TempDir
    Path dir;

    @Test
    void theKillSwitchPrintedByTheDemoCancelsEveryOpenOrderInOneEngineCycleAndHalts() throws Exception
    {
        final Path journal = dir.resolve("demo");
        final Path limits = Files.writeString(dir.resolve("risk.properties"), String.join("\n",
            "risk.global.max_order_notional = 100000",
            "risk.global.price_band_bps = 500",
            "risk.global.max_orders_per_second = 50",
            "risk.global.max_open_orders = 200",
            "risk.instrument.ZILUSDT.max_order_quantity = 1000000", ""));
        final DemoEngineConfig config = DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT").withRiskConfig(limits);
        final ReplaySession session = ReplaySession.load(Fixtures.binance(SESSION));
        final String adminOut;
        final Engine live;
        try (DemoRun run = new DemoRun(session, 4, journal, config,
            new SimulatedVenue.Context().latencyNs(TimeUnit.MILLISECONDS.toNanos(1)), null, false))
        {
            final JsonNode start = JsonSchemas.assertValid("demo_start", run.startLine(session.name()));
            assertEquals("demo_start", start.get("type").asText());
            assertEquals("enabled", start.get("admin").asText());
            assertTrue(start.get("ingress").asText().matches("0=[^,]+:[0-9]+"), start.toString());
            final String command = start.get("admin_command").asText();
            assertTrue(command.startsWith("./ferrum admin kill-switch --cluster "), command);
            if (run.admin().tokenFile() != null)
            {
                final Path tokenFile = run.admin().tokenFile();
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
                assertFalse(start.toString().contains(run.admin().token()), "the token is never printed");
            }

            await("resting orders at the venue", () -> run.orderGateway().venueOpenOrders() >= 2 &&
                run.liveEngine() != null && run.liveEngine().orderManager().openOrderCount() >= 2);

            final List<String> args = new ArrayList<>(Arrays.asList(command.split(" ")));
            args.subList(0, 2).clear(); // "./ferrum admin": the launcher's part
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final int exit = Main.run(new AdminCommand(), args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            adminOut = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));

            await("the venue holds no order", () -> run.orderGateway().venueOpenOrders() == 0);
            live = run.stop(300);
            assertTrue(run.errors().isEmpty(), "errors: " + run.errors());
        }
        final JsonNode ack = JsonSchemas.assertValid("command_line", adminOut.trim());
        assertTrue(ack.get("acknowledged").asBoolean(), adminOut);
        assertEquals("kill-switch", ack.get("admin").asText());

        final RiskPreTradeCheck liveRisk = (RiskPreTradeCheck)live.preTradeCheck();
        assertEquals(TradingState.HALTED, liveRisk.riskManager().state(Scope.GLOBAL, 0));

        // Replay the journal: what did the engine do on the kill switch's input, and after?
        final ReplayProbe probe = new ReplayProbe(DemoEngineConfig.read(journal));
        JournalReader.open(journal.resolve("member-0")).replay(probe);
        assertTrue(probe.killSwitchPosition > 0, "the kill switch is in the journal");
        // At least one (two were resting when the command was sent, but one may fill or be replaced meanwhile).
        assertFalse(probe.openBeforeKillSwitch.isEmpty(), "orders were open: " + probe.openBeforeKillSwitch);
        assertEquals(probe.openBeforeKillSwitch, probe.cancelledByKillSwitch,
            "every open order cancelled while the engine processed the kill switch, nothing else");
        assertEquals(0, probe.ordersAfterKillSwitch, "HALTED: no order or replace left after the kill switch");
        assertEquals(live.stateHash(), probe.engine.stateHash(), "the replay is the live engine");

        // The risk officer's tail: the command, then the venue's confirmation of each cancel.
        final List<String> lines = new ArrayList<>();
        new JournalTail(journal.resolve("member-0"), null, 0, 0, json -> true, lines::add).poll();
        int killSwitchLine = -1;
        int accepted = 0;
        final Set<Long> endedOnTail = new TreeSet<>();
        final ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++)
        {
            final JsonNode line = mapper.readTree(lines.get(i));
            if ("kill_switch".equals(line.get("type").asText()))
            {
                assertEquals(-1, killSwitchLine, "one kill switch");
                killSwitchLine = i;
                assertEquals(probe.killSwitchPosition, line.get("log_position").asLong());
                assertEquals("global", line.get("payload").get("scope").asText().toLowerCase());
            }
            else if ("risk_decision".equals(line.get("type").asText()))
            {
                EventSchema.assertValid(lines.get(i));
                final JsonNode payload = line.get("payload");
                final boolean afterKillSwitch = payload.get("cause_log_position").asLong() > probe.killSwitchPosition;
                if (payload.get("accepted").asBoolean())
                {
                    assertFalse(afterKillSwitch, "nothing accepted after the kill switch: " + line);
                    accepted++;
                    final Set<String> checked = new TreeSet<>();
                    for (final JsonNode check : payload.get("checks"))
                    {
                        checked.add(check.get("check").asText());
                        assertTrue(new BigDecimal(check.get("observed").asText())
                            .compareTo(new BigDecimal(check.get("limit").asText())) <= 0, line.toString());
                    }
                    final boolean replace = payload.get("replaced_client_order_id").asLong() != 0;
                    assertTrue(checked.containsAll(Set.of("max_order_notional", "order_rate")) &&
                        checked.contains("max_open_orders") != replace, // replaces are exempt from open orders
                        "every limit of this configuration that applies is in an accept's audit: " + line);
                }
                else if (afterKillSwitch)
                {
                    assertEquals("state_halted", payload.get("reason").asText(), line.toString());
                }
            }
            else if (killSwitchLine >= 0 && "execution_report".equals(line.get("type").asText()) &&
                FINAL_STATUSES.contains(line.get("payload").get("order_status").asText()))
            {
                endedOnTail.add(line.get("payload").get("client_order_id").asLong());
            }
        }
        assertTrue(killSwitchLine >= 0, "the tail shows the kill switch");
        assertTrue(accepted > 0, "the tail shows accepted decisions with their checks");
        // A fill can beat the cancel to the venue: then the order ends filled, never open.
        assertTrue(endedOnTail.containsAll(probe.notBeingReplaced),
            () -> "the tail shows each order ended after the kill switch: " + endedOnTail + " " +
                probe.openBeforeKillSwitch + "\n" + String.join("\n", reportLines(lines)));
        assertEquals(0, live.orderManager().openOrderCount(), () -> "the venue confirmed every cancel: " +
            describeOpen(live));
    }

    /** Drives a fresh engine from the journal, watching the kill switch's input. */
    private static final class ReplayProbe implements EngineInput
    {
        final Engine engine;
        final Set<Long> openBeforeKillSwitch = new TreeSet<>();
        final Set<Long> cancelledByKillSwitch = new TreeSet<>();
        /** Open orders with no replace in flight: their own report ends them (a replace's ends its original). */
        final Set<Long> notBeingReplaced = new TreeSet<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final CancelOrderDecoder cancel = new CancelOrderDecoder();
        long killSwitchPosition;
        long ordersAfterKillSwitch;
        boolean inKillSwitch;

        ReplayProbe(final DemoEngineConfig config)
        {
            engine = config.newEngine(this::onOutput, JournalReader.REPLAY_TIMERS);
        }

        private boolean onOutput(final DirectBuffer buffer, final int offset, final int length)
        {
            header.wrap(buffer, offset);
            final int template = header.templateId();
            if (inKillSwitch && template == CancelOrderDecoder.TEMPLATE_ID)
            {
                cancelledByKillSwitch.add(cancel.wrapAndApplyHeader(buffer, offset, header).clientOrderId());
            }
            else if (killSwitchPosition > 0 &&
                (template == NewOrderDecoder.TEMPLATE_ID || template == ReplaceOrderDecoder.TEMPLATE_ID))
            {
                ordersAfterKillSwitch++;
            }
            return true;
        }

        public void onInput(
            final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
        {
            header.wrap(buffer, offset);
            inKillSwitch = header.templateId() == KillSwitchDecoder.TEMPLATE_ID;
            if (inKillSwitch)
            {
                killSwitchPosition = logPosition;
                for (Order o = engine.orderManager().firstOpen(); o != null; o = engine.orderManager().nextOpen(o))
                {
                    if (!o.isCancelRequested()) // a cancel already on its way is not sent twice
                    {
                        openBeforeKillSwitch.add(o.clientOrderId());
                        if (o.replacedByClientOrderId() == 0)
                        {
                            notBeingReplaced.add(o.clientOrderId());
                        }
                    }
                }
            }
            engine.onInput(buffer, offset, length, logPosition, timestampNs);
            inKillSwitch = false;
        }

        public void onTimer(final long timerId, final long timestampNs)
        {
            engine.onTimer(timerId, timestampNs);
        }
    }

    private static List<String> reportLines(final List<String> lines)
    {
        final List<String> reports = new ArrayList<>();
        for (final String line : lines)
        {
            if (line.contains("\"execution_report\"") || line.contains("\"kill_switch\""))
            {
                reports.add(line.replaceAll(",\"(last_price|last_quantity|cumulative_quantity|fee|liquidity|trade_id|" +
                    "venue_reject_code|ts_event|venue)\":\"?[^,}]*\"?", ""));
            }
        }
        return reports;
    }

    private static String describeOpen(final Engine engine)
    {
        final StringBuilder text = new StringBuilder();
        for (Order o = engine.orderManager().firstOpen(); o != null; o = engine.orderManager().nextOpen(o))
        {
            text.append(o.clientOrderId()).append(' ').append(o.status()).append(o.isCancelRequested() ? " cancel" : "")
                .append("; ");
        }
        return text.toString();
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }
}
