package io.ferrum.ops.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.engine.Engine;
import io.ferrum.engine.order.Position;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.JsonSchemas;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.ops.cli.AdminCommand;
import io.ferrum.ops.cli.BacktestCommand;
import io.ferrum.ops.cli.DashboardCommand;
import io.ferrum.ops.cli.Main;
import io.ferrum.ops.demo.DemoRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser (Debian's headless Chromium through Selenium): a real demo (the
 * recorded Binance session replayed into a real in-process cluster and engine) whose {@code demo_start}
 * line names the page; the page loads without a console error, shows the engine's orders, fills and
 * positions, changes live without a reload, and shows a kill switch sent as {@code ./ferrum admin}
 * sends it within a second; a real backtest's output opened with {@code ./ferrum dashboard --backtest}
 * renders its equity, drawdown, trades, statistics and sweep. Screenshots go to target/screenshots.
 */
class DashboardBrowserTest
{
    private static final String SESSION = "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv";
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Browser browser;

    @BeforeEach
    void openBrowser()
    {
        browser = new Browser(dir.resolve("chromium-profile"));
    }

    @AfterEach
    void closeBrowser()
    {
        if (null != browser)
        {
            browser.close();
        }
    }

    @Test
    void theDemosDashboardShowsTheEnginesFiguresLiveAndAKillSwitchWithinASecond() throws Exception
    {
        final ReplaySession session = ReplaySession.load(Fixtures.binance(SESSION));
        try (DemoRun run = new DemoRun(session, 10, dir.resolve("journal"), DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT"),
            new SimulatedVenue.Context().latencyNs(TimeUnit.MILLISECONDS.toNanos(1)), null, true))
        {
            final JsonNode start = JsonSchemas.assertValid("demo_start", run.startLine(session.name()));
            final String url = start.get("dashboard").asText();
            assertTrue(url.matches("http://127\\.0\\.0\\.1:[0-9]+/"), url);
            final var driver = browser.driver();
            driver.get(url);
            pageWait().until((d) -> "live".equals(text("status")));

            await("fills", () -> run.liveEngine() != null && run.liveEngine().counters().get(EngineCounters.FILLS) >= 5);
            ((JavascriptExecutor)driver).executeScript("window.ferrumSameDocument = 'yes'");
            final String positionBefore = text("log-position");
            pageWait().until((d) -> !text("log-position").equals(positionBefore));
            assertEquals("yes", ((JavascriptExecutor)driver).executeScript("return window.ferrumSameDocument"),
                "the value changed in the same document: no reload");
            pageWait().until((d) -> !rows("fills").isEmpty() && !rows("positions").isEmpty());
            browser.screenshot("dashboard-live");

            run.stopFeed(); // the engine's figures then stop moving, so the page must come to equal them
            final Engine engine = run.liveEngine();
            awaitQuiet(engine);
            final long orders = engine.counters().get(EngineCounters.ORDERS_SENT);
            final long fills = engine.counters().get(EngineCounters.FILLS);
            pageWait().until((d) -> text("orders-sent").equals(Long.toString(orders)) &&
                text("fills-count").equals(Long.toString(fills)));
            assertEquals(Long.toString(engine.counters().get(EngineCounters.ORDER_REJECTS)), text("rejects-count"));
            assertEquals(Integer.toString(engine.orderManager().openOrderCount()), text("open-orders-count"),
                "open orders as the committed log shows them: the engine's");
            assertEquals(engine.orderManager().openOrderCount(), rows("orders").size());
            BigDecimal realized = BigDecimal.ZERO;
            final java.util.Map<String, List<String>> shown = positions(); // one look: the table is redrawn with each state
            for (int i = 0; i < engine.portfolio().size(); i++)
            {
                final Position position = engine.portfolio().position(i);
                final String key = "0/" + position.strategyId() + "/" + position.instrument().symbol();
                final List<String> row = shown.get(key);
                assertTrue(null != row, key + " on the page: " + shown);
                assertEquals(0, decimal(position.quantity(), position.instrument().sizeExponent())
                    .compareTo(new BigDecimal(row.get(0))), key + " quantity");
                assertEquals(0, decimal(position.realizedPnl(), engine.moneyExponent())
                    .compareTo(new BigDecimal(row.get(1))), key + " realized P&L");
                assertEquals(0, decimal(position.fees(), engine.moneyExponent())
                    .compareTo(new BigDecimal(row.get(2))), key + " fees");
                assertEquals(Long.toString(position.fillCount()), row.get(3), key + " fills");
                realized = realized.add(decimal(position.realizedPnl(), engine.moneyExponent()));
            }
            assertTrue(realized.signum() != 0 || fills == 0, "a run with fills has some P&L to compare");
            assertTrue(Integer.parseInt(driver.findElement(By.id("pnl-chart")).getDomAttribute("data-points")) > 0,
                "the P&L curve has points");
            assertTrue(Integer.parseInt(driver.findElement(By.id("price-chart")).getDomAttribute("data-points")) > 0,
                "the price line has points");
            assertTrue(!driver.findElements(By.cssSelector("#pnl-chart canvas")).isEmpty(), "the P&L chart is drawn");
            assertEquals("LEADER", cells("#members tbody tr").get(1), "the demo's one member leads");
            assertTrue(Long.parseLong(cells("#latency tr[data-key='engine_step']").get(1)) > 0, "engine_step latency");
            final List<List<String>> feeds = table("feeds");
            assertTrue(feeds.stream().anyMatch((row) -> row.get(0).equals("ZILUSDT") && row.get(2).equals("in_sync")),
                "the market maker's stream in sync: " + feeds);
            assertTrue(table("feed-states").contains(List.of("0", "ZILUSDT", "in sync")), "the engine's feed state");

            final List<String> args = new ArrayList<>(Arrays.asList(start.get("admin_command").asText().split(" ")));
            args.subList(0, 2).clear(); // "./ferrum admin": the launcher's part
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(0, Main.run(new AdminCommand(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
            final long acknowledgedNs = System.nanoTime();
            // waited for longer than the second it must take, so that a failure says how long it did take
            new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(20)).until((d) -> "halted".equals(riskState("global/0")));
            final long shownMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - acknowledgedNs);
            System.out.println("dashboard: the kill switch showed " + shownMs + " ms after its acknowledgement");
            assertTrue(shownMs <= 1000, "the kill switch showed " + shownMs + " ms after its acknowledgement");
            final List<String> global = cells("#risk tr[data-key='global/0']");
            assertTrue(global.get(3).startsWith("kill switch by "), global.toString());
            browser.screenshot("dashboard-kill-switch");

            assertEquals(List.of(), browser.consoleErrors(), "the page's console");
            assertTrue(run.errors().isEmpty(), "errors: " + run.errors());
        }
    }

    @Test
    void aBacktestsOutputRendersItsChartsStatisticsAndSweep() throws Exception
    {
        final Path out = dir.resolve("backtest");
        final List<String> days = List.of("--synthetic", "--from", "2023-01-01", "--to", "2023-01-04", "--out", out.toString());
        assertEquals(0, command(new BacktestCommand(), days));
        final List<String> sweep = new ArrayList<>(days);
        sweep.addAll(List.of("--sweep-spread-ticks", "1,4", "--sweep-threshold-bps", "5", "--threads", "1"));
        assertEquals(0, command(new BacktestCommand(), sweep));
        final JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());

        final ByteArrayOutputStream lines = new ByteArrayOutputStream();
        final PrintStream stdout = new PrintStream(lines, true, StandardCharsets.UTF_8);
        final int[] exit = { -1 };
        final Thread dashboard = new Thread(() -> exit[0] = Main.run(new DashboardCommand(),
            List.of("--backtest", out.toString(), "--port", "0", "--root", dir.resolve("no-processes").toString()), stdout,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)), "dashboard-command");
        dashboard.start();
        try
        {
            await("the dashboard's start line", () -> lines.toString(StandardCharsets.UTF_8).contains("\n"));
            final JsonNode started = JsonSchemas.assertValid("command_line", lines.toString(StandardCharsets.UTF_8).trim());
            final var driver = browser.driver();
            driver.get(started.get("dashboard").asText() + "backtest");
            pageWait().until((d) -> null != d.findElement(By.id("bt-equity")).getDomAttribute("data-points"));

            final JsonNode portfolio = result.get("portfolio");
            assertEquals(Integer.toString(distinctSeconds(portfolio.get("equity"))),
                driver.findElement(By.id("bt-equity")).getDomAttribute("data-points"), "every equity sample on the chart");
            int trades = 0;
            for (final JsonNode strategy : result.get("strategies"))
            {
                trades += strategy.get("ledger").path("trades").size();
            }
            assertTrue(trades > 0, "the backtest traded");
            assertEquals(Integer.toString(trades), driver.findElement(By.id("bt-equity")).getDomAttribute("data-trades"));
            assertTrue(!driver.findElements(By.cssSelector("#bt-equity canvas")).isEmpty(), "the equity chart is drawn");
            assertTrue(!driver.findElements(By.cssSelector("#bt-drawdown canvas")).isEmpty(), "the drawdown chart is drawn");
            final WebElement sharpe = driver.findElement(By.cssSelector("#bt-stats tr[data-key='sharpe'] td.sharpe"));
            // four days hold no 30 daily returns: the figure is n/a, and the note says why
            assertTrue(portfolio.get("statistics").get("sharpe").isNull(), portfolio.get("statistics").toString());
            assertEquals("n/a", sharpe.getText());
            assertEquals(portfolio.get("statistics").get("ratios_note").asText(), driver.findElement(
                By.cssSelector("#bt-stats tr[data-key='ratios_note'] td.ratios_note")).getText());
            assertEquals(result.get("strategies").size(), rows("bt-strategies").size());
            final String table = driver.findElement(By.id("bt-sweep")).getText();
            assertEquals(Files.readString(out.resolve("sweep.txt")).strip(), table.strip(), "the sweep's table as written");
            browser.screenshot("dashboard-backtest");
            assertEquals(List.of(), browser.consoleErrors(), "the page's console");
        }
        finally
        {
            dashboard.interrupt(); // how a caller stops the command: its wait ends, the server closes
            dashboard.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertEquals(0, exit[0]);
    }

    private static int distinctSeconds(final JsonNode equity)
    {
        long last = Long.MIN_VALUE;
        int count = 0;
        for (final JsonNode point : equity)
        {
            final long second = java.time.Instant.parse(point.get("t").asText()).getEpochSecond();
            if (second > last)
            {
                count++;
                last = second;
            }
        }
        return count;
    }

    private int command(final io.ferrum.ops.cli.FerrumCommand command, final List<String> args)
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = Main.run(command, args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        return exit;
    }

    private WebDriverWait pageWait()
    {
        return new WebDriverWait(browser.driver(), PAGE_WAIT, Duration.ofMillis(50));
    }

    private String text(final String id)
    {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private List<WebElement> rows(final String tableId)
    {
        return browser.driver().findElements(By.cssSelector("#" + tableId + " tbody tr"));
    }

    private String riskState(final String key)
    {
        try
        {
            return browser.driver().findElement(By.cssSelector("#risk tr[data-key='" + key + "'] td.state")).getText();
        }
        catch (final NoSuchElementException | org.openqa.selenium.StaleElementReferenceException ex)
        {
            return null; // the table is redrawn with each state
        }
    }

    /** The texts of the cells of the first row matching {@code selector}, in one look. */
    @SuppressWarnings("unchecked")
    private List<String> cells(final String selector)
    {
        return (List<String>)((JavascriptExecutor)browser.driver()).executeScript(
            "const row = document.querySelector(arguments[0]);" +
            "return row ? [...row.cells].map((c) => c.textContent) : [];", selector);
    }

    /** Every body row's cell texts, in one look. */
    @SuppressWarnings("unchecked")
    private List<List<String>> table(final String id)
    {
        return (List<List<String>>)((JavascriptExecutor)browser.driver()).executeScript(
            "return [...document.querySelectorAll('#' + arguments[0] + ' tbody tr')].map((tr) => [...tr.cells].map((c) => c.textContent));",
            id);
    }

    /** The positions table in one look: key to quantity, realized P&L, fees, fills. */
    @SuppressWarnings("unchecked")
    private java.util.Map<String, List<String>> positions()
    {
        return (java.util.Map<String, List<String>>)((JavascriptExecutor)browser.driver()).executeScript(
            "const rows = {};" +
            "for (const tr of document.querySelectorAll('#positions tbody tr')) {" +
            "  rows[tr.dataset.key] = ['quantity', 'realized', 'fees', 'fills'].map((c) => tr.querySelector('td.' + c).textContent);" +
            "}" +
            "return rows;");
    }

    private static BigDecimal decimal(final long mantissa, final int exponent)
    {
        return BigDecimal.valueOf(mantissa, -exponent);
    }

    private static void awaitQuiet(final Engine engine) throws InterruptedException
    {
        final long[] last = { -1 };
        final long[] quietSince = { System.nanoTime() };
        await("a quiet engine", () ->
        {
            final long events = engine.counters().get(EngineCounters.EVENTS);
            if (events != last[0])
            {
                last[0] = events;
                quietSince[0] = System.nanoTime();
            }
            return System.nanoTime() - quietSince[0] > TimeUnit.SECONDS.toNanos(1);
        });
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }
}
