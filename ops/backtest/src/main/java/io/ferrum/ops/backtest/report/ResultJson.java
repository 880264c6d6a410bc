package io.ferrum.ops.backtest.report;

import io.ferrum.codecs.json.JsonOut;
import io.ferrum.ops.backtest.BacktestResult;
import io.ferrum.ops.backtest.TradeLog;
import io.ferrum.ops.backtest.stats.EquityCurve;
import io.ferrum.ops.backtest.stats.PerformanceReport;

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
    public static final String SCHEMA = "ferrum.backtest_result/4";

    private ResultJson()
    {
    }

    public static String write(final BacktestResult result)
    {
        final JsonOut json = JsonOut.object();
        json.field("schema", SCHEMA);
        json.beginObject("settings");
        for (final Map.Entry<String, String> setting : result.settings().entrySet())
        {
            json.field(setting.getKey(), setting.getValue());
        }
        json.endObject();
        json.beginObject("run")
            .field("events", result.events())
            .field("log_positions", result.logPositions())
            .field("risk_rejects", result.riskRejects())
            .time("first_event", result.firstEventNs())
            .time("last_event", result.lastEventNs())
            .endObject();
        ledger(json.beginObject("portfolio"), result.portfolio(), result.portfolioCurve(), null);
        json.beginArray("strategies");
        for (final BacktestResult.StrategyResult strategy : result.strategies())
        {
            json.beginObject().field("strategy_id", strategy.strategyId());
            positions(json, strategy.positions());
            json.beginObject("ledger");
            ledger(json, strategy.report(), strategy.curve(), strategy.trades());
            json.endObject();
        }
        return json.endArray().toString();
    }

    /**
     * The strategy's realized P&amp;L and fees and its final positions as the engine keeps them (one convention
     * with the engine and parity: realized before fees, fees apart).
     */
    private static void positions(final JsonOut json, final java.util.List<io.ferrum.engine.order.Position> positions)
    {
        final int e = io.ferrum.ops.backtest.StrategyLedger.MONEY_EXPONENT;
        long realized = 0;
        long fees = 0;
        for (final io.ferrum.engine.order.Position position : positions)
        {
            realized += position.realizedPnl();
            fees += position.fees();
        }
        json.decimal("realized_pnl", realized, e).decimal("fees", fees, e).beginArray("positions");
        for (final io.ferrum.engine.order.Position position : positions)
        {
            json.beginObject()
                .field("instrument_id", position.instrumentId())
                .decimal("quantity", position.quantity(), position.instrument().sizeExponent())
                .decimal("cost_basis", position.costBasis(), e)
                .decimal("realized_pnl", position.realizedPnl(), e)
                .decimal("fees", position.fees(), e)
                .field("fills", position.fillCount())
                .endObject();
        }
        json.endArray();
    }

    /** The summary line the command prints: the portfolio's headline figures. */
    public static String summary(final BacktestResult result)
    {
        final PerformanceReport p = result.portfolio();
        return JsonOut.object()
            .field("events", result.events())
            .field("wall_seconds", result.wallNs() / 1e9)
            .field("events_per_second", Math.rint(result.eventsPerSecond()))
            .field("events_per_cpu_second", Math.rint(result.eventsPerCpuSecond()))
            .decimal("net_profit", p.netProfit(), p.moneyExponent())
            .field("total_return", p.totalReturn())
            .field("sharpe", p.sharpe())
            .field("return_samples", p.returnSamples())
            .field("periods_per_year", p.periodsPerYear())
            .field("ratios_note", p.ratiosNote())
            .field("max_drawdown", p.maxDrawdown())
            .field("trades", p.trades())
            .field("win_rate", p.winRate())
            .field("fill_rate", p.fillRate())
            .toString();
    }

    private static void ledger(
        final JsonOut json, final PerformanceReport r, final EquityCurve curve, final TradeLog trades)
    {
        final int e = r.moneyExponent();
        json.beginObject("statistics")
            .time("start", r.startTimeNs())
            .time("end", r.endTimeNs())
            .field("samples", r.samples())
            .field("return_samples", r.returnSamples())
            .field("periods_per_year", r.periodsPerYear())
            .field("ratios_note", r.ratiosNote())
            .decimal("start_equity", r.startEquity(), e)
            .decimal("end_equity", r.endEquity(), e)
            .decimal("net_profit", r.netProfit(), e)
            .field("total_return", r.totalReturn())
            .field("cagr", r.cagr())
            .field("sharpe", r.sharpe())
            .field("sortino", r.sortino())
            .field("max_drawdown", r.maxDrawdown())
            .decimal("max_drawdown_money", r.maxDrawdownMoney(), e)
            .field("max_drawdown_duration_seconds", r.maxDrawdownDurationNs() / 1e9)
            .field("calmar", r.calmar())
            .field("trades", r.trades())
            .field("wins", r.wins())
            .field("losses", r.losses())
            .field("win_rate", r.winRate())
            .decimal("gross_profit", r.grossProfit(), e)
            .decimal("gross_loss", r.grossLoss(), e)
            .field("profit_factor", r.profitFactor())
            .decimal("expectancy", r.expectancy(), e)
            .field("orders_sent", r.ordersSent())
            .field("orders_filled", r.ordersFilled())
            .field("fill_rate", r.fillRate())
            .field("fills", r.fills())
            .decimal("traded_notional", r.tradedNotional(), e)
            .decimal("fees", r.fees(), e)
            .decimal("slippage_cost", r.slippageCost(), e)
            .field("average_slippage_bps", r.averageSlippageBps())
            .field("turnover", r.turnover())
            .field("exposure", r.exposure())
            .field("average_leverage", r.averageLeverage())
            .endObject();
        json.beginArray("equity");
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
            json.beginArray("trades");
            for (int i = 0; i < Math.min(trades.size(), MAX_TRADES); i++)
            {
                json.beginObject().time("t", trades.timeNs(i))
                    .decimal("pnl", trades.profit(i), e).endObject();
            }
            json.endArray();
            json.field("trades_listed", Math.min(trades.size(), MAX_TRADES));
        }
        json.endObject();
    }

    private static void point(final JsonOut json, final EquityCurve curve, final int i)
    {
        json.beginObject().time("t", curve.timeNs(i))
            .decimal("equity", curve.equity(i), curve.exponent())
            .decimal("exposure", curve.exposure(i), curve.exponent())
            .endObject();
    }
}
