//! The Tasks tab's state: every task with its names, the filter, the
//! order and grouping, and where the selection and the scroll are.

use chrono::NaiveDate;

use crate::domain::TaskId;
use crate::taskview::{
    GroupKey, Grouping, Sort, TaskFilter, TaskLine, TaskLines, group, parse_filter, sort_rows,
    status_counts,
};

/// A list with a row per task, or a board with a column per status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskView {
    List,
    Board,
}

/// One row of the list: a group's heading or a task (an index into the
/// lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Heading(GroupKey, usize),
    Task(usize),
}

pub struct TasksTab {
    pub lines: TaskLines,
    /// The filter as typed, and whether it is being typed now.
    pub filter_text: String,
    pub filter_error: Option<String>,
    filter: TaskFilter,
    pub sort: Sort,
    pub grouping: Grouping,
    pub view: TaskView,
    /// The list's rows, in order, after the filter.
    pub rows: Vec<Row>,
    /// The board's columns: line indices per status, in order.
    pub columns: [Vec<usize>; 4],
    /// Tasks per status after the filter: todo, doing, blocked, done.
    pub counts: [usize; 4],
    pub shown: usize,
    /// The selected row of the list (a task row, unless there is none).
    pub cursor: usize,
    /// The first row on screen.
    pub offset: usize,
    /// The board's selected column and the selected row in each column.
    pub board_column: usize,
    pub board_rows: [usize; 4],
}

impl TasksTab {
    pub fn new(lines: Vec<TaskLine>, today: NaiveDate) -> TasksTab {
        let mut tab = TasksTab {
            lines: TaskLines::new(lines),
            filter_text: String::new(),
            filter_error: None,
            filter: TaskFilter::default(),
            sort: Sort::Next,
            grouping: Grouping::None,
            view: TaskView::List,
            rows: Vec::new(),
            columns: Default::default(),
            counts: [0; 4],
            shown: 0,
            cursor: 0,
            offset: 0,
            board_column: 0,
            board_rows: [0; 4],
        };
        tab.refresh(today);
        tab
    }

    /// The selected task, in the list or on the board.
    pub fn selected(&self) -> Option<&TaskLine> {
        self.selected_index().and_then(|i| self.lines.get(i))
    }

    fn selected_index(&self) -> Option<usize> {
        match self.view {
            TaskView::List => match self.rows.get(self.cursor) {
                Some(Row::Task(i)) => Some(*i),
                _ => None,
            },
            TaskView::Board => self
                .columns
                .get(self.board_column)
                .and_then(|c| c.get(self.board_rows[self.board_column]))
                .copied(),
        }
    }

    /// Recomputes rows, columns and counts from the lines, keeping the
    /// selected task selected where it is still shown.
    pub fn refresh(&mut self, today: NaiveDate) {
        let keep = self.selected().map(|l| l.task.id);
        self.refresh_in_place(today);
        match keep {
            Some(id) => self.select(id),
            None => self.clamp(),
        }
    }

    fn refresh_in_place(&mut self, today: NaiveDate) {
        let mut visible = self.lines.filter(&self.filter);
        sort_rows(self.lines.lines(), &mut visible, self.sort, today);
        self.shown = visible.len();
        self.counts = status_counts(self.lines.lines(), &visible);
        self.columns = Default::default();
        for &i in &visible {
            if let Some(l) = self.lines.get(i) {
                self.columns[l.task.status.index()].push(i);
            }
        }
        self.rows.clear();
        for g in group(self.lines.lines(), &visible, self.grouping, today) {
            if self.grouping != Grouping::None {
                self.rows.push(Row::Heading(g.key, g.rows.len()));
            }
            self.rows.extend(g.rows.iter().map(|i| Row::Task(*i)));
        }
    }

    /// Selects the task with `id` if it is shown.
    pub fn select(&mut self, id: TaskId) {
        let is = |i: &usize| self.lines.get(*i).is_some_and(|l| l.task.id == id);
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

    fn clamp(&mut self) {
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

    fn step(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, last) as usize;
        self.settle(if delta < 0 { -1 } else { 1 });
    }

    /// Moves the cursor off a heading: on in direction `dir`, or back the
    /// other way where there is no task that way.
    fn settle(&mut self, dir: isize) {
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

    /// Applies a filter as typed; a malformed one keeps the last good
    /// filter and says what is wrong.
    pub fn set_filter(&mut self, text: &str, today: NaiveDate) {
        self.filter_text = text.to_string();
        match parse_filter(text, today) {
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
        let row = self.lines.lines().iter().position(|l| l.task.id == id);
        match row {
            Some(r) => {
                self.lines.update(r, |l| *l = line);
            }
            None => {
                self.lines.push(line);
            }
        }
        if follow {
            self.refresh(today);
            self.select(id);
        } else {
            let (cursor, board) = (self.cursor, self.board_rows);
            self.refresh_in_place(today);
            self.cursor = cursor;
            self.board_rows = board;
            self.clamp();
        }
    }

    /// Drops a deleted task from the lines; the selection stays on the
    /// same row, now the next task.
    pub fn drop_task(&mut self, id: TaskId, today: NaiveDate) {
        if let Some(r) = self.lines.lines().iter().position(|l| l.task.id == id) {
            self.lines.remove(r);
        }
        let (cursor, board) = (self.cursor, self.board_rows);
        self.refresh_in_place(today);
        self.cursor = cursor;
        self.board_rows = board;
        self.clamp();
    }

    /// Replaces every line (after an undo or a change made elsewhere).
    pub fn reload(&mut self, lines: Vec<TaskLine>, today: NaiveDate) {
        let keep = self.selected().map(|l| l.task.id);
        self.lines = TaskLines::new(lines);
        self.refresh(today);
        if let Some(id) = keep {
            self.select(id);
        }
    }
}
