#!/usr/bin/env bash
# Bytes funnel writes to a real terminal: the dashboard runs in a tmux
# pane of 120x40 with every byte recorded (tests/terminal.rs,
# idle_writes_nothing_and_a_cursor_move_is_under_4_kb), idle for
# FUNNEL_IDLE_SECS (10 here), then five cursor moves on the Tasks tab
# and five period changes on the KPIs tab. Not run by CI.
#
#   bench/term-bytes.sh              # the small demo set
#   bench/term-bytes.sh /tmp/big-s.db   # a copy of a large database
#
# Prints one line: "bytes at 120x40: idle N in S s; cursor moves [...];
# KPIs period changes [...]". Exits non-zero when idle is not 0 bytes or
# a cursor move reaches 4 KB. Needs tmux.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then
    FUNNEL_BENCH_DB="$(realpath "$1")"
    export FUNNEL_BENCH_DB
fi
export FUNNEL_IDLE_SECS="${FUNNEL_IDLE_SECS:-10}"
out=$(cargo test --locked --quiet --test terminal idle_writes -- --nocapture 2>&1) || status=$?
grep -o 'bytes at 120x40:.*' <<<"$out" || echo "$out"
exit "${status:-0}"
