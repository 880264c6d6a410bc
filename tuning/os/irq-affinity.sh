#!/usr/bin/env bash
# Hardware interrupts on the housekeeping CPUs only, so that a NIC or disk interrupt never
# preempts a pinned thread on an isolated CPU.
USAGE="usage: tuning/os/irq-affinity.sh [--housekeeping LIST] [--apply]
Shows which CPUs each IRQ may run on and what would change. LIST defaults to the online
CPUs that are not isolated (/sys/devices/system/cpu/isolated). --apply writes
/proc/irq/*/smp_affinity_list and the default for new IRQs, and stops irqbalance, which
would move them back. Not persistent: run it from a boot-time unit."
source "$(dirname "$0")/lib.sh"
parse_common_args "$@"

housekeeping=""
set -- "${REST_ARGS[@]+"${REST_ARGS[@]}"}"
while [ $# -gt 0 ]; do
    case "$1" in
        --housekeeping) [ $# -ge 2 ] || { echo "--housekeeping needs a CPU list" >&2; usage_and_exit 64; }; housekeeping="$2"; shift ;;
        *) echo "unknown argument: $1" >&2; usage_and_exit 64 ;;
    esac
    shift
done

online="$(expand_cpus "$(online_cpus)")" || { echo "cannot read the online CPU list" >&2; exit 1; }
isolated_list="$(cat "$ROOT/sys/devices/system/cpu/isolated" 2>/dev/null | tr -d '[:space:]')"
if [ -n "$housekeeping" ]; then
    keep="$(expand_cpus "$housekeeping")" || { echo "--housekeeping '$housekeeping' is not a CPU list (e.g. 0-1)" >&2; usage_and_exit 64; }
elif [ -n "$isolated_list" ]; then
    isolated="$(expand_cpus "$isolated_list")" || { echo "cannot parse the isolated CPU list '$isolated_list'" >&2; exit 1; }
    keep="$(minus_cpus "$online" "$isolated")"
else
    echo "IRQ affinity"
    echo "  skip     no CPU is isolated on this host, so IRQs may stay on every CPU (isolate CPUs first: tuning/os/boot-params.sh)"
    finish
    exit $?
fi
[ -n "$keep" ] || { echo "no housekeeping CPU left for IRQs" >&2; exit 64; }
keep_list="$(compress_cpus "$keep")"

echo "IRQ affinity (wanted: every IRQ on housekeeping CPUs $keep_list)"
mask=0
for cpu in $keep; do
    [ "$cpu" -lt 63 ] && mask=$((mask | (1 << cpu)))
done
default_file="$ROOT/proc/irq/default_smp_affinity"
if [ -e "$default_file" ]; then
    current_hex="$(tr -d ',[:space:]' < "$default_file")"
    if [[ "$current_hex" =~ ^[0-9a-fA-F]{1,15}$ ]] && [ $((16#$current_hex)) -eq "$mask" ]; then
        echo "  ok       $default_file = $current_hex"
    else
        set_file "$default_file" "$(printf '%x' "$mask")" "new IRQs start on housekeeping CPUs"
    fi
fi
for affinity in "$ROOT"/proc/irq/[0-9]*/smp_affinity_list; do
    [ -e "$affinity" ] || continue
    set_file "$affinity" "$keep_list" "keep the interrupt off isolated CPUs"
done
if live_system && command -v systemctl > /dev/null 2>&1 && systemctl is-active --quiet irqbalance 2>/dev/null; then
    run_command "irqbalance would spread the IRQs back over every CPU" systemctl disable --now irqbalance
fi
finish
