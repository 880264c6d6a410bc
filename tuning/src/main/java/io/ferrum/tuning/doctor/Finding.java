package io.ferrum.tuning.doctor;

/**
 * One item of the host check.
 *
 * @param item   short name, e.g. "isolated cpus".
 * @param status the verdict.
 * @param found  what the host has, in words an operator can check.
 * @param fix    the command that fixes it, or empty when nothing is to be done.
 */
public record Finding(String item, Status status, String found, String fix)
{
    static Finding ok(final String item, final String found)
    {
        return new Finding(item, Status.OK, found, "");
    }

    static Finding info(final String item, final String found)
    {
        return new Finding(item, Status.INFO, found, "");
    }

    static Finding warn(final String item, final String found, final String fix)
    {
        return new Finding(item, Status.WARN, found, fix);
    }

    static Finding fail(final String item, final String found, final String fix)
    {
        return new Finding(item, Status.FAIL, found, fix);
    }
}
