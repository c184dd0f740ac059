//! The Tasks tab's lines together with their precomputed search text, so a
//! filter runs over 50,000 lines in a few milliseconds and the text can
//! never be out of step with the lines.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::TaskLine;
use super::filter::TaskFilter;
use super::index::SearchIndex;
use super::order::{Sort, TaskKey, sort_keys, sort_rows};
use crate::domain::{TaskId, TaskStatus};

/// The lines of the Tasks tab, each with its search text folded once.
/// Row numbers returned by [`TaskLines::filter`] index [`TaskLines::lines`],
/// which is what ordering and grouping take.
///
/// The search text is made on the first filter, not before: folding
/// 50,000 lines takes a quarter of a second that the first frame should
/// not wait for.
///
/// The first frame has them in part (see [`TaskLines::first`]): every
/// task's key, and whole only the lines on screen; the caller reads the
/// rest ([`TaskLines::is_whole`]) before anything but drawing that frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskLines {
    lines: Vec<TaskLine>,
    index: OnceCell<SearchIndex>,
    first: Option<FirstLines>,
}

/// Lines read in part: every task's key, and the lines read whole by row.
#[derive(Debug, Clone, Default, PartialEq)]
struct FirstLines {
    keys: Vec<TaskKey>,
    read: BTreeMap<usize, TaskLine>,
}

impl TaskLines {
    pub fn new(lines: Vec<TaskLine>) -> TaskLines {
        TaskLines {
            lines,
            index: OnceCell::new(),
            first: None,
        }
    }

    /// Lines known by their keys alone (a row per key, in the same
    /// order), none read whole yet (see [`TaskLines::read`]).
    pub fn first(keys: Vec<TaskKey>) -> TaskLines {
        TaskLines {
            first: Some(FirstLines {
                keys,
                read: BTreeMap::new(),
            }),
            ..TaskLines::default()
        }
    }

    /// Whether every line is read whole; until then [`TaskLines::lines`]
    /// is empty and only the rows, the keys and the lines read are known.
    pub fn is_whole(&self) -> bool {
        self.first.is_none()
    }

    /// Puts line `row`, read whole, among lines read in part.
    pub fn read(&mut self, row: usize, line: TaskLine) {
        if let Some(first) = &mut self.first {
            first.read.insert(row, line);
        }
    }

    /// The lines read in part taken whole: `lines`, a row per key. Where
    /// they are not the same tasks in the same order (changed meanwhile)
    /// nothing changes and they come back, for the caller to lay out anew.
    pub fn complete(&mut self, lines: Vec<TaskLine>) -> Result<(), Vec<TaskLine>> {
        let same = self.first.as_ref().is_some_and(|first| {
            first.keys.len() == lines.len()
                && first
                    .keys
                    .iter()
                    .zip(&lines)
                    .all(|(k, l)| *k == TaskKey::of(l))
        });
        if !same {
            return Err(lines);
        }
        *self = TaskLines::new(lines);
        Ok(())
    }

    /// Every line, once read whole (see [`TaskLines::is_whole`]).
    pub fn lines(&self) -> &[TaskLine] {
        &self.lines
    }

    pub fn get(&self, row: usize) -> Option<&TaskLine> {
        match &self.first {
            Some(first) => first.read.get(&row),
            None => self.lines.get(row),
        }
    }

    /// The row of task `id`. Lines are read by id and new tasks come last,
    /// so a binary search finds it; a linear one where it does not (the
    /// order is not relied on). 50,000 lines scanned for each quick change
    /// were a millisecond.
    pub fn row_of(&self, id: TaskId) -> Option<usize> {
        if let Some(first) = &self.first {
            return first.keys.iter().position(|k| k.id == id);
        }
        match self.lines.binary_search_by_key(&id, |l| l.task.id) {
            Ok(row) => Some(row),
            Err(_) => self.lines.iter().position(|l| l.task.id == id),
        }
    }

    /// The task of row `row`, whether or not read whole.
    pub fn id(&self, row: usize) -> Option<TaskId> {
        match &self.first {
            Some(first) => first.keys.get(row).map(|k| k.id),
            None => self.lines.get(row).map(|l| l.task.id),
        }
    }

    /// Each row's status, in row order.
    pub fn statuses(&self) -> Vec<TaskStatus> {
        match &self.first {
            Some(first) => first.keys.iter().map(|k| k.status).collect(),
            None => self.lines.iter().map(|l| l.task.status).collect(),
        }
    }

    /// Sorts `rows` as [`sort_rows`] does, from the keys where the lines
    /// are not read whole.
    pub fn sort(&self, rows: &mut [usize], sort: Sort, today: NaiveDate) {
        match &self.first {
            Some(first) => sort_keys(&first.keys, rows, sort, today),
            None => sort_rows(&self.lines, rows, sort, today),
        }
    }

    pub fn len(&self) -> usize {
        match &self.first {
            Some(first) => first.keys.len(),
            None => self.lines.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Changes one line in place (a quick update: status, due date, title)
    /// and refreshes its search text. False if there is no such row.
    pub fn update(&mut self, row: usize, change: impl FnOnce(&mut TaskLine)) -> bool {
        let Some(line) = self.lines.get_mut(row) else {
            return false;
        };
        change(line);
        if let Some(index) = self.index.get_mut() {
            index.replace(&self.lines, row);
        }
        true
    }

    /// Adds a line at the end and returns its row.
    pub fn push(&mut self, line: TaskLine) -> usize {
        if let Some(index) = self.index.get_mut() {
            index.push(&line);
        }
        self.lines.push(line);
        self.lines.len() - 1
    }

    /// Removes a row; the rows after it move up by one.
    pub fn remove(&mut self, row: usize) -> Option<TaskLine> {
        if row >= self.lines.len() {
            return None;
        }
        let line = self.lines.remove(row);
        if let Some(index) = self.index.get_mut() {
            index.remove(&self.lines, row);
        }
        Some(line)
    }

    pub fn into_lines(self) -> Vec<TaskLine> {
        self.lines
    }

    /// For each row, whether it matches `filter`; `None` when the filter
    /// is empty and so every row does.
    pub fn matching(&self, filter: &TaskFilter) -> Option<Vec<bool>> {
        if filter.is_empty() {
            return None;
        }
        let index = self.index.get_or_init(|| SearchIndex::new(&self.lines));
        Some(filter.keep(&self.lines, index))
    }

    /// The rows matching `filter`, in line order.
    pub fn filter(&self, filter: &TaskFilter) -> Vec<usize> {
        match self.matching(filter) {
            None => (0..self.lines.len()).collect(),
            Some(keep) => keep
                .iter()
                .enumerate()
                .filter(|(_, k)| **k)
                .map(|(i, _)| i)
                .collect(),
        }
    }
}

impl From<Vec<TaskLine>> for TaskLines {
    fn from(lines: Vec<TaskLine>) -> TaskLines {
        TaskLines::new(lines)
    }
}

impl FromIterator<TaskLine> for TaskLines {
    fn from_iter<I: IntoIterator<Item = TaskLine>>(iter: I) -> TaskLines {
        TaskLines::new(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TaskStatus;
    use crate::taskview::parse_filter;
    use crate::taskview::testdata::{line, sunday};

    fn f(s: &str) -> TaskFilter {
        parse_filter(s, sunday(), chrono::Weekday::Mon).expect("filter parses")
    }

    #[test]
    fn filters_and_keeps_text_in_step_with_updates() {
        let mut lines: TaskLines = [
            line(1, "Viết bài"),
            line(2, "Gửi email"),
            line(3, "viet tiep"),
        ]
        .into_iter()
        .collect();
        assert_eq!(lines.filter(&f("viet")), vec![0, 2]);
        assert_eq!(lines.filter(&TaskFilter::default()), vec![0, 1, 2]);
        assert!(lines.update(1, |l| l.task.title = "Viết email".into()));
        assert_eq!(lines.filter(&f("viet")), vec![0, 1, 2]);
        assert_eq!(lines.filter(&f("viết")), vec![0, 1]);
        assert!(lines.update(0, |l| l.task.status = TaskStatus::Done));
        assert_eq!(lines.filter(&f("viet is:open")), vec![1, 2]);
        assert_eq!(lines.filter(&f("is:done")), vec![0]);
        assert!(!lines.update(9, |_| {}));
        assert_eq!(lines.push(line(4, "Đăng bài")), 3);
        assert_eq!(lines.filter(&f("dang")), vec![3]);
        assert_eq!(lines.remove(0).map(|l| l.task.id.0), Some(1));
        assert_eq!(lines.filter(&f("dang")), vec![2]);
        assert_eq!(lines.remove(7), None);
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn indexed_and_direct_matching_agree() {
        let mut a = line(1, "Trà Ô Long");
        a.task.tags = vec!["Tết".into()];
        let lines = TaskLines::new(vec![a, line(2, "tra da")]);
        for q in ["tra", "trà", "#tet", "-#tết", "ô long", "long -o"] {
            let filter = f(q);
            let direct: Vec<usize> = (0..lines.len())
                .filter(|&i| filter.matches(&lines.lines()[i]))
                .collect();
            assert_eq!(lines.filter(&filter), direct, "{q}");
        }
    }
}
