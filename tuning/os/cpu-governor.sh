#!/usr/bin/env bash
# CPU frequency governor: 'performance' on every CPU, so a core that was idle does not
# have to ramp its clock up when the next market event arrives.
USAGE="usage: tuning/os/cpu-governor.sh [--apply]
Shows the CPU frequency governor of every CPU and what would change; --apply sets
'performance'. Not persistent across reboots: run it from a boot-time unit, or use
'cpupower frequency-set -g performance'."
source "$(dirname "$0")/lib.sh"
parse_common_args "$@"
[ ${#REST_ARGS[@]} -eq 0 ] || { echo "unknown argument: ${REST_ARGS[0]}" >&2; usage_and_exit 64; }

echo "CPU frequency governor (wanted: performance on every CPU)"
found=0
for governor in "$ROOT"/sys/devices/system/cpu/cpu[0-9]*/cpufreq/scaling_governor; do
    [ -e "$governor" ] || continue
    found=1
    set_file "$governor" performance "no clock ramp-up after idle"
done
if [ "$found" -eq 0 ]; then
    echo "  skip     no cpufreq governor under $ROOT/sys/devices/system/cpu (a VM, or frequency managed by firmware)"
fi
finish
