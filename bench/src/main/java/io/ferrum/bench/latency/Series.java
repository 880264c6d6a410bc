package io.ferrum.bench.latency;

import java.util.List;

/**
 * One measured line of the report: the path or one of its floors, a result per rate in the
 * order of the sweep.
 *
 * @param key  file-name friendly name ({@code tick-to-trade}, {@code ws-floor}, ...)
 * @param what one line on what it measures, for the report
 */
public record Series(String key, String label, String what, List<RateResult> results)
{
}
