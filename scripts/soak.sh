#!/usr/bin/env bash
# Soak: the dashboard open in tmux for MINUTES (default 30) while another
# process commits a change every second, as a cron job or an SSH user would.
# Reports the largest -wal file seen (must stay under 16 MB), the TUI's
# resident memory at the start and the end (must not grow), and whether the
# screen still shows the latest write. Exits non-zero when a bound fails.
#
#   scripts/soak.sh [MINUTES]          # FUNNEL_BIN=path to use another binary
set -euo pipefail

minutes=${1:-30}
case $minutes in '' | *[!0-9]*)
    echo "usage: $0 [MINUTES]" >&2
    exit 2
    ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${FUNNEL_BIN:-}
if [[ -z $bin ]]; then
    (cd "$root" && cargo build --release --locked --quiet)
    bin=$root/target/release/funnel
fi
command -v tmux >/dev/null || {
    echo "soak needs tmux" >&2
    exit 2
}

dir=$(mktemp -d)
session=funnel-soak-$$
db=$dir/soak.db
cleanup() {
    tmux kill-session -t "$session" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT

"$bin" --db "$db" demo >/dev/null
watched=$("$bin" --db "$db" task add "soak 0" --due today --priority high | grep -o '[0-9]\+' | head -1)
tmux new-session -d -s "$session" -x 120 -y 40 "exec '$bin' --db '$db'"
sleep 2
pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }
rss_start=$(rss)

wal_max=0
end=$((SECONDS + minutes * 60))
n=0
failed_writes=0
while ((SECONDS < end)); do
    n=$((n + 1))
    title="soak $n $(date +%H:%M:%S)"
    "$bin" --db "$db" task edit "$watched" --title "$title" >/dev/null || failed_writes=$((failed_writes + 1))
    wal=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
    ((wal > wal_max)) && wal_max=$wal
    if ((n % 60 == 0)); then
        echo "soak: $n writes, wal max $((wal_max / 1024)) KiB, TUI RSS $(rss) KiB"
    fi
    sleep 1
done
sleep 2
rss_end=$(rss)
if tmux capture-pane -p -t "$session" | grep -qF "$title"; then current=yes; else current=no; fi

echo "soak: $minutes min, $n writes ($failed_writes failed), -wal max $((wal_max / 1024)) KiB," \
    "TUI RSS start $rss_start KiB, end $rss_end KiB, screen shows the last write: $current"
status=0
((wal_max < 16 * 1024 * 1024)) || { echo "FAIL: -wal reached $wal_max bytes" >&2; status=1; }
# Allocator noise of a few MB is not growth; a leak per reload is.
((rss_end <= rss_start + 8192)) || { echo "FAIL: TUI memory grew" >&2; status=1; }
[[ $current == yes ]] || { echo "FAIL: the screen does not show '$title'" >&2; status=1; }
((failed_writes == 0)) || { echo "FAIL: $failed_writes writes failed" >&2; status=1; }
exit $status
