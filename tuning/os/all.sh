#!/usr/bin/env bash
# Every OS script in order; the same flags are passed to each (--apply or none).
USAGE="usage: tuning/os/all.sh [--apply]
Runs cpu-governor, boot-params, irq-affinity, thp, swap and net-buffers in turn.
Without --apply nothing is changed. Exit status: 0 unless a step failed."
source "$(dirname "$0")/lib.sh"
parse_common_args "$@"
[ ${#REST_ARGS[@]} -eq 0 ] || { echo "unknown argument: ${REST_ARGS[0]}" >&2; usage_and_exit 64; }

status=0
for script in cpu-governor boot-params irq-affinity thp swap net-buffers; do
    if [ "$APPLY" -eq 1 ]; then
        bash "$(dirname "$0")/$script.sh" --apply || status=1
    else
        bash "$(dirname "$0")/$script.sh" || status=1
    fi
    echo
done
exit "$status"
