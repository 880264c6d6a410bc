package io.ferrum.ops.backtest.report;

import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.ops.backtest.BacktestResult;
import io.ferrum.ops.backtest.TradeLog;
import io.ferrum.ops.backtest.stats.EquityCurve;
import io.ferrum.ops.backtest.stats.PerformanceReport;

import java.time.Instant;
import java.util.Map;

/**
 * A run's result as JSON, in the layout of docs/schemas/backtest_result.schema.json.
 * It holds nothing of the wall clock, so the same inputs give the same bytes; the speed
 * is in {@link #summary}. Money as decimal strings (exact fixed point), ratios as numbers or null when undefined,
 * times as ISO-8601 UTC. Curves are thinned to at most {@link #MAX_POINTS} points and
 * trade lists to {@link #MAX_TRADES}, so a two-year run gives a file a browser can open.
 */
public final class ResultJson
{
    public static final int MAX_POINTS = 2000;
    public static final int MAX_TRADES = 5000;
    public static final String SCHEMA = "ferrum.backtest_result/1";

    private ResultJson()
    {
    }

    public static String write(final BacktestResult result)
    {
        final JsonWriter json = new JsonWriter();
        json.beginObject();
        json.name("schema").value(SCHEMA);
        json.name("settings").beginObject();
        for (final Map.Entry<String, String> setting : result.settings().entrySet())
        {
            json.name(setting.getKey()).value(setting.getValue());
        }
        json.endObject();
        json.name("run").beginObject()
            .name("events").value(result.events())
            .name("logPositions").value(result.logPositions())
            .name("riskRejects").value(result.riskRejects())
            .name("firstEvent").value(time(result.firstEventNs()))
            .name("lastEvent").value(time(result.lastEventNs()))
            .endObject();
        json.name("portfolio");
        ledger(json, result.portfolio(), result.portfolioCurve(), null);
        json.name("strategies").beginArray();
        for (final BacktestResult.StrategyResult strategy : result.strategies())
        {
            json.beginObject().name("strategyId").value(strategy.strategyId()).name("ledger");
            ledger(json, strategy.report(), strategy.curve(), strategy.trades());
            json.endObject();
        }
        json.endArray();
        json.endObject();
        return json.toString();
    }

    /** The summary line the command prints: the portfolio's headline figures. */
    public static String summary(final BacktestResult result)
    {
        final PerformanceReport p = result.portfolio();
        final JsonWriter json = new JsonWriter();
        json.beginObject()
            .name("events").value(result.events())
            .name("wallSeconds").value(result.wallNs() / 1e9)
            .name("eventsPerSecond").value(Math.rint(result.eventsPerSecond()))
            .name("eventsPerCpuSecond").value(Math.rint(result.eventsPerCpuSecond()))
            .name("netProfit").value(money(p.netProfit(), p.moneyExponent()))
            .name("totalReturn").value(p.totalReturn())
            .name("sharpe").value(p.sharpe())
            .name("maxDrawdown").value(p.maxDrawdown())
            .name("trades").value(p.trades())
            .name("winRate").value(p.winRate())
            .name("fillRate").value(p.fillRate())
            .endObject();
        return json.toString();
    }

    private static void ledger(
        final JsonWriter json, final PerformanceReport r, final EquityCurve curve, final TradeLog trades)
    {
        final int e = r.moneyExponent();
        json.beginObject();
        json.name("statistics").beginObject()
            .name("start").value(time(r.startTimeNs()))
            .name("end").value(time(r.endTimeNs()))
            .name("samples").value(r.samples())
            .name("startEquity").value(money(r.startEquity(), e))
            .name("endEquity").value(money(r.endEquity(), e))
            .name("netProfit").value(money(r.netProfit(), e))
            .name("totalReturn").value(r.totalReturn())
            .name("cagr").value(r.cagr())
            .name("sharpe").value(r.sharpe())
            .name("sortino").value(r.sortino())
            .name("maxDrawdown").value(r.maxDrawdown())
            .name("maxDrawdownMoney").value(money(r.maxDrawdownMoney(), e))
            .name("maxDrawdownDurationSeconds").value(r.maxDrawdownDurationNs() / 1e9)
            .name("calmar").value(r.calmar())
            .name("trades").value(r.trades())
            .name("wins").value(r.wins())
            .name("losses").value(r.losses())
            .name("winRate").value(r.winRate())
            .name("grossProfit").value(money(r.grossProfit(), e))
            .name("grossLoss").value(money(r.grossLoss(), e))
            .name("profitFactor").value(r.profitFactor())
            .name("expectancy").value(money(r.expectancy(), e))
            .name("ordersSent").value(r.ordersSent())
            .name("ordersFilled").value(r.ordersFilled())
            .name("fillRate").value(r.fillRate())
            .name("fills").value(r.fills())
            .name("tradedNotional").value(money(r.tradedNotional(), e))
            .name("fees").value(money(r.fees(), e))
            .name("slippageCost").value(money(r.slippageCost(), e))
            .name("averageSlippageBps").value(r.averageSlippageBps())
            .name("turnover").value(r.turnover())
            .name("exposure").value(r.exposure())
            .name("averageLeverage").value(r.averageLeverage())
            .endObject();
        json.name("equity").beginArray();
        final int n = curve.size();
        final int step = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = 0; i < n; i += step)
        {
            point(json, curve, i);
        }
        if (n > 0 && (n - 1) % step != 0)
        {
            point(json, curve, n - 1);
        }
        json.endArray();
        if (trades != null)
        {
            json.name("trades").beginArray();
            for (int i = 0; i < Math.min(trades.size(), MAX_TRADES); i++)
            {
                json.beginObject().name("t").value(time(trades.timeNs(i)))
                    .name("pnl").value(money(trades.profit(i), e)).endObject();
            }
            json.endArray();
            json.name("tradesListed").value(Math.min(trades.size(), MAX_TRADES));
        }
        json.endObject();
    }

    private static void point(final JsonWriter json, final EquityCurve curve, final int i)
    {
        json.beginObject().name("t").value(time(curve.timeNs(i)))
            .name("equity").value(money(curve.equity(i), curve.exponent()))
            .name("exposure").value(money(curve.exposure(i), curve.exponent()))
            .endObject();
    }

    static String money(final long mantissa, final int exponent)
    {
        return FixedPoint.format(mantissa, exponent);
    }

    static String time(final long epochNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L))
            .toString();
    }
}
