package io.ferrum.bench.latency;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyReportTest
{
    private static RateResult result(final long valueNs, final long received)
    {
        final Histogram histogram = new Histogram(1, Arrivals.HIGHEST_NS, 3);
        for (int i = 0; i < received; i++)
        {
            histogram.recordValue(valueNs);
        }
        return new RateResult(new Phase("1000/s", 1_000, 1_000_000_000L), 1_000, received, 1_000, histogram);
    }

    @Test
    void ratiosAreOurPercentileOverTheFloorsAndTheirSum()
    {
        final LatencyReport report = new LatencyReport(List.of(
            new Series("path", "path", "", List.of(result(100_000, 1_000))),
            new Series("a", "floor a", "", List.of(result(10_000, 1_000))),
            new Series("b", "floor b", "", List.of(result(40_000, 1_000)))), "test machine");
        final String table = report.table();
        final String overA = table.lines().filter(l -> l.contains("path ÷ floor a")).findFirst().orElseThrow();
        final String overSum = table.lines().filter(l -> l.contains("path ÷ Σ floors")).findFirst().orElseThrow();
        assertEquals(6, overA.split("10\\.0x", -1).length - 1, overA);
        assertEquals(6, overSum.split("2\\.0x", -1).length - 1, overSum);
    }

    @Test
    void aLostMessageMakesTheRateNotReached()
    {
        assertTrue(result(1_000, 1_000).reached());
        final RateResult lossy = result(1_000, 999);
        assertEquals(1, lossy.lost());
        assertTrue(!lossy.reached());
        assertTrue(new LatencyReport(List.of(
            new Series("path", "path", "", List.of(lossy)),
            new Series("a", "floor a", "", List.of(result(1_000, 1_000)))), "m").table()
            .lines().anyMatch(l -> l.contains(" path ") && l.contains(" 1 ") && l.contains("NO")));
    }
}
