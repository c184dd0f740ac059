//! Rows, columns and counts from the lines: the order kept as lines
//! change, the filter and the hidden done tasks.

use chrono::NaiveDate;

use super::{Row, TasksTab};
use crate::domain::TaskStatus;
use crate::taskview::{GroupKey, Grouping, TaskLine, group, sorted_position};

impl TasksTab {
    /// Recomputes rows, columns and counts from the lines, keeping the
    /// selected task selected where it is still shown.
    pub fn refresh(&mut self, today: NaiveDate) {
        self.keeping_selection(today, Self::refresh_in_place);
    }

    pub(super) fn keeping_selection(
        &mut self,
        today: NaiveDate,
        recompute: impl FnOnce(&mut Self, NaiveDate),
    ) {
        let keep = self.selected().map(|l| l.task.id);
        recompute(self, today);
        match keep {
            Some(id) => self.select(id),
            None => self.clamp(),
        }
    }

    /// Sorts every line unless they are already in this order for this
    /// day, then filters them (which keeps them in order) and lays them out.
    pub(super) fn refresh_in_place(&mut self, today: NaiveDate) {
        self.sort_all(today);
        let keep = self.lines.matching(&self.filter);
        let hides = self.hides_done();
        let mut hidden_of = vec![false; self.lines.len()];
        let mut visible = Vec::with_capacity(self.order.len());
        for &i in &self.order {
            if !keep
                .as_ref()
                .is_none_or(|k| k.get(i).copied().unwrap_or(false))
            {
                continue;
            }
            // From the statuses and ids: the lines may be read in part.
            let done = self.status_of.get(i) == Some(&TaskStatus::Done);
            let kept = self.lines.id(i).is_some_and(|id| self.kept.contains(&id));
            match hidden_of.get_mut(i) {
                Some(h) if hides && done && !kept => *h = true,
                _ => visible.push(i),
            }
        }
        self.hidden_done = hidden_of.iter().filter(|h| **h).count();
        self.hidden_of = hidden_of;
        self.visible = visible;
        self.lay_out(today);
    }

    /// Whether done tasks are hidden now: not shown, and not asked for by
    /// the filter.
    pub(super) fn hides_done(&self) -> bool {
        !self.show_done && !self.filter.asks_for_done()
    }

    /// Whether `line` is hidden while done tasks are.
    pub(super) fn hidden(&self, line: &TaskLine) -> bool {
        line.task.status == TaskStatus::Done && !self.kept.contains(&line.task.id)
    }

    /// Shows done tasks, or hides them again.
    pub fn toggle_done_shown(&mut self, today: NaiveDate) {
        self.show_done = !self.show_done;
        self.kept.clear();
        self.refresh(today);
    }

    /// Whether `order` holds every line in the order of `sort` on `today`.
    pub(super) fn in_order(&self, today: NaiveDate) -> bool {
        self.sorted_for == Some((self.sort, today))
            && self.order.len() == self.lines.len()
            && self.status_of.len() == self.lines.len()
    }

    pub(super) fn sort_all(&mut self, today: NaiveDate) {
        if self.in_order(today) {
            return;
        }
        self.order = (0..self.lines.len()).collect();
        self.lines.sort(&mut self.order, self.sort, today);
        self.sorted_for = Some((self.sort, today));
        self.status_of = self.lines.statuses();
    }

    /// Moves line `row`, just changed or added, into its place in the
    /// order and among the lines shown, where the filter keeps it.
    pub(super) fn place(&mut self, row: usize, today: NaiveDate) {
        // A line just added is not in the order yet.
        let n = self.lines.len();
        let lens = [self.order.len(), self.status_of.len(), self.hidden_of.len()];
        let known = lens == [n; 3] || (lens.map(|l| l + 1) == [n; 3] && row + 1 == n);
        if self.sorted_for != Some((self.sort, today)) || !known {
            return self.refresh_in_place(today);
        }
        let (sort, lines) = (self.sort, self.lines.lines());
        let Some(line) = lines.get(row) else {
            return self.refresh_in_place(today);
        };
        let matched = self.filter.matches(line);
        let hidden = matched && self.hides_done() && self.hidden(line);
        let shown = matched && !hidden;
        let was = match self.hidden_of.get_mut(row) {
            Some(h) => std::mem::replace(h, hidden),
            None => {
                self.hidden_of.push(hidden);
                false
            }
        };
        self.hidden_done =
            (self.hidden_done + usize::from(hidden)).saturating_sub(usize::from(was));
        for (rows, keep) in [(&mut self.order, true), (&mut self.visible, shown)] {
            if let Some(at) = rows.iter().position(|&i| i == row) {
                rows.remove(at);
            }
            if keep {
                let at = sorted_position(lines, rows, row, sort, today);
                rows.insert(at, row);
            }
        }
        match self.status_of.get_mut(row) {
            Some(s) => *s = line.task.status,
            None => self.status_of.push(line.task.status),
        }
        self.lay_out(today);
    }

    /// Rows, columns and counts from the lines shown, in order.
    pub(super) fn lay_out(&mut self, today: NaiveDate) {
        let visible = &self.visible;
        self.shown = visible.len();
        self.columns = Default::default();
        for &i in visible {
            let status = self.status_of.get(i).copied();
            if let Some(column) = status.and_then(|s| self.columns.get_mut(s.index())) {
                column.push(i);
            }
        }
        self.counts = self.columns.each_ref().map(Vec::len);
        self.rows.clear();
        match self.grouping {
            Grouping::None => self.rows.extend(visible.iter().map(|&i| Row::Task(i))),
            // The board's columns are the groups by status.
            Grouping::Status => {
                for (status, column) in TaskStatus::ALL.iter().zip(&self.columns) {
                    let key = GroupKey::Status(*status);
                    self.rows.push(Row::Heading(key, column.len()));
                    self.rows.extend(column.iter().map(|&i| Row::Task(i)));
                }
            }
            Grouping::Due => {
                for g in group(
                    self.lines.lines(),
                    visible,
                    self.grouping,
                    today,
                    self.week_start,
                ) {
                    self.rows.push(Row::Heading(g.key, g.rows.len()));
                    self.rows.extend(g.rows.iter().map(|&i| Row::Task(i)));
                }
            }
        }
    }
}
