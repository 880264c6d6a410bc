package io.ferrum.sequencer.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SnapshotScheduleTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void dueAtTheFirstInputPastEachMultipleOfTheIntervalOnly()
    {
        final SnapshotSchedule schedule = new SnapshotSchedule(10 * SECOND);
        assertFalse(schedule.onInput(95 * SECOND), "the first input after a start decides nothing");
        assertFalse(schedule.onInput(99 * SECOND));
        assertTrue(schedule.onInput(100 * SECOND), "crossed 100 s");
        assertFalse(schedule.onInput(100 * SECOND + 1));
        assertFalse(schedule.onInput(109 * SECOND));
        assertTrue(schedule.onInput(135 * SECOND), "a quiet gap over several multiples: one snapshot");
        assertFalse(schedule.onInput(136 * SECOND));
    }

    @Test
    void logTimeGoingBackDoesNotTriggerTwice()
    {
        final SnapshotSchedule schedule = new SnapshotSchedule(10 * SECOND);
        schedule.onInput(99 * SECOND);
        assertTrue(schedule.onInput(101 * SECOND));
        assertFalse(schedule.onInput(98 * SECOND), "an earlier time (a timer's deadline) is no new interval");
        assertFalse(schedule.onInput(102 * SECOND), "101 s already counted");
    }

    @Test
    void offNeverAndNegativeIsRefused()
    {
        final SnapshotSchedule off = new SnapshotSchedule(0);
        off.onInput(1);
        assertFalse(off.onInput(Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> new SnapshotSchedule(-1));
    }

    @Test
    void everyMemberDecidesAlikeOnTheSameLog()
    {
        final long[] times = { 5, 7, 12, 12, 19, 31, 33, 40, 41 };
        final SnapshotSchedule a = new SnapshotSchedule(10);
        final SnapshotSchedule b = new SnapshotSchedule(10);
        int due = 0;
        for (final long time : times)
        {
            final boolean dueA = a.onInput(time);
            assertEquals(dueA, b.onInput(time));
            due += dueA ? 1 : 0;
        }
        assertEquals(3, due, "at 12, 31 and 40: the crossings of 10, 30 and 40");
    }
}
