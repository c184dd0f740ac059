//! Lines put, dropped and read again, and the filter applied.

use chrono::NaiveDate;

use super::{Row, TasksTab};
use crate::domain::{TaskId, TaskStatus};
use crate::taskview::{TaskLine, TaskLines, parse_filter};

impl TasksTab {
    /// Applies a filter as typed; a malformed one keeps the last good
    /// filter and says what is wrong.
    pub fn set_filter(&mut self, text: &str, today: NaiveDate) {
        self.filter_text = text.to_string();
        self.kept.clear();
        match parse_filter(text, today, self.week_start) {
            Ok(f) => {
                self.filter = f;
                self.filter_error = None;
            }
            Err(e) => self.filter_error = Some(e.to_string()),
        }
        self.cursor = 0;
        self.offset = 0;
        self.refresh(today);
    }

    /// Puts a task as written to the store into the lines (new or changed).
    /// With `follow` the selection moves with the task; without, it stays
    /// on the same row, so marking tasks done one after another walks down
    /// the list.
    pub fn put(&mut self, line: TaskLine, today: NaiveDate, follow: bool) {
        let id = line.task.id;
        if follow && line.task.status == TaskStatus::Done {
            self.kept.insert(id);
        }
        let row = self.lines.row_of(id);
        let row = match row {
            Some(r) => {
                self.lines.update(r, |l| *l = line);
                r
            }
            None => self.lines.push(line),
        };
        if follow {
            self.keeping_selection(today, |tab, today| tab.place(row, today));
            self.select(id);
        } else {
            let (cursor, board) = (self.cursor, self.board_rows);
            self.place(row, today);
            self.cursor = cursor;
            self.board_rows = board;
            self.clamp();
        }
    }

    /// Drops a deleted task from the lines; the selection stays on the
    /// same row, now the next task.
    pub fn drop_task(&mut self, id: TaskId, today: NaiveDate) {
        if let Some(r) = self.lines.row_of(id) {
            self.lines.remove(r);
            if r < self.status_of.len() {
                self.status_of.remove(r);
            }
            if r < self.hidden_of.len() && self.hidden_of.remove(r) {
                self.hidden_done = self.hidden_done.saturating_sub(1);
            }
            // The lines after it moved up by one; the order stays.
            for rows in [&mut self.order, &mut self.visible] {
                rows.retain(|&i| i != r);
                for i in rows.iter_mut().filter(|i| **i > r) {
                    *i -= 1;
                }
            }
        }
        let (cursor, board) = (self.cursor, self.board_rows);
        if self.in_order(today) {
            self.lay_out(today);
        } else {
            self.refresh_in_place(today);
        }
        self.cursor = cursor;
        self.board_rows = board;
        self.clamp();
    }

    /// Replaces every line (after a change made elsewhere), keeping the
    /// selection.
    pub fn reload(&mut self, lines: Vec<TaskLine>, today: NaiveDate) {
        let keep = self.selected().map(|l| l.task.id);
        self.lines = TaskLines::new(lines);
        self.keep_existing_marks();
        self.sorted_for = None;
        self.refresh(today);
        if let Some(id) = keep {
            self.select(id);
        }
    }

    /// Replaces every line after an undo or a redo, and selects the task
    /// it put back or changed (the first shown, where it touched several);
    /// where it touched none still shown (an added task taken back), the
    /// selection stays.
    pub fn restore(&mut self, lines: Vec<TaskLine>, today: NaiveDate) {
        let before: std::collections::HashMap<TaskId, &TaskLine> =
            self.lines.lines().iter().map(|l| (l.task.id, l)).collect();
        let touched: std::collections::HashSet<TaskId> = lines
            .iter()
            .filter(|l| before.get(&l.task.id) != Some(l))
            .map(|l| l.task.id)
            .collect();
        self.reload(lines, today);
        let first = self.rows.iter().find_map(|r| match r {
            Row::Task(i) => self
                .lines
                .get(*i)
                .map(|l| l.task.id)
                .filter(|id| touched.contains(id)),
            Row::Heading(..) => None,
        });
        if let Some(id) = first {
            self.select(id);
        }
    }
}
