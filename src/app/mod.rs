//! The TUI's state and the one place that changes it: `App::update`
//! carries out an [`Action`]. Rendering (in `ui`) only reads an `App`.

pub mod action;
pub mod deleting;
pub mod editor;
pub mod edits;
pub mod effect;
pub mod form;
pub mod forms;
pub mod help;
pub mod keymap;
pub mod kpis;
mod marked;
pub mod notes;
mod overlay;
pub mod plan;
pub mod records;
mod reload;
mod reopen;
pub mod stale;
pub mod strategy;
mod tab;
pub mod tasks;
pub mod typing;
pub mod undoing;
mod views;
mod waiting;

use std::time::Duration;

use chrono::NaiveDate;
use ratatui_textarea::TextArea;

pub use action::Action;
pub use keymap::{BadKey, Context, Keymap, KeymapError};
pub use overlay::{Overlay, Pending};
pub use tasks::load::load_lines;
pub use waiting::RETRY_EVERY;

/// The context a tab's update sees, borrowed field by field from the
/// `App` so that the tab itself can be borrowed beside it.
macro_rules! env {
    ($app:expr) => {
        $crate::app::effect::Env {
            store: &mut $app.store,
            config: &$app.config,
            keymap: &$app.keymap,
            today: $app.today,
            fit: $app.fit,
        }
    };
}
pub(crate) use env;

use crate::config::Config;
use crate::domain::Clock;
use crate::i18n::{Format, Words};
use crate::store::{Origin, Store, StoreError};
use crate::taskview::TaskLines;
use kpis::KpisTab;
use plan::PlanTab;
pub use stale::Stale;
use strategy::StrategyTab;
pub use tab::{Fit, Tab};
use tasks::TasksTab;

/// A line of feedback under the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
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
    /// Refused changes stepped past, and the last refusal.
    undoing: undoing::Undoing,
    /// The filter line while it is being typed.
    pub filter_input: Option<TextArea<'static>>,
    /// The line being typed is a task's id to go to, not a filter.
    pub go_to: bool,
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
    /// The day of the last values recorded this session: the record form
    /// opens on it, so a day's figures typed in several goes keep it.
    record_day: Option<NaiveDate>,
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
    pub fn open_on(store: Store, s: Settings, tab: Tab) -> Result<App, StoreError> {
        App::open(store, s, tab, false)
    }

    /// [`App::open_on`], the Tasks tab read in part: its first frame reads
    /// every task's key and whole only the lines it shows; the rest are
    /// read before the first key is carried out (see
    /// [`App::read_all_tasks`]).
    pub fn open_in_part(store: Store, s: Settings, tab: Tab) -> Result<App, StoreError> {
        App::open(store, s, tab, true)
    }

    fn open(mut store: Store, s: Settings, tab: Tab, in_part: bool) -> Result<App, StoreError> {
        store.set_origin(Origin::new_dashboard());
        // A write never blocks the screen: the dashboard waits itself.
        store.set_write_wait(Duration::ZERO);
        store.set_clock(s.clock);
        let today = s.clock.today();
        // Before reading: a change committed while reading is seen at the
        // next poll, not taken as already shown.
        let seen_version = store.data_version()?;
        // Tasks that cannot be read (a value planted by another tool) do
        // not keep the dashboard from opening: the status line says why,
        // and they are read again when the Tasks tab is next shown.
        let read = |store: &Store| match in_part {
            true => tasks::load::load_keys(store),
            false => load_lines(store).map(TaskLines::new),
        };
        let (lines, unread) = match (tab == Tab::Tasks).then(|| read(&store)) {
            Some(Ok(lines)) => (lines, None),
            Some(Err(e)) => (TaskLines::default(), Some(e)),
            None => (TaskLines::default(), None),
        };
        // Tasks not read now are read when the Tasks tab is first shown.
        let stale = Stale {
            tasks: tab != Tab::Tasks || unread.is_some(),
            ..Stale::default()
        };
        let mut app = App {
            tasks: TasksTab::of(lines, today, s.config.week_start),
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
            undoing: undoing::Undoing::default(),
            filter_input: None,
            go_to: false,
            filter_before: String::new(),
            filter_pending: false,
            status: None,
            fit: Fit::default(),
            quit: false,
            seen_version,
            waiting: None,
            write_wait: crate::store::busy_timeout(),
            record_day: None,
        };
        let (views, mut left_out) =
            crate::taskview::views::usable(&app.config.views, today, app.config.week_start);
        app.tasks.views = views;
        left_out.splice(0..0, app.config.view_problems.iter().cloned());
        app.views_left_out(&left_out);
        if let Some(e) = unread {
            app.fail(app.format().error(&e));
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
            Overlay::Confirm { .. } | Overlay::Conflict(_) | Overlay::UndoRefused(_) => {
                Context::Confirm
            }
            Overlay::Help(_) => Context::Help,
            Overlay::Picker(_) => Context::Picker,
            Overlay::Editor(_) => Context::Editor,
            Overlay::Import(i) if i.typing() => Context::Path,
            Overlay::Import(_) => Context::Confirm,
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
        self.read_all_tasks();
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
        effect::undo_hint(&self.keymap, self.format())
    }

    /// Carries out one action. Errors become the status line; nothing here
    /// panics or leaves the store half-written (each write is one change).
    /// A write that meets another process's write lock waits without
    /// blocking (see `waiting`); none is tried once the file is gone from
    /// its path (see `reopen`).
    pub fn update(&mut self, action: Action) {
        self.read_all_tasks();
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
            Context::Path => return self.update_import(action),
            Context::Filter => return self.update_filter(action),
            Context::Tasks
            | Context::Kpis
            | Context::Plan
            | Context::Strategy
            | Context::Global
            | Context::Waiting => {}
        }
        match action {
            Action::Quit => self.quit = true,
            Action::NextTab => self.show(self.tab.step(1)),
            Action::PrevTab => self.show(self.tab.step(-1)),
            Action::Show(t) => self.show(t),
            Action::Help => self.overlay = Overlay::Help(help::Help::default()),
            Action::Reopen => self.reopen(),
            Action::Import if self.tab == Tab::Kpis => {
                self.overlay = Overlay::Import(Box::default());
            }
            Action::Undo | Action::Redo => self.undo(action == Action::Redo),
            Action::UndoDetails => self.undo_details(),
            _ if self.tab == Tab::Plan => {
                if let Some(p) = &mut self.plan {
                    let effect = p.update(action, &env!(self));
                    self.apply(effect);
                }
            }
            _ if self.tab == Tab::Strategy => {
                if let Some(s) = &mut self.strategy {
                    let effect = s.update(action, &env!(self));
                    self.apply(effect);
                }
            }
            Action::PrevPeriod
            | Action::NextPeriod
            | Action::CurrentPeriod
            | Action::CycleGranularity
            | Action::CycleChart
            | Action::FunnelView
            | Action::ToggleCompare
            | Action::PickScope
            | Action::WholeBusiness => {
                if let Some(k) = &mut self.kpis {
                    let effect = k.update(action, &env!(self), &self.timelines);
                    self.apply(effect);
                }
            }
            Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown
            | Action::HalfPageUp
            | Action::HalfPageDown
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
            Action::Filter => self.open_filter(),
            Action::GoToTask => self.open_go_to(),
            // The details stand beside the list already: Enter edits.
            Action::Detail if self.fit.detail_beside => self.update(Action::Edit),
            Action::EditNotes => self.edit_notes(),
            _ => {
                let effect = self.tasks.update(action, &mut env!(self));
                self.apply(effect);
            }
        }
    }

    /// Carries out what a tab's update returned.
    fn apply(&mut self, effect: effect::Effect) {
        if let Some(status) = effect.status {
            self.status = Some(status);
        }
        if let Some(overlay) = effect.overlay {
            self.overlay = overlay;
        }
        if let Some(request) = effect.edit {
            self.edit_request = Some(request);
        }
        if effect.stale.any() {
            self.made_stale(effect.stale);
        }
        if let Some(filter) = effect.tasks_filter {
            self.show(Tab::Tasks);
            self.tasks.set_filter(&filter, self.today);
            self.tasks.scroll_into_view(self.fit.list_height);
        }
    }
}
