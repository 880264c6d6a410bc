#!/usr/bin/env bash
# Transparent huge pages only where asked for (madvise): the JVM asks for its heap
# (-XX:+UseTransparentHugePages, pre-touched at start), nothing else gets them, and
# khugepaged does not stop the process later to collapse pages.
USAGE="usage: tuning/os/thp.sh [--apply]
Shows the transparent huge page settings and what would change: enabled=madvise,
defrag=madvise, shmem_enabled=advise (ZGC on JDK 25 backs its heap with shared memory),
khugepaged/defrag=0. Not persistent: add transparent_hugepage=madvise to the boot
parameters, or run it from a boot-time unit."
source "$(dirname "$0")/lib.sh"
parse_common_args "$@"
[ ${#REST_ARGS[@]} -eq 0 ] || { echo "unknown argument: ${REST_ARGS[0]}" >&2; usage_and_exit 64; }

thp="$ROOT/sys/kernel/mm/transparent_hugepage"
echo "Transparent huge pages (wanted: only where the JVM asks)"
set_file "$thp/enabled" madvise "huge pages for the madvised JVM heap only"
set_file "$thp/defrag" madvise "compaction only for madvised memory, at pre-touch time"
set_file "$thp/shmem_enabled" advise "ZGC's shared-memory heap can use huge pages"
set_file "$thp/khugepaged/defrag" 0 "no background collapsing that takes the process's memory lock"
finish
