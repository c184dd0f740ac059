#!/usr/bin/env python3
"""Deterministic inputs for bench/compare.sh (standard library only).

    gen.py tasks N FUNNEL_JSON TASKWARRIOR_JSON
        the same N open tasks as a `funnel import` document and as a
        `task import` file;
    gen.py orders N CUSTOMERS CSV
        an order export: N orders from CUSTOMERS customers, 2024-01-01 to
        2026-10-31, in the columns a shop exports.
"""
import datetime as dt
import json
import random
import sys

TITLES = [
    "Write the newsletter", "Boost the launch post", "Call the print shop",
    "Draft the Tet gift email", "Check stock before Black Friday",
    "Update meta descriptions", "Film the cold brew video", "Plan next month's posts",
    "Reply to Zalo questions", "A/B test two ad creatives",
]
TAGS = ["ads", "content", "email", "seo", "ops", "zalo", "design"]
PRIORITIES = [("high", "H"), ("medium", "M"), ("low", "L")]


def tasks(n, funnel_path, tw_path):
    rnd = random.Random(7)
    start = dt.date(2026, 10, 1)
    stamp = "2026-10-01T08:00:00Z"
    ours, theirs = [], []
    for i in range(1, n + 1):
        title = f"{rnd.choice(TITLES)} {i}"
        tag = rnd.choice(TAGS)
        prio, letter = rnd.choice(PRIORITIES)
        due = (start + dt.timedelta(days=rnd.randrange(120))).isoformat()
        ours.append({
            "id": i, "title": title, "campaign": None, "assignee": None,
            "status": "todo", "priority": prio, "due": due, "tags": [tag],
            "notes": "", "follows_note": None, "created_at": stamp,
            "updated_at": stamp, "done_at": None,
        })
        theirs.append({
            "description": title, "status": "pending", "entry": "20261001T080000Z",
            "due": due.replace("-", "") + "T000000Z", "tags": [tag], "priority": letter,
            "uuid": f"00000000-0000-4000-8000-{i:012d}",
        })
    doc = {
        "funnel_export": 1, "message": {"brand_message": "", "positioning": ""},
        "metrics": [], "segments": [], "channels": [], "people": [], "tools": [],
        "budgets": [], "procedures": [], "objectives": [], "campaigns": [],
        "notes": [], "tasks": ours, "kpi_values": [], "orders": [],
    }
    with open(funnel_path, "w") as f:
        json.dump(doc, f)
    with open(tw_path, "w") as f:
        json.dump(theirs, f)


def orders(n, customers, path):
    rnd = random.Random(11)
    first = dt.date(2024, 1, 1)
    days = (dt.date(2026, 10, 31) - first).days + 1
    # Each customer shops in a window of their own, so some churn and return.
    spans = [(rnd.randrange(days), rnd.randrange(30, 400)) for _ in range(customers)]
    rows = []
    for _ in range(n):
        c = rnd.randrange(customers)
        begin, width = spans[c]
        day = min(begin + rnd.randrange(width), days - 1)
        rows.append((day, c, rnd.randrange(50, 3000) * 1000))
    rows.sort()
    with open(path, "w") as f:
        f.write("Order ID,Customer,Created at,Total\n")
        for i, (day, c, amount) in enumerate(rows, 1):
            f.write(f"O{i:07d},C{c:06d},{(first + dt.timedelta(days=day)).isoformat()},{amount}\n")


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "tasks":
        tasks(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif what == "orders":
        orders(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(__doc__)
