//! The Tasks tab's state: every task with its names, the filter, the
//! order and grouping, and where the selection and the scroll are.

mod followed;
mod lines;
pub mod load;
mod marks;
mod moves;
mod order;
mod saved;
mod update;

pub use followed::Followed;
pub use update::names;
#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashSet};

use chrono::{NaiveDate, Weekday};

use crate::domain::TaskId;
use crate::domain::TaskStatus;
use crate::taskview::views::View;
use crate::taskview::{GroupKey, Grouping, Sort, TaskFilter, TaskLine, TaskLines};

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
    /// The configured first day of the week, for `due:week` and the "This
    /// week" group.
    week_start: Weekday,
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
    /// Every line in the order `sort` gives it, seen from the day in
    /// `sorted_for`; kept in order as lines change, so neither a change to
    /// one task nor a filter sorts them all again.
    order: Vec<usize>,
    sorted_for: Option<(Sort, NaiveDate)>,
    /// The lines the filter keeps, in the same order.
    visible: Vec<usize>,
    /// Each line's status, to lay out rows and columns without reading
    /// 50,000 lines scattered in memory.
    status_of: Vec<TaskStatus>,
    /// Whether done tasks are shown; hidden by default, except where the
    /// filter asks for them.
    pub show_done: bool,
    /// Done tasks the filter keeps but the list hides, and per line
    /// whether it is one of them.
    pub hidden_done: usize,
    hidden_of: Vec<bool>,
    /// The selected task's details are shown in the list's place (on a
    /// screen too narrow for them beside it).
    pub detail: bool,
    /// Tasks marked done here while done tasks are hidden: they stay shown
    /// (so a second Space takes the first back) until the filter or
    /// `show_done` changes.
    kept: HashSet<TaskId>,
    /// Tasks marked to act on together (see `marks`); kept across a
    /// reload for the tasks that still exist.
    pub marks: BTreeSet<TaskId>,
    /// The saved views (see `saved`), the one last shown, and the filter,
    /// grouping and order shown before the first, put back after the last.
    pub views: Vec<View>,
    view_at: Option<usize>,
    before_views: Option<(String, Grouping, Sort)>,
    /// The note the selected task follows up, for the detail pane (see
    /// `followed`).
    pub followed: Option<Followed>,
}

impl TasksTab {
    pub fn new(lines: Vec<TaskLine>, today: NaiveDate, week_start: Weekday) -> TasksTab {
        TasksTab::of(TaskLines::new(lines), today, week_start)
    }

    /// The tab over `lines`, whole or read in part (see [`TaskLines`]).
    pub fn of(lines: TaskLines, today: NaiveDate, week_start: Weekday) -> TasksTab {
        let mut tab = TasksTab {
            lines,
            filter_text: String::new(),
            filter_error: None,
            filter: TaskFilter::default(),
            sort: Sort::Next,
            grouping: Grouping::None,
            week_start,
            view: TaskView::List,
            rows: Vec::new(),
            columns: Default::default(),
            counts: [0; 4],
            shown: 0,
            cursor: 0,
            offset: 0,
            board_column: 0,
            board_rows: [0; 4],
            order: Vec::new(),
            sorted_for: None,
            visible: Vec::new(),
            status_of: Vec::new(),
            show_done: false,
            hidden_done: 0,
            hidden_of: Vec::new(),
            kept: HashSet::new(),
            marks: BTreeSet::new(),
            detail: false,
            views: Vec::new(),
            view_at: None,
            before_views: None,
            followed: None,
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
}
