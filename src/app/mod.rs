//! The TUI's state and the one place that changes it: `App::update`
//! carries out an [`Action`]. Rendering (in `ui`) only reads an `App`.

pub mod action;
pub mod deleting;
pub mod editor;
pub mod edits;
pub mod form;
pub mod forms;
pub mod keymap;
pub mod kpis;
pub mod notes;
pub mod plan;
pub mod records;
mod reopen;
mod scoreboard;
pub mod stale;
pub mod strategy;
pub mod tasks;
pub mod typing;
mod waiting;

use std::collections::HashMap;
use std::time::Duration;

use chrono::{Days, NaiveDate};
use ratatui_textarea::TextArea;

pub use action::Action;
pub use keymap::{Context, Keymap};
pub use waiting::RETRY_EVERY;

use crate::config::Config;
use crate::domain::{Clock, NoteId, Priority, TaskId, TaskStatus};
use crate::i18n::{Format, Words};
use crate::metrics::{Granularity, Period};
use crate::store::tasks::TaskPatch;
use crate::store::{self, Origin, Store, StoreError};
use crate::taskview::TaskLine;
use form::{FieldError, Form};
use kpis::KpisTab;
use plan::PlanTab;
pub use stale::Stale;
use strategy::StrategyTab;
use tasks::{TaskView, TasksTab};

/// The four tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Strategy,
    Plan,
    Tasks,
    Kpis,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Strategy, Tab::Plan, Tab::Tasks, Tab::Kpis];

    pub fn index(self) -> usize {
        match self {
            Tab::Strategy => 0,
            Tab::Plan => 1,
            Tab::Tasks => 2,
            Tab::Kpis => 3,
        }
    }

    fn step(self, delta: isize) -> Tab {
        Tab::ALL[(self.index() as isize + delta).rem_euclid(4) as usize]
    }

    pub fn parse(s: &str) -> Option<Tab> {
        match s.trim().to_lowercase().as_str() {
            "strategy" => Some(Tab::Strategy),
            "plan" => Some(Tab::Plan),
            "tasks" => Some(Tab::Tasks),
            "kpis" => Some(Tab::Kpis),
            _ => None,
        }
    }
}

/// A line of feedback under the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// A question waiting for an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    DeleteTask(TaskId),
    DeleteNote(NoteId),
    /// Another follow-up task for a note that already has one: y/n.
    FollowUpAgain(NoteId),
    /// A record of the Strategy or Plan tab: y/n.
    Delete(crate::domain::RecordRef),
    /// A campaign with tasks: keep them (unlinked) or delete them too.
    DeleteCampaign {
        id: crate::domain::CampaignId,
        tasks: i64,
    },
}

impl Pending {
    /// The answers the question takes.
    pub fn answers(&self) -> &'static [Action] {
        match self {
            Pending::DeleteCampaign { .. } => {
                &[Action::KeepTasks, Action::DeleteTasksToo, Action::No]
            }
            Pending::DeleteTask(_)
            | Pending::DeleteNote(_)
            | Pending::FollowUpAgain(_)
            | Pending::Delete(_) => &[Action::Yes, Action::No],
        }
    }
}

/// What covers the tab, if anything.
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    Confirm {
        question: String,
        pending: Pending,
    },
    Form(Box<Form>),
    /// An edit form's fields changed elsewhere too: which to keep.
    Conflict(Box<edits::Conflict>),
    /// The KPIs tab's choice of segment, channel or campaign.
    Picker(Box<kpis::Picker>),
    /// The built-in editor of long text.
    Editor(Box<editor::TextEditor>),
}

impl Overlay {
    /// The answers the question shown takes, if any.
    pub fn answers(&self) -> &'static [Action] {
        match self {
            Overlay::Confirm { pending, .. } => pending.answers(),
            Overlay::Conflict(_) => edits::ANSWERS,
            _ => &[],
        }
    }
}

/// What fits on the screen, from the last resize: the update logic keeps
/// selections among the rows and days shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    /// Rows of the task list.
    pub list_height: usize,
    /// Whether the KPIs tab has room for the period's notes beside its
    /// figures; else they are one of the views `c` cycles through.
    pub notes_beside: bool,
    /// Columns and campaign rows of the Plan tab's timeline.
    pub timeline_cols: usize,
    pub timeline_rows: usize,
    /// How far the `?` overlay scrolls to show its last line.
    pub help_scroll: usize,
    /// Which of the scoreboard's columns (in `Column::ALL` order) the
    /// width shows: its sort goes round those only.
    pub board_columns: [bool; crate::scoreboard::Column::ALL.len()],
    /// The screen shows only a "too small" notice: no key may change or
    /// open what no one can see, so only quit is taken.
    pub too_small: bool,
}

impl Default for Fit {
    fn default() -> Self {
        Fit {
            list_height: 20,
            timeline_cols: 56,
            timeline_rows: 12,
            notes_beside: false,
            // Not known before the first frame: not limited.
            help_scroll: usize::MAX,
            board_columns: [true; crate::scoreboard::Column::ALL.len()],
            too_small: false,
        }
    }
}

/// Settings the TUI starts with.
pub struct Settings {
    pub config: Config,
    pub keymap: Keymap,
    pub clock: Clock,
    pub read_only: bool,
    pub ascii: bool,
    /// The database's name for the header.
    pub db_name: String,
}

pub struct App {
    store: Store,
    pub config: Config,
    pub keymap: Keymap,
    clock: Clock,
    pub today: NaiveDate,
    pub read_only: bool,
    pub ascii: bool,
    pub db_name: String,
    pub tab: Tab,
    pub tasks: TasksTab,
    /// What a change made stale and is not read again yet (see `stale`).
    stale: Stale,
    /// Whether the task lines were ever read (see [`App::open_on`]).
    tasks_read: bool,
    pub strategy: Option<StrategyTab>,
    pub kpis: Option<KpisTab>,
    pub plan: Option<PlanTab>,
    /// Long text waiting for the terminal loop to open an editor on it.
    edit_request: Option<editor::EditRequest>,
    /// Customer timelines of the data as it is now; dropped on any change.
    timelines: crate::analysis::Timelines,
    pub overlay: Overlay,
    /// The filter line while it is being typed.
    pub filter_input: Option<TextArea<'static>>,
    filter_before: String,
    /// The filter line changed and is not applied yet (see `settle`).
    filter_pending: bool,
    pub status: Option<Status>,
    /// What fits on screen, from the last resize.
    pub fit: Fit,
    pub quit: bool,
    seen_version: i64,
    /// A write that met another process's write lock, tried again until
    /// it goes through (see `waiting`).
    waiting: Option<waiting::Waiting>,
    /// How long such a write is tried again before the dashboard gives
    /// up and says nothing was written.
    pub write_wait: Duration,
}

/// Every task with its campaign's and assignee's names.
pub fn load_lines(store: &Store) -> Result<Vec<TaskLine>, StoreError> {
    let campaigns: HashMap<_, _> = store
        .campaigns()?
        .into_iter()
        .map(|c| (c.id, (c.name, c.end)))
        .collect();
    let people: HashMap<_, _> = store
        .people()?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(store
        .all_tasks()?
        .into_iter()
        .map(|task| {
            let campaign = task.campaign.and_then(|c| campaigns.get(&c));
            TaskLine {
                campaign: campaign.map(|c| c.0.clone()),
                campaign_end: campaign.map(|c| c.1),
                assignee: task.assignee.and_then(|p| people.get(&p)).cloned(),
                task,
            }
        })
        .collect())
}

/// A task with its campaign's and assignee's names.
fn line_of(store: &Store, task: crate::domain::Task) -> TaskLine {
    let campaign = task.campaign.and_then(|c| store.campaign(c).ok());
    TaskLine {
        campaign: campaign.as_ref().map(|c| c.name.clone()),
        campaign_end: campaign.map(|c| c.end),
        assignee: task
            .assignee
            .and_then(|p| store.person(p).ok())
            .map(|p| p.name),
        task,
    }
}

impl App {
    /// The dashboard on the Tasks tab.
    pub fn new(store: Store, s: Settings) -> Result<App, StoreError> {
        App::open_on(store, s, Tab::Tasks)
    }

    /// The dashboard on `tab`. Tasks are read only for the Tasks tab, so
    /// a glance at another tab does not pay for reading every task (the
    /// Plan tab counts them in SQL); they are read when the Tasks tab is
    /// first shown.
    ///
    /// Its changes are journaled as this dashboard session's own, so `u`
    /// undoes them and never silently another process's.
    pub fn open_on(mut store: Store, s: Settings, tab: Tab) -> Result<App, StoreError> {
        store.set_origin(Origin::new_dashboard());
        // A write never blocks the screen: the dashboard waits itself.
        store.set_write_wait(Duration::ZERO);
        let today = s.clock.today();
        // Before reading: a change committed while reading is seen at the
        // next poll, not taken as already shown.
        let seen_version = store.data_version()?;
        // Tasks that cannot be read (a value planted by another tool) do
        // not keep the dashboard from opening: the status line says why,
        // and they are read again when the Tasks tab is next shown.
        let (lines, unread) = match (tab == Tab::Tasks).then(|| load_lines(&store)) {
            Some(Ok(lines)) => (lines, None),
            Some(Err(e)) => (Vec::new(), Some(e)),
            None => (Vec::new(), None),
        };
        // Tasks not read now are read when the Tasks tab is first shown.
        let stale = Stale {
            tasks: tab != Tab::Tasks || unread.is_some(),
            ..Stale::default()
        };
        let mut app = App {
            tasks: TasksTab::new(lines, today, s.config.week_start),
            stale,
            tasks_read: !stale.tasks,
            store,
            config: s.config,
            keymap: s.keymap,
            clock: s.clock,
            today,
            read_only: s.read_only,
            ascii: s.ascii,
            db_name: s.db_name,
            tab: Tab::Tasks,
            strategy: None,
            kpis: None,
            plan: None,
            edit_request: None,
            timelines: Default::default(),
            overlay: Overlay::None,
            filter_input: None,
            filter_before: String::new(),
            filter_pending: false,
            status: None,
            fit: Fit::default(),
            quit: false,
            seen_version,
            waiting: None,
            write_wait: crate::store::busy_timeout(),
        };
        if let Some(e) = unread {
            app.fail(e.to_string());
        }
        if tab != Tab::Tasks {
            app.show(tab);
        }
        Ok(app)
    }

    /// Closes the store, so that closing last it folds the WAL into the
    /// file, and leaves what was read to the process's exit: freeing
    /// 50,000 tasks one by one would add a tenth to a snapshot of the Tasks
    /// tab for nothing.
    pub fn close_before_exit(self) {
        let App {
            store,
            tasks,
            strategy,
            kpis,
            plan,
            timelines,
            ..
        } = self;
        std::mem::forget((tasks, strategy, kpis, plan, timelines));
        drop(store);
    }

    /// The store, for reading (tests and snapshots look through it).
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn format(&self) -> Format {
        Format {
            locale: self.config.locale,
            currency: self.config.currency,
        }
    }

    pub fn words(&self) -> &'static Words {
        self.format().words()
    }

    /// Where the keys go now.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Overlay::Form(_) => Context::Form,
            Overlay::Confirm { .. } | Overlay::Conflict(_) => Context::Confirm,
            Overlay::Help { .. } => Context::Help,
            Overlay::Picker(_) => Context::Picker,
            Overlay::Editor(_) => Context::Editor,
            Overlay::None if self.filter_input.is_some() => Context::Filter,
            Overlay::None if self.tab == Tab::Tasks => Context::Tasks,
            Overlay::None if self.tab == Tab::Kpis => Context::Kpis,
            Overlay::None if self.tab == Tab::Plan => Context::Plan,
            Overlay::None if self.tab == Tab::Strategy => Context::Strategy,
            Overlay::None => Context::Global,
        }
    }

    /// A key from the terminal: resolved by the keymap, then carried out.
    /// While a write waits for another process, that wait's keys come
    /// first; while the screen is too small to show anything, only quit.
    pub fn on_key(&mut self, key: &ratatui::crossterm::event::KeyEvent) {
        if self.fit.too_small {
            // Whatever is open, q and Ctrl-c quit as they would on the tab.
            if self.keymap.resolve(Context::Global, key) == Some(Action::Quit) {
                self.carry_out(Action::Quit);
            }
            return;
        }
        if self.waiting.is_some()
            && let Some(action) = self.keymap.resolve(Context::Waiting, key)
        {
            // Ctrl-c quits at once, even with a change waiting.
            if keymap::Key::of(key) == keymap::Key::CTRL_C {
                return self.carry_out(action);
            }
            return self.update(action);
        }
        if let Some(action) = self.keymap.resolve(self.context(), key) {
            if !matches!(action, Action::Type(_)) {
                self.status = None;
            }
            self.update(action);
        }
    }

    fn say(&mut self, text: String) {
        self.status = Some(Status { text, error: false });
    }

    fn fail(&mut self, text: String) {
        self.status = Some(Status { text, error: true });
    }

    /// "u to undo", with the key really bound.
    fn undo_hint(&self) -> String {
        let key = self
            .keymap
            .key_text(Context::Tasks, Action::Undo)
            .unwrap_or_else(|| "u".into());
        Format::fill(self.words().ui.msg_undo_hint, key)
    }

    /// Carries out one action. Errors become the status line; nothing here
    /// panics or leaves the store half-written (each write is one change).
    /// A write that meets another process's write lock waits without
    /// blocking (see `waiting`); none is tried once the file is gone from
    /// its path (see `reopen`).
    pub fn update(&mut self, action: Action) {
        if action.writes() && self.read_only {
            self.fail(self.words().ui.read_only_refused.into());
            return;
        }
        let writes = self.writes_now(action);
        if self.waiting.is_some() && self.while_waiting(action, writes) {
            return;
        }
        if writes && self.store.check_file().is_some() {
            return self.refuse_write(self.detached_refused());
        }
        let retry = if writes { self.retry_for(action) } else { None };
        self.carry_out(action);
        if self.store.take_write_busy() {
            self.wait(retry);
        }
    }

    fn carry_out(&mut self, action: Action) {
        // Quit quits from a form, an overlay or the filter line too (Ctrl-c).
        let context = match action {
            Action::Quit => Context::Global,
            _ => self.context(),
        };
        match context {
            Context::Form => return self.update_form(action),
            Context::Confirm => return self.update_confirm(action),
            Context::Help => return self.update_help(action),
            Context::Picker => return self.update_picker(action),
            Context::Editor => return self.update_editor(action),
            Context::Filter => return self.update_filter(action),
            Context::Tasks
            | Context::Kpis
            | Context::Plan
            | Context::Strategy
            | Context::Global
            | Context::Waiting => {}
        }
        let today = self.today;
        let height = self.fit.list_height;
        match action {
            Action::Quit => self.quit = true,
            Action::NextTab => self.show(self.tab.step(1)),
            Action::PrevTab => self.show(self.tab.step(-1)),
            Action::Show(t) => self.show(t),
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Reopen => self.reopen(),
            Action::Undo | Action::Redo => self.undo(action == Action::Redo),
            _ if self.tab == Tab::Plan => self.update_plan(action),
            _ if self.tab == Tab::Strategy => self.update_strategy(action),
            Action::PrevPeriod
            | Action::NextPeriod
            | Action::CurrentPeriod
            | Action::CycleGranularity
            | Action::CycleChart
            | Action::FunnelView
            | Action::ToggleCompare
            | Action::PickScope
            | Action::WholeBusiness => self.update_kpis(action),
            Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown
            | Action::Add
            | Action::Edit
            | Action::Delete
            | Action::Record
            | Action::FollowUp
                if self.tab == Tab::Kpis =>
            {
                self.update_notes(action)
            }
            _ if self.tab != Tab::Tasks => {}
            Action::Up => self.tasks.move_by(-1, height),
            Action::Down => self.tasks.move_by(1, height),
            Action::PageUp => self.tasks.move_by(-(height.max(2) as isize - 1), height),
            Action::PageDown => self.tasks.move_by(height.max(2) as isize - 1, height),
            Action::Top => self.tasks.jump(false, height),
            Action::Bottom => self.tasks.jump(true, height),
            Action::Left => self.tasks.move_column(-1),
            Action::Right => self.tasks.move_column(1),
            Action::ToggleDone
            | Action::CycleStatus
            | Action::DueLater
            | Action::DueEarlier
            | Action::CyclePriority => {
                if let Some((line, patch)) = self.quick_change(action) {
                    self.write_task(line, &patch, true);
                }
            }
            Action::Add => self.open_form(None),
            Action::Edit => {
                if let Some(id) = self.tasks.selected().map(|l| l.task.id) {
                    self.open_form(Some(id));
                }
            }
            Action::Delete => {
                if let Some(l) = self.tasks.selected() {
                    let id = l.task.id;
                    let question = Format::fill(
                        self.words().ui.confirm_delete,
                        format!("{id} \u{201c}{}\u{201d}", l.task.title),
                    );
                    self.overlay = Overlay::Confirm {
                        question,
                        pending: Pending::DeleteTask(id),
                    };
                }
            }
            Action::Filter => {
                self.filter_before = self.tasks.filter_text.clone();
                let mut t = TextArea::new(vec![self.tasks.filter_text.clone()]);
                t.move_cursor(ratatui_textarea::CursorMove::End);
                self.filter_input = Some(t);
            }
            Action::ClearFilter => self.tasks.set_filter("", today),
            Action::CycleGrouping => {
                self.tasks.grouping = self.tasks.grouping.cycled();
                self.tasks.refresh(today);
                self.tasks.scroll_into_view(height);
            }
            Action::ToggleNext => {
                self.tasks.sort = match self.tasks.sort {
                    crate::taskview::Sort::Next => crate::taskview::Sort::Due,
                    _ => crate::taskview::Sort::Next,
                };
                self.tasks.refresh(today);
                self.tasks.scroll_into_view(height);
            }
            Action::ToggleDoneShown => {
                self.tasks.toggle_done_shown(today);
                self.tasks.scroll_into_view(height);
            }
            Action::ToggleBoard => {
                let id = self.tasks.selected().map(|l| l.task.id);
                self.tasks.view = match self.tasks.view {
                    TaskView::List => TaskView::Board,
                    TaskView::Board => TaskView::List,
                };
                if let Some(id) = id {
                    self.tasks.select(id);
                }
                self.tasks.scroll_into_view(height);
            }
            Action::Record
            | Action::FollowUp
            | Action::Yes
            | Action::No
            | Action::ToggleZoom
            | Action::ToggleWorkload
            | Action::ToggleScoreboard
            | Action::CycleSort
            | Action::ReverseSort
            | Action::OpenTasks
            | Action::Open
            | Action::AddTaskToCampaign
            | Action::KeepTasks
            | Action::DeleteTasksToo
            | Action::KeepMine
            | Action::TakeTheirs
            | Action::NextField
            | Action::PrevField
            | Action::Submit
            | Action::Cancel
            | Action::Type(_) => {}
        }
    }

    fn show(&mut self, tab: Tab) {
        self.tab = tab;
        self.freshen();
    }

    /// Marks what a change made stale and reads the shown tab's part
    /// again; any change drops the customer timelines read so far.
    fn made_stale(&mut self, stale: Stale) {
        if stale.any() {
            self.timelines = Default::default();
        }
        self.stale = self.stale.with(stale);
        self.freshen();
    }

    /// Everything is stale: after a change made elsewhere, an undo, a new
    /// day, a record whose name other tabs show.
    fn reload_all(&mut self, stale: Stale) {
        // Before reading, as in `open_on`: a change committed meanwhile is
        // seen at the next poll.
        if let Ok(v) = self.store.data_version() {
            self.seen_version = v;
        }
        self.made_stale(stale);
    }

    /// Reads the shown tab where it is stale or was never read, keeping
    /// where it was; what fails to read stays stale and is tried again
    /// when next shown.
    ///
    /// Task lines once read are read again wherever the focus is: other
    /// tabs' writes put lines into them, and reading 50,000 tasks is not
    /// paid for a glance at another tab before they are ever shown.
    fn freshen(&mut self) {
        if self.stale.tasks && (self.tab == Tab::Tasks || self.tasks_read) {
            match load_lines(&self.store) {
                Ok(lines) => {
                    if self.stale.restored {
                        self.tasks.restore(lines, self.today);
                    } else {
                        self.tasks.reload(lines, self.today);
                    }
                    self.stale.tasks = false;
                    self.stale.restored = false;
                    self.tasks_read = true;
                    self.tasks.scroll_into_view(self.fit.list_height);
                }
                Err(e) => self.fail(e.to_string()),
            }
        }
        match self.tab {
            Tab::Tasks => {}
            Tab::Kpis if self.kpis.is_none() || self.stale.kpis => {
                let at = self.kpis.as_ref().map_or_else(
                    || kpis::KpisPosition {
                        period: KpisTab::current(Granularity::Month, self.today, &self.config),
                        scope: kpis::Scope::default(),
                        view: 0,
                    },
                    KpisTab::position,
                );
                self.load_kpis(at);
            }
            Tab::Kpis => {}
            Tab::Plan if self.plan.is_none() || self.stale.plan => {
                let at = self.plan.as_ref().map(PlanTab::position);
                match PlanTab::load(&self.store, &self.config, self.today) {
                    Ok(mut p) => {
                        if let Some(at) = at {
                            p.keep(at);
                        }
                        self.plan = Some(p);
                        self.stale.plan = false;
                    }
                    Err(e) => self.fail(e.to_string()),
                }
                self.settle_plan();
            }
            Tab::Plan => {}
            Tab::Strategy if self.strategy.is_none() || self.stale.strategy => {
                let at = self.strategy.as_ref().map(StrategyTab::position);
                let analysis = crate::analysis::Analysis::with_timelines(
                    &self.store,
                    &self.config,
                    self.today,
                    std::rc::Rc::clone(&self.timelines),
                );
                match StrategyTab::load(&self.store, &self.config, self.today, &analysis) {
                    Ok(mut s) => {
                        if let Some(at) = at {
                            s.keep(at);
                        }
                        self.strategy = Some(s);
                        self.stale.strategy = false;
                    }
                    Err(e) => self.fail(e.to_string()),
                }
            }
            Tab::Strategy => {}
        }
    }

    /// Reads the KPIs tab at `at`; the same note stays selected where it
    /// is still listed.
    fn load_kpis(&mut self, at: kpis::KpisPosition) {
        let timelines = &self.timelines;
        let when = kpis::At {
            today: self.today,
            period: at.period,
            compare: self.kpis.as_ref().map(|k| k.compare).unwrap_or_default(),
        };
        match KpisTab::load_at(
            &self.store,
            &self.config,
            timelines,
            when,
            at.scope,
            at.view,
        ) {
            Ok(mut k) => {
                if let Some(old) = &self.kpis {
                    let id = old.period_notes.selected().map(|l| l.note.id);
                    k.period_notes.keep(id, old.period_notes.selected);
                    k.show_funnel = old.show_funnel;
                }
                self.kpis = Some(k);
                self.stale.kpis = false;
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// Period navigation and the chart shown on the KPIs tab.
    fn update_kpis(&mut self, action: Action) {
        let Some(k) = &self.kpis else {
            return;
        };
        let at = k.position();
        let (period, scope) = (at.period, at.scope.clone());
        let today_period = |g| KpisTab::current(g, self.today, &self.config);
        let to = |period| kpis::KpisPosition {
            period,
            ..at.clone()
        };
        match action {
            Action::PrevPeriod => self.load_kpis(to(period.prev())),
            Action::NextPeriod => self.load_kpis(to(period.next())),
            Action::CurrentPeriod => self.load_kpis(to(today_period(period.granularity))),
            Action::CycleGranularity => {
                let g = period.granularity.next();
                // The period of the new size that holds the old one's end.
                let day = period.end.min(self.today);
                let p = Period::containing(g, day, self.config.week_start);
                self.load_kpis(to(p));
            }
            Action::PickScope => {
                let kw = &self.words().ui.kpi;
                let words = kpis::PickerWords {
                    whole: kw.whole,
                    segment: kw.segment,
                    channel: kw.channel,
                    campaign: kw.campaign,
                };
                match kpis::Picker::load(&self.store, &words, &scope) {
                    Ok(p) => self.overlay = Overlay::Picker(Box::new(p)),
                    Err(e) => self.fail(e.to_string()),
                }
            }
            Action::WholeBusiness if scope.dimension != crate::domain::Dimension::Total => {
                self.load_kpis(kpis::KpisPosition {
                    scope: kpis::Scope::default(),
                    ..at
                });
            }
            Action::CycleChart => {
                if let Some(k) = &mut self.kpis {
                    k.view = (k.view + 1) % kpis::VIEWS;
                }
            }
            Action::FunnelView => {
                if let Some(k) = &mut self.kpis {
                    k.toggle_funnel();
                }
            }
            Action::ToggleCompare => {
                if let Some(k) = &mut self.kpis {
                    k.compare = k.compare.toggled();
                }
                self.load_kpis(at);
            }
            _ => {}
        }
    }

    /// The Strategy tab's keys: sections, selection, scrolling, and what
    /// writes (see `records`).
    fn update_strategy(&mut self, action: Action) {
        let rows = self.fit.list_height.max(2) as isize - 1;
        if matches!(
            action,
            Action::Add | Action::Edit | Action::Open | Action::Delete
        ) {
            return self.update_strategy_records(action);
        }
        let Some(s) = &mut self.strategy else {
            return;
        };
        let steps = s.section == strategy::Section::Procedures;
        match action {
            Action::PageDown if steps => s.steps_scroll = s.steps_scroll.saturating_add(5),
            Action::PageUp if steps => s.steps_scroll = s.steps_scroll.saturating_sub(5),
            Action::Left => s.step_section(-1),
            Action::Right => s.step_section(1),
            Action::Up => s.move_by(-1),
            Action::Down => s.move_by(1),
            Action::PageUp => s.move_by(-rows),
            Action::PageDown => s.move_by(rows),
            Action::Top => s.move_by(isize::MIN / 2),
            Action::Bottom => s.move_by(isize::MAX / 2),
            _ => {}
        }
    }

    /// Text an action asked to edit: the terminal loop opens `$VISUAL` or
    /// `$EDITOR` on it, or [`App::edit_inside`] where there is none.
    pub fn take_edit_request(&mut self) -> Option<editor::EditRequest> {
        self.edit_request.take()
    }

    /// Opens the built-in editor on `request`.
    pub fn edit_inside(&mut self, request: editor::EditRequest) {
        self.overlay = Overlay::Editor(Box::new(editor::TextEditor::new(request)));
    }

    /// Writes what the editor left (see `edits` for text changed
    /// elsewhere meanwhile); an error (the editor failed) is shown.
    pub fn finish_edit(&mut self, request: &editor::EditRequest, edited: Result<String, String>) {
        let w = &self.words().ui.strategy;
        let text = match edited {
            Ok(t) => t.trim_end().to_string(),
            Err(e) => return self.fail(Format::fill(w.editor_failed, e)),
        };
        if text == request.stored.trim_end() {
            return self.say(w.unchanged.into());
        }
        if self.read_only {
            return self.fail(self.words().ui.read_only_refused.into());
        }
        if self.store.check_file().is_some() {
            return self.fail(self.detached_refused());
        }
        self.write_text(request, text.clone());
        if self.store.take_write_busy() {
            let request = request.clone();
            self.wait(Some(waiting::Retry::Edit { request, text }));
        }
    }

    fn update_editor(&mut self, action: Action) {
        let Overlay::Editor(ed) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Cancel => self.overlay = Overlay::None,
            Action::Type(k) => typing::type_key(&mut ed.area, k),
            Action::Submit => {
                let request = ed.request.clone();
                let text = ed.text();
                self.overlay = Overlay::None;
                self.finish_edit(&request, Ok(text));
            }
            _ => {}
        }
    }

    /// Keeps the Plan tab's selection among the campaigns shown and reads
    /// the selected one's pacing.
    fn settle_plan(&mut self) {
        let Some(p) = &mut self.plan else {
            return;
        };
        p.settle(self.fit.timeline_cols, self.fit.timeline_rows);
    }

    /// The Plan tab's keys: selection, time, zoom, workload, the way to
    /// a campaign's tasks, and what writes (see `records`).
    fn update_plan(&mut self, action: Action) {
        if matches!(
            action,
            Action::Add | Action::Edit | Action::Delete | Action::AddTaskToCampaign
        ) {
            return self.update_plan_records(action);
        }
        let cols = self.fit.timeline_cols;
        let rows = self.fit.timeline_rows;
        let today = self.today;
        let week_start = self.config.week_start;
        let board_columns = self.fit.board_columns;
        let Some(p) = &mut self.plan else {
            return;
        };
        match action {
            Action::Up => p.move_by(-1, cols),
            Action::Down => p.move_by(1, cols),
            Action::PageUp => p.move_by(-(rows.max(2) as isize - 1), cols),
            Action::PageDown => p.move_by(rows.max(2) as isize - 1, cols),
            Action::Top => p.move_by(isize::MIN / 2, cols),
            Action::Bottom => p.move_by(isize::MAX / 2, cols),
            Action::PrevPeriod => p.scroll(false),
            Action::NextPeriod => p.scroll(true),
            Action::CurrentPeriod => p.to_today(today, week_start),
            Action::ToggleZoom => p.toggle_zoom(),
            Action::ToggleScoreboard => p.toggle_scoreboard(cols, week_start),
            // The sort keys act on the table shown only, never on a
            // hidden one.
            Action::CycleSort if p.view == plan::PlanView::Scoreboard => {
                p.cycle_sort(&board_columns)
            }
            Action::ReverseSort if p.view == plan::PlanView::Scoreboard => p.reverse_sort(),
            Action::ToggleWorkload => {
                p.view = match p.view {
                    plan::PlanView::Workload => plan::PlanView::Timeline,
                    _ => plan::PlanView::Workload,
                }
            }
            Action::OpenTasks => {
                if let Some(name) = p.selected_row().map(|r| r.campaign.name.clone()) {
                    let quoted = name.replace('"', "");
                    self.show(Tab::Tasks);
                    self.tasks
                        .set_filter(&format!("campaign:\"{quoted}\""), today);
                    self.tasks.scroll_into_view(self.fit.list_height);
                }
                return;
            }
            _ => return,
        }
        self.settle_plan();
    }

    /// The change a quick key (Space, s, +, -, p) makes to the selected
    /// task, worked out from the task as shown: the task and the change.
    /// The selection follows the task, so a second Space takes back the
    /// first.
    fn quick_change(&self, action: Action) -> Option<(TaskLine, TaskPatch)> {
        let line = self.tasks.selected()?.clone();
        let t = &line.task;
        let today = self.today;
        let patch = match action {
            Action::ToggleDone => {
                let to = if t.status == TaskStatus::Done {
                    TaskStatus::Todo
                } else {
                    TaskStatus::Done
                };
                TaskPatch {
                    status: Some(to),
                    ..TaskPatch::default()
                }
            }
            Action::CycleStatus => TaskPatch {
                status: Some(t.status.cycled()),
                ..TaskPatch::default()
            },
            Action::DueLater | Action::DueEarlier => {
                let base = t.due.unwrap_or(today);
                let due = if t.due.is_none() {
                    Some(today)
                } else if action == Action::DueLater {
                    base.checked_add_days(Days::new(1))
                } else {
                    base.checked_sub_days(Days::new(1))
                };
                TaskPatch {
                    due: Some(due.or(t.due)),
                    ..TaskPatch::default()
                }
            }
            Action::CyclePriority => TaskPatch {
                priority: Some(match t.priority {
                    Priority::High => Priority::Medium,
                    Priority::Medium => Priority::Low,
                    Priority::Low => Priority::High,
                }),
                ..TaskPatch::default()
            },
            _ => return None,
        };
        Some((line, patch))
    }

    /// Writes a quick change to the task of `line` and puts the result
    /// back.
    fn write_task(&mut self, line: TaskLine, p: &TaskPatch, follow: bool) {
        match self.store.edit_task(line.task.id, p) {
            Ok(task) => {
                let ui = &self.words().ui;
                let text =
                    if task.status == TaskStatus::Done && line.task.status != TaskStatus::Done {
                        Format::fill(ui.msg_done, task.id)
                    } else {
                        let what = if p.status.is_some() {
                            ui.task_status(task.status).to_string()
                        } else if p.priority.is_some() {
                            ui.priority(task.priority).to_string()
                        } else {
                            match task.due {
                                Some(d) => format!("{} {}", ui.due, self.format().date(d)),
                                None => ui.no_due.to_string(),
                            }
                        };
                        format!("{} {what}.", Format::fill(ui.msg_task, task.id))
                    };
                let hint = self.undo_hint();
                self.say(format!("{text} {hint}"));
                self.tasks
                    .put(TaskLine { task, ..line }, self.today, follow);
                self.tasks.scroll_into_view(self.fit.list_height);
                self.made_stale(Stale::DERIVED);
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// Undoes or redoes this dashboard's own latest change; one made since
    /// elsewhere to the same records makes it refuse, saying which.
    fn undo(&mut self, redo: bool) {
        let r = if redo {
            self.store.redo()
        } else {
            self.store.undo()
        };
        match r {
            Ok(r) => {
                let ui = &self.words().ui;
                let t = if redo { ui.msg_redid } else { ui.msg_undid };
                self.say(Format::fill(t, ui.change(&r.label)));
                self.reload_all(Stale::RESTORED);
            }
            Err(e) => {
                let msg = self
                    .format()
                    .journal_refusal(&e, self.store.origin())
                    .unwrap_or_else(|| e.to_string());
                self.fail(msg);
            }
        }
    }

    /// Reads everything again after a change made elsewhere.
    fn reload(&mut self) {
        self.reload_all(Stale::ALL);
    }

    /// Whether another process changed the database; if so, reloads what
    /// is shown, keeping the selection. Cheap: one `PRAGMA data_version`.
    /// First, whether the path still names the file (one `stat`): once it
    /// does not, nothing more is written and a line says so (see
    /// `reopen`).
    pub fn poll_external(&mut self) -> bool {
        let before = self.store.detached();
        if let Some(now) = self.store.check_file() {
            // What was said before the file went ("Added task 73. u to
            // undo") no longer holds under the line saying nothing more is
            // written; a refusal stays.
            if before.is_none() && self.status.as_ref().is_some_and(|s| !s.error) {
                self.status = None;
            }
            return before != Some(now);
        }
        match self.store.data_version() {
            Ok(v) if v != self.seen_version => {
                self.reload();
                self.say(self.words().ui.msg_reloaded.into());
                true
            }
            _ => false,
        }
    }

    /// Whether the day changed since the last look; if so, redates.
    pub fn poll_clock(&mut self) -> bool {
        let today = self.clock.today();
        if today == self.today {
            return false;
        }
        self.today = today;
        self.reload();
        true
    }

    /// A new terminal size: the list keeps the selection in view, and the
    /// timeline its selection among the campaigns shown.
    pub fn resize(&mut self, fit: Fit) {
        let fit = Fit {
            list_height: fit.list_height.max(1),
            ..fit
        };
        let changed = fit != self.fit;
        self.fit = fit;
        self.tasks.scroll_into_view(self.fit.list_height);
        if changed {
            self.settle_plan();
        }
    }

    fn names(&self) -> forms::task::Names {
        // Running and planned campaigns first, the latest first: the ones a
        // new task most likely belongs to.
        let mut list = self.store.campaigns().unwrap_or_default();
        list.sort_by_key(|c| {
            let closed = matches!(
                c.status,
                crate::domain::CampaignStatus::Done | crate::domain::CampaignStatus::Cancelled
            );
            (closed, std::cmp::Reverse(c.end))
        });
        let campaigns = list.into_iter().map(|c| c.name).collect();
        let people = self
            .store
            .people()
            .map(|v| v.into_iter().map(|p| p.name).collect())
            .unwrap_or_default();
        forms::task::Names { campaigns, people }
    }

    fn open_form(&mut self, editing: Option<TaskId>) {
        let line = editing.and_then(|id| {
            self.tasks
                .lines
                .lines()
                .iter()
                .find(|l| l.task.id == id)
                .cloned()
        });
        let form = forms::task::open(line.as_ref(), self.names(), self.format());
        self.overlay = Overlay::Form(Box::new(form));
    }

    fn update_form(&mut self, action: Action) {
        let Overlay::Form(form) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Cancel => self.overlay = Overlay::None,
            Action::NextField => form.next(),
            Action::PrevField => form.prev(),
            Action::Type(k) => form.type_key(k),
            Action::Submit => self.submit(),
            _ => {}
        }
    }

    /// Keeps the form open with a mistake.
    fn form_failed(&mut self, e: FieldError) {
        if let Overlay::Form(form) = &mut self.overlay {
            form.fail(e);
        }
    }

    /// Validates the task form and writes the task, an edit only the
    /// fields changed in the form (where the task is still as `seen`); on
    /// a mistake the form stays open with the message.
    fn submit_task(&mut self, seen: Option<&store::seen::Seen>) -> edits::Attempt {
        let Overlay::Form(form) = &self.overlay else {
            return edits::Attempt::Done;
        };
        let today = self.today;
        let fmt = self.format();
        let editing = forms::task::editing(form);
        let result = forms::task::read(form, &self.store, today, fmt)
            .map_err(edits::Failure::from)
            .and_then(|new| {
                let written = match editing {
                    None => self.store.add_task(&new),
                    Some(id) => {
                        let patch = forms::task::patch(form, &new);
                        edits::checked(&mut self.store, seen, |s| s.edit_task(id, &patch))
                    }
                };
                written.map_err(edits::refusal(FieldError::general))
            });
        match result {
            Ok(task) => {
                let ui = &fmt.words().ui;
                let template = if editing.is_some() {
                    ui.msg_saved
                } else {
                    ui.msg_added
                };
                let text = Format::fill(template, task.id);
                self.overlay = Overlay::None;
                let hint = self.undo_hint();
                self.say(format!("{text} {hint}"));
                let line = self.line_for(task);
                self.tasks.put(line, today, true);
                self.tasks.scroll_into_view(self.fit.list_height);
                // A task added from the Plan tab: its progress shows there.
                self.made_stale(Stale::DERIVED);
                edits::Attempt::Done
            }
            Err(e) => e.shown(self),
        }
    }

    fn line_for(&self, task: crate::domain::Task) -> TaskLine {
        line_of(&self.store, task)
    }

    fn update_confirm(&mut self, action: Action) {
        if let Overlay::Conflict(_) = &self.overlay {
            return self.update_conflict(action);
        }
        let Overlay::Confirm { pending, .. } = &self.overlay else {
            return;
        };
        let pending = pending.clone();
        if !pending.answers().contains(&action) {
            return;
        }
        self.overlay = Overlay::None;
        self.answer(pending, action);
    }

    /// Carries out the answer `action` to the question `pending`.
    fn answer(&mut self, pending: Pending, action: Action) {
        match action {
            Action::KeepTasks | Action::DeleteTasksToo => {
                if let Pending::DeleteCampaign { id, tasks } = pending {
                    let too = (action == Action::DeleteTasksToo).then_some(tasks);
                    self.delete_item(crate::domain::RecordRef::of(id), too);
                }
            }
            Action::Yes => {
                if self.read_only {
                    return self.fail(self.words().ui.read_only_refused.into());
                }
                match pending {
                    Pending::Delete(item) => self.delete_item(item, None),
                    Pending::DeleteCampaign { .. } => {}
                    Pending::DeleteNote(id) => self.delete_note(id),
                    Pending::FollowUpAgain(id) => match self.store.note(id) {
                        Ok(note) => self.follow_up_note(note),
                        Err(e) => self.fail(e.to_string()),
                    },
                    Pending::DeleteTask(id) => match self.store.delete_task(id) {
                        Ok(t) => {
                            let text = Format::fill(self.words().ui.msg_deleted, t.id);
                            let hint = self.undo_hint();
                            self.say(format!("{text} {hint}"));
                            self.tasks.drop_task(id, self.today);
                            self.tasks.scroll_into_view(self.fit.list_height);
                            self.made_stale(Stale::DERIVED);
                        }
                        Err(e) => self.fail(e.to_string()),
                    },
                }
            }
            _ => {}
        }
    }

    /// Typing narrows the picker's list; Enter shows the figures of the
    /// chosen scope, Esc leaves the tab as it was.
    fn update_picker(&mut self, action: Action) {
        let Overlay::Picker(picker) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Cancel => self.overlay = Overlay::None,
            Action::Up => picker.move_by(-1),
            Action::Down => picker.move_by(1),
            Action::PageUp => picker.move_by(-10),
            Action::PageDown => picker.move_by(10),
            Action::Type(k) => {
                typing::type_key(&mut picker.input, k);
                picker.narrow();
            }
            Action::Submit => {
                let Some(scope) = picker.chosen().cloned() else {
                    return;
                };
                self.overlay = Overlay::None;
                if let Some(at) = self.kpis.as_ref().map(KpisTab::position) {
                    self.load_kpis(kpis::KpisPosition { scope, ..at });
                }
            }
            _ => {}
        }
    }

    fn update_help(&mut self, action: Action) {
        let Overlay::Help { scroll } = &mut self.overlay else {
            return;
        };
        // Never past the end: a key up then moves at once.
        let last = self.fit.help_scroll;
        match action {
            Action::Down => *scroll = (*scroll + 1).min(last),
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll = (*scroll + 10).min(last),
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = last,
            Action::No | Action::Help | Action::Cancel => self.overlay = Overlay::None,
            _ => {}
        }
    }

    fn update_filter(&mut self, action: Action) {
        let today = self.today;
        match action {
            Action::Submit => {
                self.settle();
                self.filter_input = None;
            }
            Action::Cancel => {
                self.filter_input = None;
                self.filter_pending = false;
                let before = std::mem::take(&mut self.filter_before);
                self.tasks.set_filter(&before, today);
            }
            Action::Type(k) => {
                if let Some(t) = &mut self.filter_input {
                    typing::type_key(t, k);
                    self.filter_pending = true;
                }
            }
            _ => {}
        }
        self.tasks.scroll_into_view(self.fit.list_height);
    }

    /// Applies what typing left pending (the filter) before the next frame:
    /// a burst of keys, such as a paste, filters once, not once per key.
    pub fn settle(&mut self) {
        if !std::mem::take(&mut self.filter_pending) {
            return;
        }
        if let Some(t) = &self.filter_input {
            let text = t.lines().join(" ");
            self.tasks.set_filter(&text, self.today);
        }
        self.tasks.scroll_into_view(self.fit.list_height);
    }
}
