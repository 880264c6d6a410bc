# Shared by the tuning/os/*.sh scripts; sourced, never run.
#
# Every script shows what it would change and changes nothing unless given --apply.
# FERRUM_HOST_ROOT (default: empty, i.e. the real /) prefixes every /proc, /sys and /etc
# path, so that tests can run the scripts against a fake tree; commands that act on the
# running system rather than on a file (swapoff, update-grub, systemctl) run only when
# FERRUM_HOST_ROOT is empty.

set -u

ROOT="${FERRUM_HOST_ROOT:-}"
APPLY=0
CHANGES=0
FAILURES=0

# usage_and_exit <status>: prints the calling script's USAGE.
usage_and_exit()
{
    printf '%s\n' "$USAGE"
    exit "$1"
}

# parse_common_args "$@": handles --apply and --help; puts the rest in REST_ARGS.
parse_common_args()
{
    REST_ARGS=()
    while [ $# -gt 0 ]; do
        case "$1" in
            --apply) APPLY=1 ;;
            -h|--help) usage_and_exit 0 ;;
            *) REST_ARGS+=("$1") ;;
        esac
        shift
    done
    if [ "$APPLY" -eq 1 ] && [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then
        echo "--apply needs root (run with sudo)" >&2
        exit 1
    fi
}

live_system()
{
    [ -z "$ROOT" ]
}

# selected <sysfs file>: the [bracketed] choice of a sysfs selector, or the whole value.
selected()
{
    local value
    value="$(cat "$1" 2>/dev/null)" || return 1
    if [[ "$value" =~ \[([^]]+)\] ]]; then
        printf '%s\n' "${BASH_REMATCH[1]}"
    else
        printf '%s\n' "$value"
    fi
}

# set_file <file> <wanted> <why>: shows the change and, with --apply, writes it.
set_file()
{
    local file="$1" wanted="$2" why="$3" current
    if [ ! -e "$file" ]; then
        echo "  skip     $file: not present on this host"
        return 0
    fi
    current="$(selected "$file")" || current="(unreadable)"
    if [ "$current" = "$wanted" ]; then
        echo "  ok       $file = $wanted"
        return 0
    fi
    CHANGES=$((CHANGES + 1))
    if [ "$APPLY" -eq 1 ]; then
        if printf '%s\n' "$wanted" > "$file" 2>/dev/null; then
            echo "  changed  $file: $current -> $wanted ($why)"
        else
            echo "  FAILED   $file: could not write $wanted (kernel refused)"
            FAILURES=$((FAILURES + 1))
        fi
    else
        echo "  change   $file: $current -> $wanted ($why)"
        echo "           command: echo $wanted | sudo tee $file"
    fi
}

# write_config <file> <content> <why>: a drop-in config file, shown or written.
write_config()
{
    local file="$1" content="$2" why="$3"
    if [ -f "$file" ] && [ "$(cat "$file")" = "$content" ]; then
        echo "  ok       $file is in place"
        return 0
    fi
    CHANGES=$((CHANGES + 1))
    if [ "$APPLY" -eq 1 ]; then
        mkdir -p "$(dirname "$file")" && printf '%s\n' "$content" > "$file" \
            && echo "  written  $file ($why)" \
            || { echo "  FAILED   $file: could not write"; FAILURES=$((FAILURES + 1)); }
    else
        echo "  write    $file ($why):"
        printf '%s\n' "$content" | sed 's/^/             /'
    fi
}

# run_command <why> <command...>: a command on the live system, shown or run.
run_command()
{
    local why="$1"
    shift
    CHANGES=$((CHANGES + 1))
    if [ "$APPLY" -eq 1 ] && live_system; then
        if "$@"; then
            echo "  ran      $* ($why)"
        else
            echo "  FAILED   $*"
            FAILURES=$((FAILURES + 1))
        fi
    elif [ "$APPLY" -eq 1 ]; then
        echo "  not run  $* (FERRUM_HOST_ROOT is set: not the live system)"
    else
        echo "  run      $* ($why)"
    fi
}

# online_cpus: the kernel's list of online CPUs, e.g. 0-7.
online_cpus()
{
    cat "$ROOT/sys/devices/system/cpu/online" 2>/dev/null || echo "0"
}

# expand_cpus <list>: 0-2,5 -> "0 1 2 5"; fails on anything that is not a CPU list.
expand_cpus()
{
    local part from to cpu out=()
    local parts
    IFS=',' read -r -a parts <<< "$1"
    [ ${#parts[@]} -gt 0 ] || return 1
    for part in "${parts[@]}"; do
        if [[ "$part" =~ ^([0-9]{1,4})-([0-9]{1,4})$ ]]; then
            from=$((10#${BASH_REMATCH[1]})); to=$((10#${BASH_REMATCH[2]}))
            [ "$from" -le "$to" ] || return 1
            for ((cpu = from; cpu <= to; cpu++)); do out+=("$cpu"); done
        elif [[ "$part" =~ ^[0-9]{1,4}$ ]]; then
            out+=("$((10#$part))")
        else
            return 1
        fi
    done
    echo "${out[*]}"
}

# compress_cpus "0 1 2 5": the kernel's canonical list, 0-2,5 (input sorted, no duplicates).
compress_cpus()
{
    local out="" from="" prev="" cpu
    for cpu in $1; do
        if [ -n "$prev" ] && [ "$cpu" -eq $((prev + 1)) ]; then
            prev="$cpu"
            continue
        fi
        [ -n "$from" ] && out+="$( [ -n "$out" ] && echo ,)$( [ "$from" = "$prev" ] && echo "$from" || echo "$from-$prev")"
        from="$cpu"; prev="$cpu"
    done
    [ -n "$from" ] && out+="$( [ -n "$out" ] && echo ,)$( [ "$from" = "$prev" ] && echo "$from" || echo "$from-$prev")"
    echo "$out"
}

# minus_cpus "<cpus>" "<cpus to remove>": both space separated, result space separated.
minus_cpus()
{
    local cpu out=()
    for cpu in $1; do
        [[ " $2 " == *" $cpu "* ]] || out+=("$cpu")
    done
    echo "${out[*]}"
}

# finish: the summary line and the exit status (0 unless an --apply step failed).
finish()
{
    if [ "$CHANGES" -eq 0 ]; then
        echo "nothing to change"
    elif [ "$APPLY" -eq 1 ]; then
        echo "$CHANGES change(s) applied, $FAILURES failed"
    else
        echo "$CHANGES change(s) needed; nothing was changed (run again with --apply)"
    fi
    [ "$FAILURES" -eq 0 ]
}
