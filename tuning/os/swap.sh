#!/usr/bin/env bash
# No swap: a page of the engine's state swapped out costs a disk read on the hot path.
USAGE="usage: tuning/os/swap.sh [--apply]
Shows active swap and vm.swappiness and what would change: --apply sets vm.swappiness=1
(now, and in /etc/sysctl.d/60-ferrum-swap.conf) and turns swap off (swapoff -a). Remove
swap entries from /etc/fstab yourself to keep it off after a reboot."
source "$(dirname "$0")/lib.sh"
parse_common_args "$@"
[ ${#REST_ARGS[@]} -eq 0 ] || { echo "unknown argument: ${REST_ARGS[0]}" >&2; usage_and_exit 64; }

echo "Swap (wanted: none active, vm.swappiness=1)"
swappiness="$ROOT/proc/sys/vm/swappiness"
if [ "$(cat "$swappiness" 2>/dev/null)" != "1" ]; then
    set_file "$swappiness" 1 "the kernel keeps anonymous memory in RAM"
    write_config "$ROOT/etc/sysctl.d/60-ferrum-swap.conf" "vm.swappiness = 1" "keep vm.swappiness=1 after a reboot"
else
    echo "  ok       $swappiness = 1"
fi
active="$(tail -n +2 "$ROOT/proc/swaps" 2>/dev/null | awk '{print $1}' | paste -sd' ' -)"
if [ -n "$active" ]; then
    echo "  active   swap: $active"
    run_command "no page of the process is ever swapped out" swapoff -a
    echo "  then     remove or comment the swap lines of /etc/fstab"
else
    echo "  ok       no active swap"
fi
finish
