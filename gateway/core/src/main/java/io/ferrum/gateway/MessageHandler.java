package io.ferrum.gateway;

import org.agrona.DirectBuffer;

/** Receives one SBE message (header included). */
@FunctionalInterface
public interface MessageHandler
{
    void onMessage(DirectBuffer buffer, int offset, int length);
}
