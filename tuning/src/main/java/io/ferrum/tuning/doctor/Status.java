package io.ferrum.tuning.doctor;

/** How one item of the host stands against the colocated profile. */
public enum Status
{
    /** Tuned as the colocated profile wants. */
    OK(" OK "),
    /** Worth fixing, but the host is still fit for the colocated profile. */
    WARN("WARN"),
    /** The host is not fit for the colocated profile until this is fixed. */
    FAIL("FAIL"),
    /** A fact about the host, with no verdict. */
    INFO("INFO");

    private final String label;

    Status(final String label)
    {
        this.label = label;
    }

    public String label()
    {
        return label;
    }
}
