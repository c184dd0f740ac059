//! Moving the selection in the list and on the board, and the scroll.

use super::{Row, TaskView, TasksTab};
use crate::domain::TaskId;

impl TasksTab {
    /// Selects the task with `id` if it is shown.
    pub fn select(&mut self, id: TaskId) {
        let line = self.lines.row_of(id);
        let is = |i: &usize| Some(*i) == line;
        if let Some(pos) = self
            .rows
            .iter()
            .position(|r| matches!(r, Row::Task(i) if is(i)))
        {
            self.cursor = pos;
        }
        for (c, col) in self.columns.iter().enumerate() {
            if let Some(pos) = col.iter().position(is) {
                self.board_column = c;
                self.board_rows[c] = pos;
            }
        }
        self.clamp();
    }

    /// Selects the list's row `row` where it is a task (a click on it).
    pub fn select_row(&mut self, row: usize, height: usize) {
        if matches!(self.rows.get(row), Some(Row::Task(_))) {
            self.cursor = row;
            self.scroll_into_view(height);
        }
    }

    /// Selects the board's card `row` of `column` where there is one.
    pub fn select_card(&mut self, column: usize, row: usize) {
        if self.columns.get(column).is_some_and(|c| row < c.len()) {
            self.board_column = column;
            self.board_rows[column] = row;
        }
    }

    pub(super) fn clamp(&mut self) {
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        self.settle(1);
        for (c, col) in self.columns.iter().enumerate() {
            self.board_rows[c] = self.board_rows[c].min(col.len().saturating_sub(1));
        }
    }

    /// Moves the selection down (positive) or up by `delta` task rows,
    /// skipping headings, and keeps it on screen in `height` rows.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        match self.view {
            TaskView::List => {
                self.step(delta);
                self.scroll_into_view(height);
            }
            TaskView::Board => {
                let c = self.board_column;
                let len = self.columns[c].len();
                let r = self.board_rows[c] as isize + delta;
                self.board_rows[c] = r.clamp(0, len.saturating_sub(1) as isize) as usize;
            }
        }
    }

    pub(super) fn step(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, last) as usize;
        self.settle(if delta < 0 { -1 } else { 1 });
    }

    /// Moves the cursor off a heading: on in direction `dir`, or back the
    /// other way where there is no task that way.
    pub(super) fn settle(&mut self, dir: isize) {
        let is_task = |i: isize| matches!(self.rows.get(i as usize), Some(Row::Task(_))) && i >= 0;
        let from = self.cursor as isize;
        let found = (0..self.rows.len() as isize)
            .map(|k| from + dir * k)
            .find(|i| is_task(*i))
            .or_else(|| {
                (0..self.rows.len() as isize)
                    .map(|k| from - dir * k)
                    .find(|i| is_task(*i))
            });
        if let Some(i) = found {
            self.cursor = i as usize;
        }
    }

    /// Keeps the cursor within the `height` rows shown, scrolling as
    /// little as possible.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.cursor < self.offset {
            self.offset = self.cursor;
            // Show the heading just above the first task of a group.
            if self.offset > 0 && matches!(self.rows.get(self.offset - 1), Some(Row::Heading(..))) {
                self.offset -= 1;
            }
        } else if self.cursor >= self.offset + height {
            self.offset = self.cursor + 1 - height;
        }
        self.offset = self.offset.min(self.rows.len().saturating_sub(height));
    }

    /// Moves to the first or last task.
    pub fn jump(&mut self, to_end: bool, height: usize) {
        match self.view {
            TaskView::List => {
                self.cursor = if to_end {
                    self.rows.len().saturating_sub(1)
                } else {
                    0
                };
                self.settle(if to_end { -1 } else { 1 });
                self.scroll_into_view(height);
            }
            TaskView::Board => {
                let c = self.board_column;
                self.board_rows[c] = if to_end {
                    self.columns[c].len().saturating_sub(1)
                } else {
                    0
                };
            }
        }
    }

    /// The board's column to the left (negative) or right.
    pub fn move_column(&mut self, delta: isize) {
        self.board_column = (self.board_column as isize + delta).clamp(0, 3) as usize;
    }
}
