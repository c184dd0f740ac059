//! Orders of the task list, chief among them "next": open tasks ranked by
//! urgency, so the top line is what to do now.
//!
//! # The "next" rule
//!
//! Open tasks (todo, doing, blocked) come first, in this order:
//!
//! 1. overdue (due before today), most days late first;
//! 2. due today;
//! 3. due in the next 7 days (tomorrow through today + 7), sooner first;
//! 4. all other open tasks: due later, sooner first; then those with no
//!    due date.
//!
//! Within one due date, ties go to the higher priority (high, medium,
//! low), then to a task whose campaign ends within 7 days (today through
//! today + 7; a campaign already over does not count), then to the lower
//! task id. So the order beyond the first week is by due date, then
//! priority, the same as within it: two tasks never swap places because a
//! day passed.
//!
//! Done tasks come last, the most recently done first (those without a
//! done time after them), then by id. Every order here is total: two lines
//! compare equal only if they have the same task id, and the sort is
//! stable, so those keep their relative order.

use std::cmp::{Ordering, Reverse};

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::TaskLine;
use crate::domain::{Priority, TaskId, TaskStatus};

/// What the orders look at of a task, without its text: the first frame
/// sorts 50,000 of these before any task is read whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskKey {
    pub id: TaskId,
    pub status: TaskStatus,
    pub priority: Priority,
    pub due: Option<NaiveDate>,
    /// The campaign's last day.
    pub campaign_end: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
}

impl TaskKey {
    pub fn of(line: &TaskLine) -> TaskKey {
        let task = &line.task;
        TaskKey {
            id: task.id,
            status: task.status,
            priority: task.priority,
            due: task.due,
            campaign_end: line.campaign_end,
            created_at: task.created_at,
            done_at: task.done_at,
        }
    }
}

/// How the task list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sort {
    /// By urgency: the "next" rule of this module.
    #[default]
    Next,
    /// By due date, earliest first, no date last; then by id.
    Due,
    /// High before medium before low; then by due date (no date last),
    /// then by id.
    Priority,
    /// Newest first; then by id, highest first.
    Created,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Next, Sort::Due, Sort::Priority, Sort::Created];

    /// The name used in the config file and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Next => "next",
            Sort::Due => "due",
            Sort::Priority => "priority",
            Sort::Created => "created",
        }
    }

    /// The next order in [`Sort::ALL`], for a key that cycles through them.
    pub fn cycled(self) -> Sort {
        match self {
            Sort::Next => Sort::Due,
            Sort::Due => Sort::Priority,
            Sort::Priority => Sort::Created,
            Sort::Created => Sort::Next,
        }
    }
}

/// How close an open task's due date is; the first key of "next".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    Overdue,
    Today,
    Soon,
    Later,
}

/// A due date that sorts with "no date" last.
type DueLast = (bool, Option<NaiveDate>);

fn due_last(due: Option<NaiveDate>) -> DueLast {
    (due.is_none(), due)
}

/// The "next" rule as one comparable value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Urgency {
    Open {
        tier: Tier,
        due: DueLast,
        priority: Priority,
        /// False when the campaign ends within 7 days, so those come first.
        campaign_not_ending: bool,
        id: TaskId,
    },
    Done {
        done_at: Reverse<Option<DateTime<Utc>>>,
        id: TaskId,
    },
}

/// `today + 7`, or the last date there is.
fn week_ahead(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_days(Days::new(7))
        .unwrap_or(NaiveDate::MAX)
}

fn urgency(task: &TaskKey, today: NaiveDate, horizon: NaiveDate) -> Urgency {
    if !task.status.is_open() {
        return Urgency::Done {
            done_at: Reverse(task.done_at),
            id: task.id,
        };
    }
    let tier = match task.due {
        Some(d) if d < today => Tier::Overdue,
        Some(d) if d == today => Tier::Today,
        Some(d) if d <= horizon => Tier::Soon,
        _ => Tier::Later,
    };
    let ending = task
        .campaign_end
        .is_some_and(|end| today <= end && end <= horizon);
    Urgency::Open {
        tier,
        due: due_last(task.due),
        priority: task.priority,
        campaign_not_ending: !ending,
        id: task.id,
    }
}

/// Compares two lines by the "next" rule: `Less` means `a` is more urgent.
pub fn urgency_cmp(a: &TaskLine, b: &TaskLine, today: NaiveDate) -> Ordering {
    let horizon = week_ahead(today);
    urgency(&TaskKey::of(a), today, horizon).cmp(&urgency(&TaskKey::of(b), today, horizon))
}

/// Every row of `lines` in the "next" order.
pub fn next_order(lines: &[TaskLine], today: NaiveDate) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..lines.len()).collect();
    sort_rows(lines, &mut rows, Sort::Next, today);
    rows
}

/// A line's place in one of the orders, as one comparable value. Values
/// of different sorts are never compared with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum SortKey {
    Next(Urgency),
    Due(DueLast, TaskId),
    Priority(Priority, DueLast, TaskId),
    Created(Reverse<DateTime<Utc>>, Reverse<TaskId>),
}

/// The key of `sort` for any line seen from one day.
struct Keyer {
    sort: Sort,
    today: NaiveDate,
    horizon: NaiveDate,
}

impl Keyer {
    fn new(sort: Sort, today: NaiveDate) -> Keyer {
        Keyer {
            sort,
            today,
            horizon: week_ahead(today),
        }
    }

    fn key(&self, task: &TaskKey) -> SortKey {
        match self.sort {
            Sort::Next => SortKey::Next(urgency(task, self.today, self.horizon)),
            Sort::Due => SortKey::Due(due_last(task.due), task.id),
            Sort::Priority => SortKey::Priority(task.priority, due_last(task.due), task.id),
            Sort::Created => SortKey::Created(Reverse(task.created_at), Reverse(task.id)),
        }
    }

    /// Row `i`'s key; a row not in `lines` goes last.
    fn row_key(&self, lines: &[TaskLine], i: usize) -> (bool, Option<SortKey>) {
        let line = lines.get(i);
        (line.is_none(), line.map(|l| self.key(&TaskKey::of(l))))
    }
}

/// Sorts `rows` (indices into `lines`, e.g. a filter's result) in place.
/// The sort is stable; a row not in `lines` goes last.
pub fn sort_rows(lines: &[TaskLine], rows: &mut [usize], sort: Sort, today: NaiveDate) {
    let keyer = Keyer::new(sort, today);
    rows.sort_by_cached_key(|&i| keyer.row_key(lines, i));
}

/// [`sort_rows`] from the tasks' keys alone: the same order.
pub fn sort_keys(keys: &[TaskKey], rows: &mut [usize], sort: Sort, today: NaiveDate) {
    let keyer = Keyer::new(sort, today);
    rows.sort_by_cached_key(|&i| {
        let key = keys.get(i);
        (key.is_none(), key.map(|k| keyer.key(k)))
    });
}

/// Where row `row` belongs in `rows`, which are in ascending line order
/// sorted by [`sort_rows`] (or kept so): the place a full sort of `rows`
/// with `row` among them would give it. A binary search, so one changed
/// line moves into place without sorting the rest again.
pub fn sorted_position(
    lines: &[TaskLine],
    rows: &[usize],
    row: usize,
    sort: Sort,
    today: NaiveDate,
) -> usize {
    let keyer = Keyer::new(sort, today);
    // The stable sort of rows taken in line order breaks ties by row.
    let target = (keyer.row_key(lines, row), row);
    rows.partition_point(|&i| (keyer.row_key(lines, i), i) < target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TaskStatus;
    use crate::taskview::testdata::{day, ids, line, sunday};

    fn open(id: i64, priority: Priority, due: Option<u32>, campaign_end: Option<u32>) -> TaskLine {
        let mut l = line(id, "task");
        l.task.priority = priority;
        l.task.due = due.map(|d| day(2026, 11, 1) + chrono::Duration::days(i64::from(d) - 1));
        l.campaign_end = campaign_end.map(|d| day(2026, 11, d));
        l
    }

    fn done(id: i64, done_on: Option<u32>) -> TaskLine {
        let mut l = open(id, Priority::High, Some(15), None);
        l.task.status = TaskStatus::Done;
        l.task.done_at = done_on.map(|d| {
            day(2026, 11, d)
                .and_hms_opt(9, 0, 0)
                .expect("valid time")
                .and_utc()
        });
        l
    }

    /// On Sunday 2026-11-22 (so "within 7 days" is through Sunday the
    /// 29th); days are of November 2026, 40 = 10 December.
    fn hand_built() -> Vec<TaskLine> {
        use Priority::*;
        let mut blocked = open(6, High, Some(29), None);
        blocked.task.status = TaskStatus::Blocked;
        let mut doing = open(3, Medium, Some(22), None);
        doing.task.status = TaskStatus::Doing;
        // Deliberately not in the expected order.
        vec![
            done(15, None),
            open(16, Low, Some(30), None),
            open(9, High, None, None),
            open(2, High, Some(20), None),
            open(12, Medium, None, Some(20)),
            done(13, Some(21)),
            open(11, Low, Some(40), Some(23)),
            open(5, Medium, Some(25), None),
            open(4, Low, Some(22), None),
            open(1, Low, Some(15), None),
            open(7, High, Some(30), None),
            open(17, High, Some(20), Some(28)),
            open(8, High, None, Some(26)),
            done(14, Some(22)),
            blocked,
            open(10, Medium, Some(24), Some(27)),
            doing,
        ]
    }

    #[test]
    fn next_ranks_by_the_documented_rule() {
        let lines = hand_built();
        let want = [
            1, 17, 2, // overdue: 7 days late; then 2 days late, ending campaign first
            3, 4, // due today: medium before low
            10, 5, 6, // within 7 days: 24th, 25th, 29th (blocked is open)
            7, 16, // later, due 30th: high before low
            11, // later, due 10 December
            8, 9,  // no date, high: campaign ending 26th first
            12, // no date, medium: its campaign ended on the 20th, no boost
            14, 13, 15, // done: 22nd, 21st, no done time
        ];
        assert_eq!(ids(&lines, &next_order(&lines, sunday())), want);
    }

    #[test]
    fn next_does_not_depend_on_the_input_order() {
        let mut lines = hand_built();
        let want = ids(&lines, &next_order(&lines, sunday()));
        lines.reverse();
        assert_eq!(ids(&lines, &next_order(&lines, sunday())), want);
        lines.swap(0, 7);
        assert_eq!(ids(&lines, &next_order(&lines, sunday())), want);
    }

    #[test]
    fn urgency_cmp_agrees_with_next_order() {
        let lines = hand_built();
        let order = next_order(&lines, sunday());
        for pair in order.windows(2) {
            assert_eq!(
                urgency_cmp(&lines[pair[0]], &lines[pair[1]], sunday()),
                Ordering::Less
            );
        }
        assert_eq!(urgency_cmp(&lines[0], &lines[0], sunday()), Ordering::Equal);
    }

    #[test]
    fn the_day_after_the_week_ahead_is_later() {
        let a = open(1, Priority::Low, Some(29), None);
        let b = open(2, Priority::High, Some(30), None);
        assert_eq!(urgency_cmp(&a, &b, sunday()), Ordering::Less);
        // A week earlier both are beyond the week ahead: still by due date.
        assert_eq!(urgency_cmp(&a, &b, day(2026, 11, 15)), Ordering::Less);
    }

    #[test]
    fn other_sorts() {
        use Priority::*;
        let lines = vec![
            open(3, Low, Some(25), None),
            open(1, High, None, None),
            open(2, Medium, Some(25), None),
            open(4, High, Some(30), None),
            open(5, Low, Some(10), None),
        ];
        let sorted = |sort| {
            let mut rows = vec![0, 1, 2, 3, 4];
            sort_rows(&lines, &mut rows, sort, sunday());
            ids(&lines, &rows)
        };
        assert_eq!(sorted(Sort::Due), [5, 2, 3, 4, 1]);
        assert_eq!(sorted(Sort::Priority), [4, 1, 2, 5, 3]);
        // Created `id` minutes after a fixed time: newest first.
        assert_eq!(sorted(Sort::Created), [5, 4, 3, 2, 1]);
        assert_eq!(sorted(Sort::Next), [5, 2, 3, 4, 1]);
    }

    #[test]
    fn rows_not_in_the_lines_go_last() {
        let lines = vec![open(1, Priority::Low, None, None)];
        let mut rows = vec![5, 0, 3];
        sort_rows(&lines, &mut rows, Sort::Due, sunday());
        assert_eq!(rows, [0, 5, 3]);
    }

    #[test]
    fn sort_cycles_through_all() {
        let mut s = Sort::default();
        for want in Sort::ALL {
            assert_eq!(s, want);
            s = s.cycled();
        }
        assert_eq!(s, Sort::Next);
        assert_eq!(Sort::Priority.as_str(), "priority");
    }
}
