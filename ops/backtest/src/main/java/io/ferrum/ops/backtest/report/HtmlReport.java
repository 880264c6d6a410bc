package io.ferrum.ops.backtest.report;

import io.ferrum.codecs.json.JsonOut;
import io.ferrum.ops.backtest.BacktestResult;
import io.ferrum.ops.backtest.TradeLog;
import io.ferrum.ops.backtest.stats.EquityCurve;
import io.ferrum.ops.backtest.stats.PerformanceReport;

import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML report: statistics tables and inline SVG charts (equity,
 * drawdown, positions' gross exposure, closed trades' profit), no script and nothing
 * fetched from the network, so it opens from a file anywhere. Like the JSON it holds
 * nothing of the wall clock: the same run gives the same bytes.
 */
public final class HtmlReport
{
    private static final int WIDTH = 960;
    private static final int HEIGHT = 220;
    private static final int PAD = 48;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

    private HtmlReport()
    {
    }

    public static String write(final BacktestResult result)
    {
        final StringBuilder html = new StringBuilder(1 << 16);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<title>Ferrum backtest</title><style>")
            .append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 24px}")
            .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right;font-size:13px}th{background:#f3f3f3}")
            .append("td:first-child,th:first-child{text-align:left}svg{background:#fafafa;border:1px solid #ddd;margin-bottom:16px}")
            .append("h2{margin-top:28px}.legend span{margin-right:16px}</style></head><body>\n");
        html.append("<h1>Ferrum backtest</h1>\n<table>");
        for (final Map.Entry<String, String> setting : result.settings().entrySet())
        {
            row(html, setting.getKey(), escape(setting.getValue()));
        }
        row(html, "events", Long.toString(result.events()));
        row(html, "period", JsonOut.time(result.firstEventNs()) + " to " + JsonOut.time(result.lastEventNs()));
        html.append("</table>\n");

        html.append("<h2>Statistics</h2>\n<table><tr><th>statistic</th><th>portfolio</th>");
        for (final BacktestResult.StrategyResult s : result.strategies())
        {
            html.append("<th>strategy ").append(s.strategyId()).append("</th>");
        }
        html.append("</tr>\n");
        statistics(html, result);
        html.append("</table>\n");

        html.append("<h2>Equity</h2>\n").append(legend(result));
        html.append(chart(result, Series.EQUITY));
        html.append("<h2>Drawdown</h2>\n").append(chart(result, Series.DRAWDOWN));
        html.append("<h2>Positions (gross exposure at mark)</h2>\n").append(chart(result, Series.EXPOSURE));
        html.append("<h2>Trades (realized profit per closed trade)</h2>\n").append(trades(result));
        html.append("</body></html>\n");
        return html.toString();
    }

    private enum Series
    {
        EQUITY, DRAWDOWN, EXPOSURE
    }

    private static String legend(final BacktestResult result)
    {
        final StringBuilder sb = new StringBuilder("<div class=\"legend\"><span style=\"color:#000\">&#9632; portfolio</span>");
        for (int i = 0; i < result.strategies().size(); i++)
        {
            sb.append("<span style=\"color:").append(COLOURS[i % COLOURS.length]).append("\">&#9632; strategy ")
                .append(result.strategies().get(i).strategyId()).append("</span>");
        }
        return sb.append("</div>\n").toString();
    }

    private static String chart(final BacktestResult result, final Series series)
    {
        final EquityCurve portfolio = result.portfolioCurve();
        final int n = portfolio.size();
        final StringBuilder svg = svgStart();
        if (n < 2)
        {
            return svg.append(text(WIDTH / 2, HEIGHT / 2, "not enough samples")).append("</svg>\n").toString();
        }
        final long t0 = portfolio.timeNs(0);
        final long t1 = portfolio.timeNs(n - 1);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        final double[][] values = new double[1 + result.strategies().size()][];
        values[0] = values(portfolio, series);
        for (int s = 0; s < result.strategies().size(); s++)
        {
            values[s + 1] = values(result.strategies().get(s).curve(), series);
        }
        for (final double[] v : values)
        {
            for (final double x : v)
            {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        if (series != Series.EQUITY)
        {
            min = Math.min(min, 0);
            max = Math.max(max, 0);
        }
        if (max == min)
        {
            max = min + 1;
        }
        axes(svg, t0, t1, min, max, series == Series.DRAWDOWN ? "%.1f%%" : "%,.2f");
        for (int s = values.length - 1; s >= 0; s--)
        {
            final EquityCurve curve = s == 0 ? portfolio : result.strategies().get(s - 1).curve();
            polyline(svg, curve, values[s], t0, t1, min, max, s == 0 ? "#000" : COLOURS[(s - 1) % COLOURS.length]);
        }
        return svg.append("</svg>\n").toString();
    }

    private static double[] values(final EquityCurve curve, final Series series)
    {
        final double scale = Math.pow(10, curve.exponent());
        final double[] v = new double[curve.size()];
        long peak = Long.MIN_VALUE;
        for (int i = 0; i < v.length; i++)
        {
            switch (series)
            {
                case EQUITY -> v[i] = curve.equity(i) * scale;
                case EXPOSURE -> v[i] = curve.exposure(i) * scale;
                case DRAWDOWN ->
                {
                    peak = Math.max(peak, curve.equity(i));
                    v[i] = peak > 0 ? -100.0 * (peak - curve.equity(i)) / peak : 0;
                }
                default -> throw new IllegalStateException();
            }
        }
        return v;
    }

    private static String trades(final BacktestResult result)
    {
        final StringBuilder svg = svgStart();
        final EquityCurve portfolio = result.portfolioCurve();
        double min = 0;
        double max = 0;
        int count = 0;
        for (final BacktestResult.StrategyResult s : result.strategies())
        {
            final double scale = Math.pow(10, s.curve().exponent());
            for (int i = 0; i < s.trades().size(); i++)
            {
                min = Math.min(min, s.trades().profit(i) * scale);
                max = Math.max(max, s.trades().profit(i) * scale);
                count++;
            }
        }
        if (count == 0 || portfolio.size() < 2)
        {
            return svg.append(text(WIDTH / 2, HEIGHT / 2, "no closed trades")).append("</svg>\n").toString();
        }
        if (max == min)
        {
            max = min + 1;
        }
        final long t0 = portfolio.timeNs(0);
        final long t1 = Math.max(portfolio.timeNs(portfolio.size() - 1), t0 + 1);
        axes(svg, t0, t1, min, max, "%,.2f");
        final int step = Math.max(1, count / 4000);
        for (int si = 0; si < result.strategies().size(); si++)
        {
            final BacktestResult.StrategyResult s = result.strategies().get(si);
            final TradeLog log = s.trades();
            final double scale = Math.pow(10, s.curve().exponent());
            for (int i = 0; i < log.size(); i += step)
            {
                final double profit = log.profit(i) * scale;
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\"/>",
                    x(log.timeNs(i), t0, t1), y(profit, min, max), profit >= 0 ? "#2ca02c" : "#d62728"));
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder svgStart()
    {
        return new StringBuilder(String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">",
            WIDTH, HEIGHT, WIDTH, HEIGHT));
    }

    private static void axes(
        final StringBuilder svg, final long t0, final long t1, final double min, final double max, final String format)
    {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>",
            PAD, HEIGHT - 20, WIDTH - 10, HEIGHT - 20));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>",
            PAD, PAD, HEIGHT - 20));
        for (int i = 0; i <= 4; i++)
        {
            final double v = min + (max - min) * i / 4;
            final double y = y(v, min, max);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>",
                PAD, y, WIDTH - 10, y));
            svg.append(text(2, (int)y + 4, String.format(Locale.ROOT, format, v), "start"));
        }
        svg.append(text(PAD, HEIGHT - 4, JsonOut.time(t0).substring(0, 19), "start"));
        svg.append(text(WIDTH - 10, HEIGHT - 4, JsonOut.time(t1).substring(0, 19), "end"));
    }

    private static void polyline(
        final StringBuilder svg, final EquityCurve curve, final double[] v, final long t0, final long t1,
        final double min, final double max, final String colour)
    {
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.2\" points=\"");
        final int step = Math.max(1, v.length / 2000);
        for (int i = 0; i < v.length; i += step)
        {
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(curve.timeNs(i), t0, t1), y(v[i], min, max)));
        }
        svg.append("\"/>");
    }

    private static double x(final long t, final long t0, final long t1)
    {
        return PAD + (WIDTH - 10 - PAD) * ((double)(t - t0) / Math.max(1, t1 - t0));
    }

    private static double y(final double v, final double min, final double max)
    {
        return HEIGHT - 20 - (HEIGHT - 30) * (v - min) / (max - min);
    }

    private static String text(final int x, final int y, final String s)
    {
        return text(x, y, s, "middle");
    }

    private static String text(final int x, final int y, final String s, final String anchor)
    {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"10\" text-anchor=\"" + anchor + "\">" + escape(s) + "</text>";
    }

    private static void statistics(final StringBuilder html, final BacktestResult result)
    {
        final String[] names = {"net profit", "total return", "CAGR", "Sharpe", "Sortino", "max drawdown",
            "max drawdown (money)", "max drawdown duration (days)", "Calmar", "trades", "win rate", "profit factor",
            "expectancy", "orders sent", "fill rate", "fees", "average slippage (bps)", "turnover", "exposure (time)",
            "average leverage"};
        for (int k = 0; k < names.length; k++)
        {
            html.append("<tr><td>").append(names[k]).append("</td>");
            html.append("<td>").append(cell(result.portfolio(), k)).append("</td>");
            for (final BacktestResult.StrategyResult s : result.strategies())
            {
                html.append("<td>").append(cell(s.report(), k)).append("</td>");
            }
            html.append("</tr>\n");
        }
    }

    private static String cell(final PerformanceReport r, final int k)
    {
        final int e = r.moneyExponent();
        return switch (k)
        {
            case 0 -> money(r.netProfit(), e);
            case 1 -> percent(r.totalReturn());
            case 2 -> percent(r.cagr());
            case 3 -> ratio(r.sharpe(), r);
            case 4 -> ratio(r.sortino(), r);
            case 5 -> percent(r.maxDrawdown());
            case 6 -> money(r.maxDrawdownMoney(), e);
            case 7 -> number(r.maxDrawdownDurationNs() / 86_400e9);
            case 8 -> number(r.calmar());
            case 9 -> Long.toString(r.trades());
            case 10 -> percent(r.winRate());
            case 11 -> number(r.profitFactor());
            case 12 -> money(r.expectancy(), e);
            case 13 -> Long.toString(r.ordersSent());
            case 14 -> percent(r.fillRate());
            case 15 -> money(r.fees(), e);
            case 16 -> number(r.averageSlippageBps());
            case 17 -> number(r.turnover());
            case 18 -> percent(r.exposure());
            case 19 -> number(r.averageLeverage());
            default -> throw new IllegalArgumentException();
        };
    }

    private static String money(final long mantissa, final int exponent)
    {
        return String.format(Locale.ROOT, "%,.2f", mantissa * Math.pow(10, exponent));
    }

    private static String percent(final double v)
    {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f%%", 100 * v) : "n/a";
    }

    /** A ratio with what it stands on: its return count and annualization, or why it is n/a. */
    private static String ratio(final double v, final PerformanceReport r)
    {
        return number(v) + " <small>(" + r.returnSamples() + " returns, x sqrt(" +
            String.format(Locale.ROOT, "%.0f", r.periodsPerYear()) + ") a year" +
            (null == r.ratiosNote() ? "" : "; n/a: " + escape(r.ratiosNote())) + ")</small>";
    }

    private static String number(final double v)
    {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }

    private static void row(final StringBuilder html, final String name, final String value)
    {
        html.append("<tr><td>").append(escape(name)).append("</td><td>").append(value).append("</td></tr>\n");
    }

    static String escape(final String s)
    {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
