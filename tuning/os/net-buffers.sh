#!/usr/bin/env bash
# Socket buffer limits for Aeron's UDP transport: the media driver asks for SO_RCVBUF and
# SO_SNDBUF up to its receiver window and socket buffer settings, and the kernel silently
# caps the request at net.core.rmem_max / wmem_max (the driver then warns and a burst
# overflows the socket, which Aeron repairs with NAKs and retransmits: a latency spike).
USAGE="usage: tuning/os/net-buffers.sh [--apply]
Shows net.core.rmem_max and net.core.wmem_max and what would change: --apply raises
each to at least 2 MiB (2097152), now and in /etc/sysctl.d/60-ferrum-aeron.conf. Never
lowers a larger value."
source "$(dirname "$0")/lib.sh"
parse_common_args "$@"
[ ${#REST_ARGS[@]} -eq 0 ] || { echo "unknown argument: ${REST_ARGS[0]}" >&2; usage_and_exit 64; }

NEED=2097152
echo "Socket buffer limits for Aeron (wanted: at least $NEED bytes)"
raised=0
for name in rmem_max wmem_max; do
    file="$ROOT/proc/sys/net/core/$name"
    current="$(cat "$file" 2>/dev/null)"
    if [[ "$current" =~ ^[0-9]+$ ]] && [ "$current" -ge "$NEED" ]; then
        echo "  ok       $file = $current"
    else
        set_file "$file" "$NEED" "room for Aeron's socket buffers"
        raised=1
    fi
done
if [ "$raised" -eq 1 ]; then
    write_config "$ROOT/etc/sysctl.d/60-ferrum-aeron.conf" \
        "$(printf 'net.core.rmem_max = %s\nnet.core.wmem_max = %s' "$NEED" "$NEED")" \
        "keep the limits after a reboot"
fi
finish
