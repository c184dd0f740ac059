#!/usr/bin/env bash
# Whole-process comparisons of funnel with the tools a user would otherwise
# pick, on the same data in the same run (not run by CI):
#
#     bench/compare.sh
#
# It builds the release binary, installs its peers if they are missing
# (taskwarrior and hyperfine with apt-get, pandas and duckdb with pip), makes its
# inputs, and prints a table of medians and ratios that it also writes to
# bench/results/latest.md (raw hyperfine JSON beside it).
#
# Every pair runs in ROUNDS rounds; each round times the two commands back
# to back with hyperfine (RUNS runs each), so a load change on the shared
# machine hits both; the medians are over every run of every round.
#
# funnel's one-task commands are also timed beside the floor
# (bench/floor.rs: a process that opens the same file with the same pragmas
# and commits one inserted task row), as multiples of it.
#
# Environment: FUNNEL_BENCH_DB (a `funnel demo --scale large` file; made
# when unset, ~1 min), ROUNDS (3), RUNS (10), FUNNEL (the binary), FLOOR (the floor's), BASE
# (another funnel binary: adds base-vs-new pairs for the large data set),
# ONLY=orders (the order imports and metrics alone, against pandas and
# DuckDB), ONLY=tasks (the task commands alone, against taskwarrior and
# the floor).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/results
WORK=$(mktemp -d /tmp/funnel-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ROUNDS=${ROUNDS:-3}
RUNS=${RUNS:-10}
# An empty config: funnel refuses a config that is not a regular file
# (/dev/null included).
: >"$WORK/config.toml"
export FUNNEL_TODAY=2026-11-22 FUNNEL_CONFIG=$WORK/config.toml
mkdir -p "$OUT/raw"
rm -f "$OUT"/raw/*.json

need_apt=()
command -v task >/dev/null || need_apt+=(taskwarrior)
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
if ((${#need_apt[@]})); then
    apt-get update
    apt-get install -y "${need_apt[@]}"
fi
[[ ${ONLY:-} == tasks ]] || python3 -c 'import pandas' 2>/dev/null || pip install pandas
[[ ${ONLY:-} == tasks ]] || python3 -c 'import duckdb' 2>/dev/null || pip install duckdb

TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
if [[ -z ${FUNNEL:-} ]]; then
    (cd "$ROOT" && cargo build --release --locked)
    FUNNEL=$TARGET/release/funnel
fi
cp "$FUNNEL" "$WORK/funnel"
F=$WORK/funnel
# The floor: start, open with funnel's pragmas, insert one task, commit.
if [[ -z ${FLOOR:-} ]]; then
    (cd "$ROOT" && cargo build --release --locked --example floor)
    FLOOR=$TARGET/release/examples/floor
fi
cp "$FLOOR" "$WORK/floor"

# pair NAME RUNS CMD_FUNNEL CMD_PEER [PREPARE_FUNNEL PREPARE_PEER [CMD_DUCKDB]]
# (PEER may be "" for a funnel-only measurement; a DuckDB command is timed
# in the same rounds, after the other two, with no preparation.)
pair() {
    local name=$1 runs=$2 a=$3 b=$4 pa=${5:-} pb=${6:-} c=${7:-}
    local args=(--style none --warmup 1 --runs "$runs")
    # hyperfine takes one --prepare for all commands, or one per command.
    if [[ -n $pa && -z $c ]]; then
        args+=(--prepare "$pa")
        [[ -n $b && -n $pb ]] && args+=(--prepare "$pb")
    elif [[ -n $pa ]]; then
        args+=(--prepare "$pa")
        [[ -n $b ]] && args+=(--prepare "${pb:-true}")
        args+=(--prepare true)
    fi
    local cmds=(-n funnel "$a")
    [[ -n $b ]] && cmds+=(-n peer "$b")
    [[ -n $c ]] && cmds+=(-n duckdb "$c")
    for ((r = 1; r <= ROUNDS; r++)); do
        hyperfine "${args[@]}" --export-json "$OUT/raw/$name.$r.json" "${cmds[@]}" >/dev/null
    done
    echo "measured: $name" >&2
}

# --- task operations: the same 10,000 open tasks in both ---------------
if [[ ${ONLY:-} != orders ]]; then
python3 "$ROOT/bench/gen.py" tasks 10000 "$WORK/tasks.json" "$WORK/tw.json"
"$F" --db "$WORK/tasks.db" import "$WORK/tasks.json" >/dev/null
mkdir -p "$WORK/tw/data"
# gc=off: taskwarrior does not renumber on every command (faster for it,
# and it keeps task 5000 addressable); no hooks; no news nag; quiet.
printf '%s\n' "data.location=$WORK/tw/data" confirmation=off gc=off hooks=off \
    news.version=2.6.0 verbose=nothing >"$WORK/tw/taskrc"
export TASKRC=$WORK/tw/taskrc
task import "$WORK/tw.json" >/dev/null 2>&1
[[ $(task count) == 10000 ]] || { echo "taskwarrior import failed" >&2; exit 1; }
T="task"
pair task-add "$RUNS" \
    "$F --db $WORK/tasks.db task add 'Write the newsletter' --due 2026-12-01 --tag seo --priority high" \
    "$T add 'Write the newsletter' due:2026-12-01 +seo priority:H"
pair task-done "$RUNS" \
    "$F --db $WORK/tasks.db task done 5000" "$T 5000 done" \
    "$F --db $WORK/tasks.db task edit 5000 --status todo" "$T 5000 modify status:pending"
pair task-list "$RUNS" "$F --db $WORK/tasks.db task list" "$T list"
# The same commands against the floor, on a copy of the same file (the
# floor's rows go to the copy, so both keep 10,000 open tasks).
cp "$WORK/tasks.db" "$WORK/floor.db"
pair floor-add "$RUNS" \
    "$F --db $WORK/tasks.db task add 'Write the newsletter' --due 2026-12-01 --tag seo --priority high" \
    "$WORK/floor $WORK/floor.db"
pair floor-done "$RUNS" \
    "$F --db $WORK/tasks.db task done 5000" "$WORK/floor $WORK/floor.db" \
    "$F --db $WORK/tasks.db task edit 5000 --status todo" true
fi
if [[ ${ONLY:-} == tasks ]]; then
    python3 "$ROOT/bench/summary.py" "$OUT/raw" "$WORK" | tee "$OUT/latest.md"
    exit 0
fi

# --- order-derived monthly customer metrics against pandas -------------
months="--period month --from 2024-01-01 --to 2026-10-31 --json"
for n in 70000 1000000; do
    python3 "$ROOT/bench/gen.py" orders "$n" $((n / 10)) "$WORK/orders$n.csv"
    db=$WORK/orders$n.db
    "$F" --db "$db" orders import "$WORK/orders$n.csv" >/dev/null 2>&1
    "$F" --db "$db" kpi show $months >"$WORK/funnel$n.json"
    for peer in pandas duckdb; do
        python3 "$ROOT/bench/${peer}_metrics.py" "$WORK/orders$n.csv" 2026-11-22 >"$WORK/$peer$n.csv"
        python3 - "$WORK/funnel$n.json" "$WORK/$peer$n.csv" "$n" "$peer" >>"$WORK/agree.txt" <<'PY'
import csv, json, sys
ours = {r["period"]: r for r in json.load(open(sys.argv[1]))}
fields = ["new_customers", "churned_customers", "reactivated_customers", "customers_end"]
bad = 0
theirs = {}
for row in csv.DictReader(open(sys.argv[2])):
    theirs[row["month"]] = [int(row[f]) for f in fields]
    bad += [ours[row["month"]][f] for f in fields] != theirs[row["month"]]
print(f"{int(sys.argv[3]):,} orders, 2026-10 (new, churned, reactivated, customers at end): "
      f"funnel {[ours['2026-10'][f] for f in fields]}, {sys.argv[4]} {theirs['2026-10']}; "
      f"months that differ: {bad} of {len(theirs)}")
PY
    done
    runs=$((n > 100000 ? 5 : RUNS))
    pair "orders-$n" "$runs" \
        "$F --db $WORK/fresh.db orders import $WORK/orders$n.csv >/dev/null && $F --db $WORK/fresh.db kpi show $months" \
        "python3 $ROOT/bench/pandas_metrics.py $WORK/orders$n.csv 2026-11-22" \
        "rm -f $WORK/fresh.db $WORK/fresh.db-wal $WORK/fresh.db-shm" "" \
        "python3 $ROOT/bench/duckdb_metrics.py $WORK/orders$n.csv 2026-11-22"
    # The import alone (the orders stored, the rollups built).
    pair "import-$n" "$runs" "$F --db $WORK/fresh.db orders import $WORK/orders$n.csv" "" \
        "rm -f $WORK/fresh.db $WORK/fresh.db-wal $WORK/fresh.db-shm"
    for i in 1 2 3 4 5; do
        rm -f "$WORK/fresh.db" "$WORK/fresh.db-wal" "$WORK/fresh.db-shm"
        /usr/bin/time -f %M "$F" --db "$WORK/fresh.db" orders import "$WORK/orders$n.csv" 2>&1 >/dev/null | tail -1
    done | sort -n | sed -n 3p | sed "s/^/rss orders-import-$n /" >>"$WORK/rss.txt"
    # The peers' peak memory for the same file (they store nothing).
    for peer in pandas duckdb; do
        for i in 1 2 3 4 5; do
            /usr/bin/time -f %M python3 "$ROOT/bench/${peer}_metrics.py" "$WORK/orders$n.csv" 2026-11-22 2>&1 >/dev/null | tail -1
        done | sort -n | sed -n 3p | sed "s/^/rss $peer-$n /" >>"$WORK/rss.txt"
    done
    pair "summary-$n" "$runs" "$F --db $db kpi show $months" \
        "python3 $ROOT/bench/pandas_metrics.py $WORK/orders$n.csv 2026-11-22" "" "" \
        "python3 $ROOT/bench/duckdb_metrics.py $WORK/orders$n.csv 2026-11-22"
done

# --- the large data set: task writes, snapshots, report ----------------
if [[ ${ONLY:-} == orders ]]; then
    python3 "$ROOT/bench/summary.py" "$OUT/raw" "$WORK" | tee "$OUT/latest.md"
    exit 0
fi
if [[ -z ${FUNNEL_BENCH_DB:-} ]]; then
    FUNNEL_BENCH_DB=$WORK/made-large.db
    "$F" demo --scale large --db "$FUNNEL_BENCH_DB" >/dev/null
fi
big=$WORK/large.db
cp "$FUNNEL_BENCH_DB" "$big"
B=${BASE:+$WORK/base}
[[ -n $B ]] && cp "$BASE" "$B"
peer() { [[ -n $B ]] && echo "$B ${1#"$F "}" || true; }
add="$F --db $big task add 'Write the newsletter' --due 2026-12-01 --tag seo"
pair large-task-add "$RUNS" "$add" "$(peer "$add")"
done_="$F --db $big task done 5000"
undo="$F --db $big task edit 5000 --status todo"
pair large-task-done "$RUNS" "$done_" "$(peer "$done_")" "$undo" "${B:+$undo}"
for tab in tasks plan kpis strategy; do
    c="$F --db $big snapshot --tab $tab --size 120x40"
    pair "snapshot-$tab" "$RUNS" "$c" "$(peer "$c")"
done
c="$F --db $big report"
pair report "$RUNS" "$c" "$(peer "$c")"

# Peak memory (max RSS), median of five runs of each.
for tab in tasks plan kpis strategy; do
    for i in 1 2 3 4 5; do
        /usr/bin/time -f %M "$F" --db "$big" snapshot --tab "$tab" --size 120x40 2>&1 >/dev/null | tail -1
    done | sort -n | sed -n 3p | sed "s/^/rss snapshot-$tab /" >>"$WORK/rss.txt"
done

if [[ -x $ROOT/bench/term-bytes.sh ]]; then
    "$ROOT/bench/term-bytes.sh" "$big" >"$WORK/term-bytes.txt" 2>&1 || echo "term-bytes.sh failed" >>"$WORK/term-bytes.txt"
fi

python3 "$ROOT/bench/summary.py" "$OUT/raw" "$WORK" "${BASE:+base}" | tee "$OUT/latest.md"
