#!/usr/bin/env python3
"""The table bench/compare.sh prints: medians over every run of every round
of each pair, and the peer's median over funnel's.

    summary.py RAW_DIR WORK_DIR [PEER_NAME_FOR_LARGE]
"""
import glob
import json
import os
import platform
import statistics
import subprocess
import sys
from collections import defaultdict

raw, work = sys.argv[1], sys.argv[2]
base = len(sys.argv) > 3 and sys.argv[3]

times = defaultdict(lambda: defaultdict(list))
for path in sorted(glob.glob(os.path.join(raw, "*.json"))):
    name = os.path.basename(path).rsplit(".", 2)[0]
    for r in json.load(open(path))["results"]:
        times[name][r["command"]].extend(r["times"])

PEERS = {
    "task-add": ("add one task (10,000 tasks)", "taskwarrior 2.6"),
    "task-done": ("mark one done (10,000 tasks)", "taskwarrior 2.6"),
    "task-list": ("list 10,000 pending tasks", "taskwarrior 2.6"),
    "floor-add": ("add one task (10,000 tasks)", "floor"),
    "floor-done": ("mark one done (10,000 tasks)", "floor"),
    "orders-70000": ("70,000 orders: import + monthly metrics", "pandas"),
    "orders-1000000": ("1,000,000 orders: import + monthly metrics", "pandas"),
    "import-70000": ("70,000 orders: import alone (rollups built)", None),
    "import-1000000": ("1,000,000 orders: import alone (rollups built)", None),
    "summary-70000": ("70,000 orders: monthly metrics (stored)", "pandas"),
    "summary-1000000": ("1,000,000 orders: monthly metrics (stored)", "pandas"),
    "large-task-add": ("large set: task add", base),
    "large-task-done": ("large set: task done", base),
    "snapshot-tasks": ("large set: snapshot --tab tasks", base),
    "snapshot-plan": ("large set: snapshot --tab plan", base),
    "snapshot-kpis": ("large set: snapshot --tab kpis", base),
    "snapshot-strategy": ("large set: snapshot --tab strategy", base),
    "report": ("large set: report", base),
}


def ms(xs):
    return statistics.median(xs) * 1000


def fmt(v):
    return f"{v:,.1f} ms" if v < 10000 else f"{v / 1000:,.2f} s"


load = open("/proc/loadavg").read().split()[:3]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"Machine: {os.cpu_count()} CPUs, {cpu}; load average {' '.join(load)} at the end; "
      f"{platform.platform()}")
print()
print("| what | funnel median | peer | peer median | peer / funnel | runs |")
print("| --- | ---: | --- | ---: | ---: | ---: |")
for name, (what, peer) in PEERS.items():
    t = times.get(name)
    if not t:
        continue
    f = t.get("funnel", [])
    p = t.get("peer", [])
    row = f"| {what} | {fmt(ms(f))} |"
    if p and peer == "floor":
        # Against the floor the ratio is funnel's multiple of it.
        row += f" floor (bench/floor.rs) | {fmt(ms(p))} | funnel = {ms(f) / ms(p):,.2f}× the floor | {len(f)}+{len(p)} |"
    elif p:
        row += f" {peer} | {fmt(ms(p))} | {ms(p) / ms(f):,.1f}× | {len(f)}+{len(p)} |"
    else:
        row += f" | | | {len(f)} |"
    print(row)
    d = t.get("duckdb", [])
    if d:
        print(f"| {what} | {fmt(ms(f))} | DuckDB | {fmt(ms(d))} | {ms(d) / ms(f):,.1f}× | {len(f)}+{len(d)} |")

for extra, title in [("agree.txt", "Same numbers"), ("rss.txt", "Peak memory (KB, median of 5)"),
                     ("term-bytes.txt", "Bytes written to the terminal")]:
    path = os.path.join(work, extra)
    if os.path.exists(path):
        print(f"\n{title}:\n")
        for line in open(path):
            print(f"    {line.rstrip()}")
