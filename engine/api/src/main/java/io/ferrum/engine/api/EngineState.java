package io.ferrum.engine.api;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The engine's whole state as bytes and as a hash: snapshots for fast restart, and the
 * hash to prove that two members (or a member and a replay) hold the same state.
 */
public interface EngineState
{
    /**
     * Writes the whole state at {@code offset}; the buffer must be expandable
     * (for example {@code ExpandableDirectByteBuffer}).
     *
     * @return bytes written
     */
    int snapshotTo(MutableDirectBuffer buffer, int offset);

    /** Replaces the whole state with one written by {@link #snapshotTo}. */
    void restoreFrom(DirectBuffer buffer, int offset, int length);

    /** A hash over all state; equal states give equal hashes on every JVM. */
    long stateHash();
}
