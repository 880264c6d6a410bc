package io.ferrum.gateway.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConnectionBudgetTest
{
    private static final long MINUTE = 60_000_000_000L;

    @Test
    void attemptsInsideTheBudgetStartAtOnce()
    {
        final ConnectionBudget budget = new ConnectionBudget(3, MINUTE);
        for (int i = 0; i < 3; i++)
        {
            assertEquals(0, budget.delayNs(i * 1_000L));
            budget.record(i * 1_000L);
        }
        assertEquals(MINUTE, budget.delayNs(0), "the fourth waits for the first to leave the window");
        assertEquals(MINUTE - 5_000, budget.delayNs(5_000));
    }

    @Test
    void theWindowSlides()
    {
        final ConnectionBudget budget = new ConnectionBudget(2, MINUTE);
        budget.record(0);
        budget.record(10 * 1_000_000_000L);
        assertEquals(0, budget.delayNs(MINUTE));
        budget.record(MINUTE);
        assertEquals(10 * 1_000_000_000L, budget.delayNs(MINUTE), "now the second attempt is the oldest");
        assertEquals(0, budget.delayNs(MINUTE + 10 * 1_000_000_000L));
    }

    /** A storm of requests over ten minutes never gets more than the budget in any window. */
    @Test
    void aStormStaysInsideBinancesLimit()
    {
        final long window = 5 * MINUTE;
        final ConnectionBudget budget = new ConnectionBudget(60, window);
        final long[] started = new long[1000];
        int n = 0;
        for (long now = 0; now < 10 * MINUTE && n < started.length; now += 100_000_000L) // asked every 100 ms
        {
            if (budget.delayNs(now) == 0)
            {
                budget.record(now);
                started[n++] = now;
            }
        }
        for (int i = 0; i + 60 < n; i++)
        {
            assertEquals(true, started[i + 60] - started[i] >= window, "61 attempts inside one window at " + i);
        }
        assertEquals(120, n, "two full windows' worth, no more");
    }

    @Test
    void refusesNonsense()
    {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionBudget(0, MINUTE));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionBudget(1, 0));
    }
}
