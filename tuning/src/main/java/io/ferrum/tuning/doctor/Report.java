package io.ferrum.tuning.doctor;

import java.io.PrintStream;
import java.util.List;

/** Everything the Doctor found, in the order it looked. */
public record Report(String subject, List<Finding> findings)
{
    public Report
    {
        findings = List.copyOf(findings);
    }

    /** Fit for the colocated profile: no item failed. */
    public boolean fit()
    {
        return count(Status.FAIL) == 0;
    }

    public long count(final Status status)
    {
        return findings.stream().filter((finding) -> finding.status() == status).count();
    }

    public Finding find(final String item)
    {
        return findings.stream()
            .filter((finding) -> finding.item().equals(item))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no finding for " + item));
    }

    public void print(final PrintStream out)
    {
        out.println(subject);
        for (final Finding finding : findings)
        {
            out.printf("  [%s] %-16s %s%n", finding.status().label(), finding.item(), finding.found());
            if (!finding.fix().isEmpty())
            {
                out.printf("         %-16s fix: %s%n", "", finding.fix());
            }
        }
        out.printf("verdict: %s for the colocated profile (%d failed, %d warnings)%n",
            fit() ? "fit" : "NOT fit", count(Status.FAIL), count(Status.WARN));
    }
}
