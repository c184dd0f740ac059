//! Grouping the task list by status (also the board's columns) or by due
//! date (overdue, today, this week, later, no date, done), and counting
//! tasks per status.

use chrono::{NaiveDate, Weekday};

use super::TaskLine;
use crate::domain::{Task, TaskStatus, last_of_week};

/// How the task list is split into groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Grouping {
    /// One group with every row.
    #[default]
    None,
    /// One group per status: todo, doing, blocked, done.
    Status,
    /// One group per [`DueBucket`].
    Due,
}

impl Grouping {
    pub const ALL: [Grouping; 3] = [Grouping::None, Grouping::Status, Grouping::Due];

    /// The next grouping in [`Grouping::ALL`], for a key that cycles.
    pub fn cycled(self) -> Grouping {
        match self {
            Grouping::None => Grouping::Status,
            Grouping::Status => Grouping::Due,
            Grouping::Due => Grouping::None,
        }
    }
}

/// Where a task falls by its due date, seen from today.
///
/// Done tasks have a bucket of their own, shown last, whatever their date:
/// a finished task is neither overdue nor due. (A filter such as `is:open`
/// leaves them out altogether.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DueBucket {
    /// Not done, due before today.
    Overdue,
    /// Not done, due today.
    Today,
    /// Not done, due after today through the last day of this week (so on
    /// that day this bucket is empty).
    ThisWeek,
    /// Not done, due after this week.
    Later,
    /// Not done, no due date.
    NoDate,
    /// Done.
    Done,
}

impl DueBucket {
    /// In display order.
    pub const ALL: [DueBucket; 6] = [
        DueBucket::Overdue,
        DueBucket::Today,
        DueBucket::ThisWeek,
        DueBucket::Later,
        DueBucket::NoDate,
        DueBucket::Done,
    ];
}

/// What a group holds, to title it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupKey {
    /// [`Grouping::None`]: every row.
    All,
    Status(TaskStatus),
    Due(DueBucket),
}

/// One group of rows, each an index into the lines, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub key: GroupKey,
    pub rows: Vec<usize>,
}

/// The bucket of `task` seen from `today`, for weeks starting on
/// `week_start`.
pub fn due_bucket(task: &Task, today: NaiveDate, week_start: Weekday) -> DueBucket {
    if !task.status.is_open() {
        return DueBucket::Done;
    }
    match task.due {
        None => DueBucket::NoDate,
        Some(d) if d < today => DueBucket::Overdue,
        Some(d) if d == today => DueBucket::Today,
        Some(d) if d <= last_of_week(today, week_start) => DueBucket::ThisWeek,
        Some(_) => DueBucket::Later,
    }
}

/// Splits `rows` (indices into `lines`, already filtered and sorted) into
/// groups, keeping their order within each group.
///
/// Every group of the grouping is returned, in display order, empty ones
/// included, so a board keeps its four columns and a list can remember
/// which headers are folded; a list skips the empty ones. A row not in
/// `lines` is left out.
pub fn group(
    lines: &[TaskLine],
    rows: &[usize],
    grouping: Grouping,
    today: NaiveDate,
    week_start: Weekday,
) -> Vec<Group> {
    let known = rows.iter().copied().filter(|&i| i < lines.len());
    match grouping {
        Grouping::None => vec![Group {
            key: GroupKey::All,
            rows: known.collect(),
        }],
        Grouping::Status => split(
            lines,
            known,
            TaskStatus::ALL.iter().map(|s| GroupKey::Status(*s)),
            |t| t.status as usize,
        ),
        Grouping::Due => split(
            lines,
            known,
            DueBucket::ALL.iter().map(|b| GroupKey::Due(*b)),
            |t| due_bucket(t, today, week_start) as usize,
        ),
    }
}

/// One group per key; `slot` gives a task's position among the keys.
fn split(
    lines: &[TaskLine],
    rows: impl Iterator<Item = usize>,
    keys: impl Iterator<Item = GroupKey>,
    slot: impl Fn(&Task) -> usize,
) -> Vec<Group> {
    let mut groups: Vec<Group> = keys
        .map(|key| Group {
            key,
            rows: Vec::new(),
        })
        .collect();
    for i in rows {
        let target = lines.get(i).and_then(|l| groups.get_mut(slot(&l.task)));
        if let Some(g) = target {
            g.rows.push(i);
        }
    }
    groups
}

/// How many of `rows` are todo, doing, blocked and done, in that order.
/// A row not in `lines` is not counted.
pub fn status_counts(lines: &[TaskLine], rows: &[usize]) -> [usize; 4] {
    let mut counts = [0; 4];
    for line in rows.iter().filter_map(|&i| lines.get(i)) {
        counts[line.task.status as usize] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taskview::testdata::{day, line, sunday};

    fn due(id: i64, due: Option<NaiveDate>, status: TaskStatus) -> TaskLine {
        let mut l = line(id, "task");
        l.task.due = due;
        l.task.status = status;
        l
    }

    fn buckets(lines: &[TaskLine], today: NaiveDate, week_start: Weekday) -> Vec<DueBucket> {
        lines
            .iter()
            .map(|l| due_bucket(&l.task, today, week_start))
            .collect()
    }

    #[test]
    fn buckets_on_the_week_boundary() {
        use DueBucket::{Done, Later, NoDate, Overdue, ThisWeek, Today};
        use TaskStatus::{Blocked, Doing, Todo};
        let lines = [
            due(1, Some(day(2026, 11, 20)), Todo),    // Fri
            due(2, Some(day(2026, 11, 21)), Doing),   // Sat
            due(3, Some(day(2026, 11, 22)), Todo),    // Sun
            due(4, Some(day(2026, 11, 23)), Todo),    // Mon
            due(5, Some(day(2026, 11, 29)), Blocked), // Sun
            due(6, Some(day(2026, 11, 30)), Todo),    // Mon
            due(7, None, Todo),
            due(8, Some(day(2026, 11, 20)), TaskStatus::Done),
            due(9, None, TaskStatus::Done),
        ];
        let saturday = day(2026, 11, 21);
        let monday = day(2026, 11, 23);
        assert_eq!(
            buckets(&lines, saturday, Weekday::Mon),
            [
                Overdue, Today, ThisWeek, Later, Later, Later, NoDate, Done, Done
            ]
        );
        assert_eq!(
            buckets(&lines, sunday(), Weekday::Mon),
            [
                Overdue, Overdue, Today, Later, Later, Later, NoDate, Done, Done
            ]
        );
        assert_eq!(
            buckets(&lines, monday, Weekday::Mon),
            [
                Overdue, Overdue, Overdue, Today, ThisWeek, Later, NoDate, Done, Done
            ]
        );
        // With weeks starting on Sunday, Saturday ends the week and Sunday
        // begins the next.
        assert_eq!(
            buckets(&lines, saturday, Weekday::Sun),
            [
                Overdue, Today, Later, Later, Later, Later, NoDate, Done, Done
            ]
        );
        assert_eq!(
            buckets(&lines, sunday(), Weekday::Sun),
            [
                Overdue, Overdue, Today, ThisWeek, Later, Later, NoDate, Done, Done
            ]
        );
    }

    #[test]
    fn groups_keep_the_given_order_and_every_key() {
        use TaskStatus::*;
        let lines = vec![
            due(1, Some(day(2026, 11, 23)), Todo),
            due(2, Some(day(2026, 11, 20)), Done),
            due(3, Some(day(2026, 11, 29)), Doing),
            due(4, Some(day(2026, 11, 22)), Todo),
            due(5, Some(day(2026, 11, 24)), Todo),
        ];
        let rows = [4, 2, 0, 1, 3, 9];
        let monday = day(2026, 11, 23);
        let by_due = group(&lines, &rows, Grouping::Due, monday, Weekday::Mon);
        let want = [
            (DueBucket::Overdue, vec![3]),
            (DueBucket::Today, vec![0]),
            (DueBucket::ThisWeek, vec![4, 2]),
            (DueBucket::Later, vec![]),
            (DueBucket::NoDate, vec![]),
            (DueBucket::Done, vec![1]),
        ];
        let want: Vec<Group> = want
            .into_iter()
            .map(|(b, rows)| Group {
                key: GroupKey::Due(b),
                rows,
            })
            .collect();
        assert_eq!(by_due, want);

        let by_status = group(&lines, &rows, Grouping::Status, monday, Weekday::Mon);
        let keys: Vec<GroupKey> = by_status.iter().map(|g| g.key).collect();
        let statuses: Vec<GroupKey> = TaskStatus::ALL
            .iter()
            .map(|s| GroupKey::Status(*s))
            .collect();
        assert_eq!(keys, statuses, "all four columns, empty ones too");
        let rows_by_status: Vec<&[usize]> = by_status.iter().map(|g| g.rows.as_slice()).collect();
        assert_eq!(rows_by_status, [&[4, 0, 3][..], &[2], &[], &[1]]);

        let all = group(&lines, &rows, Grouping::None, monday, Weekday::Mon);
        assert_eq!(
            all,
            [Group {
                key: GroupKey::All,
                rows: vec![4, 2, 0, 1, 3]
            }]
        );
    }

    #[test]
    fn counts_statuses_of_the_given_rows() {
        use TaskStatus::*;
        let lines = vec![
            due(1, None, Todo),
            due(2, None, Done),
            due(3, None, Todo),
            due(4, None, Blocked),
            due(5, None, Done),
        ];
        assert_eq!(status_counts(&lines, &[0, 1, 2, 3, 4]), [2, 0, 1, 2]);
        assert_eq!(status_counts(&lines, &[1, 3, 7]), [0, 0, 1, 1]);
        assert_eq!(status_counts(&lines, &[]), [0, 0, 0, 0]);
    }

    #[test]
    fn grouping_cycles() {
        assert_eq!(Grouping::default().cycled(), Grouping::Status);
        assert_eq!(Grouping::Due.cycled(), Grouping::None);
    }
}
