package io.ferrum.engine;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * A 64-bit hash of bytes, the same on every JVM and platform: little-endian 8-byte words mixed
 * with multiply-rotate steps, the tail byte by byte, the length, then a final avalanche
 * (MurmurHash3's fmix64 constants). Used over the engine snapshot, so equal states hash equal.
 */
public final class StateHash
{
    private static final long SEED = 0x46_45_52_52_55_4D_00_01L; // "FERRUM", 1
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;

    private StateHash()
    {
    }

    public static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        long h = SEED;
        int pos = offset;
        final int end = offset + length;
        while (pos + Long.BYTES <= end)
        {
            final long word = buffer.getLong(pos, ByteOrder.LITTLE_ENDIAN);
            h ^= Long.rotateLeft(word * P2, 31) * P1;
            h = Long.rotateLeft(h, 27) * P1 + 0x85EBCA77C2B2AE63L;
            pos += Long.BYTES;
        }
        while (pos < end)
        {
            h ^= (buffer.getByte(pos) & 0xFFL) * P1;
            h = Long.rotateLeft(h, 11) * P2;
            pos++;
        }
        h ^= length;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
