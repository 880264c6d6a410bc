/**
 * {@code ./ferrum soak}: a 3-member cluster, the gateway and the venue simulator as separate
 * processes of this installation on this machine, members killed with SIGKILL at random times
 * (one at a time, and now and then two at once), restarted, and what each failure cost measured.
 * Uses the command line's own commands as child processes and reads the members only through
 * their CnC files, as an operator's tools do; the verdict on the journals is {@code ./ferrum
 * verify}'s, run by the command above this package.
 */
package io.ferrum.ops.soak;
