#!/usr/bin/env bash
# Kernel boot parameters that make CPUs quiet for pinned threads:
#   isolcpus   the scheduler puts no thread there unless it is pinned there
#   nohz_full  no scheduler tick while one thread runs there
#   rcu_nocbs  RCU callbacks run on the housekeeping CPUs instead
USAGE="usage: tuning/os/boot-params.sh [--cpus LIST] [--apply]
Shows which of isolcpus, nohz_full and rcu_nocbs the running kernel was booted with for
LIST (default: every online CPU but 0 and 1, which stay for housekeeping), and what
would change. --apply writes /etc/default/grub.d/60-ferrum-isolation.cfg and runs
update-grub; the change takes effect at the next reboot."
source "$(dirname "$0")/lib.sh"
parse_common_args "$@"

cpus=""
set -- "${REST_ARGS[@]+"${REST_ARGS[@]}"}"
while [ $# -gt 0 ]; do
    case "$1" in
        --cpus) [ $# -ge 2 ] || { echo "--cpus needs a CPU list" >&2; usage_and_exit 64; }; cpus="$2"; shift ;;
        *) echo "unknown argument: $1" >&2; usage_and_exit 64 ;;
    esac
    shift
done

online="$(expand_cpus "$(online_cpus)")" || { echo "cannot read the online CPU list" >&2; exit 1; }
if [ -z "$cpus" ]; then
    isolate="$(minus_cpus "$online" "0 1")"
else
    isolate="$(expand_cpus "$cpus")" || { echo "--cpus '$cpus' is not a CPU list (e.g. 2-7)" >&2; usage_and_exit 64; }
    for cpu in $isolate; do
        [[ " $online " == *" $cpu "* ]] || { echo "--cpus: CPU $cpu is not online (online: $(online_cpus))" >&2; exit 64; }
    done
    [ -n "$(minus_cpus "$online" "$isolate")" ] || { echo "--cpus: leave at least one CPU for housekeeping" >&2; exit 64; }
fi

echo "Boot parameters for isolated CPUs (online: $(online_cpus))"
if [ -z "$isolate" ]; then
    echo "  skip     $(echo "$online" | wc -w) CPU(s) online: isolating needs at least 3 (2 housekeeping + 1)"
    finish
    exit $?
fi

list="$(compress_cpus "$isolate")"
cmdline=" $(cat "$ROOT/proc/cmdline" 2>/dev/null) "
missing=()
for param in "isolcpus=$list" "nohz_full=$list" "rcu_nocbs=$list"; do
    if [[ "$cmdline" == *" $param "* ]]; then
        echo "  ok       $param (in /proc/cmdline)"
    else
        current="$(tr ' ' '\n' <<< "$cmdline" | grep "^${param%%=*}=" || true)"
        echo "  missing  $param${current:+ (booted with $current)}"
        missing+=("$param")
    fi
done

if [ ${#missing[@]} -gt 0 ]; then
    write_config "$ROOT/etc/default/grub.d/60-ferrum-isolation.cfg" \
        "GRUB_CMDLINE_LINUX_DEFAULT=\"\$GRUB_CMDLINE_LINUX_DEFAULT isolcpus=$list nohz_full=$list rcu_nocbs=$list\"" \
        "boot parameters for isolated CPUs $list"
    if command -v update-grub > /dev/null 2>&1; then
        run_command "regenerate the boot loader configuration" update-grub
    else
        echo "  then     regenerate the boot loader configuration (update-grub, or grub2-mkconfig -o /boot/grub2/grub.cfg)"
    fi
    echo "  then     reboot; check with: cat /sys/devices/system/cpu/isolated /sys/devices/system/cpu/nohz_full"
fi
finish
