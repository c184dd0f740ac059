//! The Tasks tab's state: every task with its names, the filter, the
//! order and grouping, and where the selection and the scroll are.

use std::collections::HashSet;

use chrono::{NaiveDate, Weekday};

use crate::domain::TaskId;
use crate::domain::TaskStatus;
use crate::taskview::{
    GroupKey, Grouping, Sort, TaskFilter, TaskLine, TaskLines, group, parse_filter, sort_rows,
    sorted_position,
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
    /// Tasks marked done here while done tasks are hidden: they stay shown
    /// (so a second Space takes the first back) until the filter or
    /// `show_done` changes.
    kept: HashSet<TaskId>,
}

impl TasksTab {
    pub fn new(lines: Vec<TaskLine>, today: NaiveDate, week_start: Weekday) -> TasksTab {
        let mut tab = TasksTab {
            lines: TaskLines::new(lines),
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
        self.keeping_selection(today, Self::refresh_in_place);
    }

    fn keeping_selection(
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
    fn refresh_in_place(&mut self, today: NaiveDate) {
        self.sort_all(today);
        let keep = self.lines.matching(&self.filter);
        let hides = self.hides_done();
        let lines = self.lines.lines();
        let mut hidden_of = vec![false; lines.len()];
        let mut visible = Vec::with_capacity(self.order.len());
        for &i in &self.order {
            if !keep
                .as_ref()
                .is_none_or(|k| k.get(i).copied().unwrap_or(false))
            {
                continue;
            }
            match lines.get(i) {
                Some(l) if hides && self.hidden(l) => {
                    if let Some(h) = hidden_of.get_mut(i) {
                        *h = true;
                    }
                }
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
    fn hides_done(&self) -> bool {
        !self.show_done && !self.filter.asks_for_done()
    }

    /// Whether `line` is hidden while done tasks are.
    fn hidden(&self, line: &TaskLine) -> bool {
        line.task.status == TaskStatus::Done && !self.kept.contains(&line.task.id)
    }

    /// Shows done tasks, or hides them again.
    pub fn toggle_done_shown(&mut self, today: NaiveDate) {
        self.show_done = !self.show_done;
        self.kept.clear();
        self.refresh(today);
    }

    /// Whether `order` holds every line in the order of `sort` on `today`.
    fn in_order(&self, today: NaiveDate) -> bool {
        self.sorted_for == Some((self.sort, today))
            && self.order.len() == self.lines.len()
            && self.status_of.len() == self.lines.len()
    }

    fn sort_all(&mut self, today: NaiveDate) {
        if self.in_order(today) {
            return;
        }
        self.order = (0..self.lines.len()).collect();
        sort_rows(self.lines.lines(), &mut self.order, self.sort, today);
        self.sorted_for = Some((self.sort, today));
        self.status_of = self.lines.lines().iter().map(|l| l.task.status).collect();
    }

    /// Moves line `row`, just changed or added, into its place in the
    /// order and among the lines shown, where the filter keeps it.
    fn place(&mut self, row: usize, today: NaiveDate) {
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
    fn lay_out(&mut self, today: NaiveDate) {
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

    /// Selects the task with `id` if it is shown.
    pub fn select(&mut self, id: TaskId) {
        let line = self.lines.lines().iter().position(|l| l.task.id == id);
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
        let row = self.lines.lines().iter().position(|l| l.task.id == id);
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
        if let Some(r) = self.lines.lines().iter().position(|l| l.task.id == id) {
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

#[cfg(test)]
mod tests {
    use chrono::{Days, Duration};
    use proptest::prelude::*;

    use super::*;
    use crate::domain::{Priority, TaskStatus};
    use crate::taskview::testdata::{line, sunday};

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
        l.campaign_end =
            (pick(14, 3) == 0).then(|| sunday() + Duration::days(pick(16, 14) as i64 - 3));
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
}
