use chrono::{Days, Duration};
use proptest::prelude::*;

use super::*;
use crate::domain::{Priority, TaskStatus};
use crate::taskview::testdata::{line, sunday};
use crate::taskview::{group, sort_rows};

const WORDS: [&str; 4] = ["viết bài", "gửi email", "seo", "tet"];
const FILTERS: [&str; 8] = [
    "",
    "t",
    "te",
    "is:open",
    "-status:done seo",
    "p:high,low",
    "due:<+3d",
    "stauts:done",
];

/// A task from numbers a test generated: `n` picks every field.
fn random_line(id: i64, n: u64) -> TaskLine {
    let mut l = line(id, WORDS[(n % 4) as usize]);
    let pick = |shift: u32, of: u64| (n >> shift) % of;
    l.task.status = TaskStatus::ALL[pick(2, 4) as usize];
    l.task.priority = [Priority::High, Priority::Medium, Priority::Low][pick(4, 3) as usize];
    l.task.due = (pick(6, 5) > 0).then(|| sunday() + Duration::days(pick(9, 30) as i64 - 10));
    l.campaign_end = (pick(14, 3) == 0).then(|| sunday() + Duration::days(pick(16, 14) as i64 - 3));
    l.campaign = l.campaign_end.map(|_| "Tết 2027".into());
    // Few distinct creation times and done times, so ties are common.
    l.task.created_at =
        l.task.created_at - Duration::minutes(id) + Duration::minutes(pick(20, 3) as i64);
    l.task.done_at = (l.task.status == TaskStatus::Done && pick(22, 3) > 0)
        .then(|| l.task.created_at + Duration::hours(pick(24, 2) as i64));
    l
}

#[derive(Debug, Clone)]
enum Op {
    /// `s`, Space, `+`, `-`, `p`: a quick change to one task.
    Status(usize),
    Done(usize),
    Later(usize),
    Earlier(usize),
    Priority(usize),
    /// The form: a new title, or a campaign that ends soon.
    Edit(usize, u64),
    Add(u64),
    Delete(usize),
    /// Another process changed a task; everything is read again.
    Outside(usize, u64),
    Filter(usize),
    Sort,
    Grouping,
    NextDay,
    ShowDone,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => any::<usize>().prop_map(Op::Status),
        3 => any::<usize>().prop_map(Op::Done),
        2 => any::<usize>().prop_map(Op::Later),
        2 => any::<usize>().prop_map(Op::Earlier),
        2 => any::<usize>().prop_map(Op::Priority),
        2 => (any::<usize>(), any::<u64>()).prop_map(|(i, n)| Op::Edit(i, n)),
        1 => any::<u64>().prop_map(Op::Add),
        1 => any::<usize>().prop_map(Op::Delete),
        1 => (any::<usize>(), any::<u64>()).prop_map(|(i, n)| Op::Outside(i, n)),
        1 => (0..FILTERS.len()).prop_map(Op::Filter),
        1 => Just(Op::Sort),
        1 => Just(Op::Grouping),
        1 => Just(Op::NextDay),
        1 => Just(Op::ShowDone),
    ]
}

/// The line at `i` (any number, wrapped), changed by `change`.
fn changed(tab: &TasksTab, i: usize, change: impl FnOnce(&mut TaskLine)) -> Option<TaskLine> {
    let lines = tab.lines.lines();
    let mut l = lines.get(i % lines.len().max(1))?.clone();
    change(&mut l);
    Some(l)
}

fn apply(tab: &mut TasksTab, op: &Op, today: &mut NaiveDate, next_id: &mut i64) {
    let day = *today;
    let put = |tab: &mut TasksTab, l: Option<TaskLine>, follow: bool| {
        if let Some(l) = l {
            tab.put(l, day, follow);
        }
    };
    match *op {
        Op::Status(i) => {
            let l = changed(tab, i, |l| {
                l.task.status = l.task.status.cycled();
                l.task.done_at = (l.task.status == TaskStatus::Done)
                    .then(|| l.task.created_at + Duration::hours(1));
            });
            put(tab, l, true);
        }
        Op::Done(i) => {
            let l = changed(tab, i, |l| {
                let done = l.task.status != TaskStatus::Done;
                l.task.status = if done {
                    TaskStatus::Done
                } else {
                    TaskStatus::Todo
                };
                l.task.done_at = done.then(|| l.task.created_at + Duration::hours(2));
            });
            // As Space, or as the same change retried after a wait.
            put(tab, l, i % 2 == 0);
        }
        Op::Later(i) | Op::Earlier(i) => {
            let later = matches!(op, Op::Later(_));
            let l = changed(tab, i, |l| {
                l.task.due = Some(match l.task.due {
                    None => day,
                    Some(d) if later => d + Days::new(1),
                    Some(d) => d - Days::new(1),
                });
            });
            put(tab, l, true);
        }
        Op::Priority(i) => {
            let l = changed(tab, i, |l| {
                l.task.priority = match l.task.priority {
                    Priority::High => Priority::Medium,
                    Priority::Medium => Priority::Low,
                    Priority::Low => Priority::High,
                };
            });
            put(tab, l, true);
        }
        Op::Edit(i, n) => {
            let l = changed(tab, i, |l| {
                let other = random_line(l.task.id.0, n);
                l.task.title = other.task.title;
                l.campaign = other.campaign;
                l.campaign_end = other.campaign_end;
            });
            put(tab, l, true);
        }
        Op::Add(n) => {
            *next_id += 1;
            put(tab, Some(random_line(*next_id, n)), true);
        }
        Op::Delete(i) => {
            if let Some(l) = changed(tab, i, |_| {}) {
                tab.drop_task(l.task.id, day);
            }
        }
        Op::Outside(i, n) => {
            let mut lines = tab.lines.lines().to_vec();
            let len = lines.len().max(1);
            if let Some(l) = lines.get_mut(i % len) {
                *l = random_line(l.task.id.0, n);
            }
            tab.reload(lines, day);
        }
        Op::Filter(f) => tab.set_filter(FILTERS[f], day),
        Op::Sort => {
            tab.sort = tab.sort.cycled();
            tab.refresh(day);
        }
        Op::Grouping => {
            tab.grouping = tab.grouping.cycled();
            tab.refresh(day);
        }
        Op::NextDay => {
            // The "next" order and the due groups move with the day.
            *today = day + Days::new(1);
            tab.refresh(*today);
        }
        Op::ShowDone => tab.toggle_done_shown(day),
    }
}

/// What the tab must show: every line filtered, sorted and grouped
/// from scratch.
fn assert_as_if_sorted_anew(tab: &TasksTab, today: NaiveDate) {
    let lines = tab.lines.lines();
    let mut want = tab.lines.filter(&tab.filter);
    let matched = want.len();
    if tab.hides_done() {
        want.retain(|&i| !tab.hidden(&lines[i]));
    }
    assert_eq!(tab.hidden_done, matched - want.len(), "done hidden");
    sort_rows(lines, &mut want, tab.sort, today);
    assert_eq!(tab.visible, want, "order after the filter");
    let mut all: Vec<usize> = (0..lines.len()).collect();
    sort_rows(lines, &mut all, tab.sort, today);
    assert_eq!(tab.order, all, "order of every line");
    assert_eq!(tab.shown, want.len());
    assert_eq!(tab.counts, crate::taskview::status_counts(lines, &want));
    let mut rows = Vec::new();
    for g in group(lines, &want, tab.grouping, today, tab.week_start) {
        if tab.grouping != Grouping::None {
            rows.push(Row::Heading(g.key, g.rows.len()));
        }
        rows.extend(g.rows.iter().map(|i| Row::Task(*i)));
    }
    assert_eq!(tab.rows, rows, "rows");
    for (c, col) in tab.columns.iter().enumerate() {
        let want_col: Vec<usize> = want
            .iter()
            .copied()
            .filter(|&i| lines[i].task.status.index() == c)
            .collect();
        assert_eq!(*col, want_col, "column {c}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Moving one changed row into place, filtering the sorted lines
    /// and dropping a deleted one give the tab exactly what sorting and
    /// grouping everything again gives, whatever the keys pressed.
    #[test]
    fn incremental_order_equals_a_full_sort(
        seeds in prop::collection::vec(any::<u64>(), 0..40),
        ops in prop::collection::vec(op(), 1..40),
    ) {
        let lines: Vec<TaskLine> = seeds
            .iter()
            .enumerate()
            // Ids out of line order, as after edits in a real file.
            .map(|(k, &n)| random_line(((k as i64) * 7919) % 1000 + 1000 * (k as i64 % 2), n))
            .collect();
        let mut ids: Vec<i64> = lines.iter().map(|l| l.task.id.0).collect();
        ids.sort_unstable();
        ids.dedup();
        prop_assume!(ids.len() == lines.len());
        let mut today = sunday();
        let mut next_id = 5000;
        let mut tab = TasksTab::new(lines, today, Weekday::Sun);
        assert_as_if_sorted_anew(&tab, today);
        for op in &ops {
            apply(&mut tab, op, &mut today, &mut next_id);
            assert_as_if_sorted_anew(&tab, today);
        }
    }
}
