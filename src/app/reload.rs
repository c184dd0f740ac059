//! Reading again what is stale, and noticing what calls for it: a change
//! made elsewhere, an undo or a redo, a new day, a new terminal size.

use super::tasks::load::line_of;
use super::{App, Fit, Stale, Tab, env, kpis, load_lines};
use super::{KpisTab, PlanTab, StrategyTab};
use crate::metrics::Granularity;

impl App {
    pub(super) fn show(&mut self, tab: Tab) {
        self.tab = tab;
        self.freshen();
    }

    /// Marks what a change made stale and reads the shown tab's part
    /// again; any change drops the customer timelines read so far.
    pub(super) fn made_stale(&mut self, stale: Stale) {
        if stale.any() {
            self.timelines = Default::default();
            self.tasks.forget_followed();
        }
        self.stale = self.stale.with(stale);
        self.freshen();
    }

    /// Everything is stale: after a change made elsewhere, an undo, a new
    /// day, a record whose name other tabs show.
    pub(super) fn reload_all(&mut self, stale: Stale) {
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
    pub(super) fn freshen(&mut self) {
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
                Err(e) => self.fail(self.format().error(&e)),
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
                    Err(e) => self.fail(self.format().error(&e)),
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
                    Err(e) => self.fail(self.format().error(&e)),
                }
            }
            Tab::Strategy => {}
        }
    }

    /// Reads the KPIs tab at `at` (see [`KpisTab::read`]).
    pub(super) fn load_kpis(&mut self, at: kpis::KpisPosition) {
        match KpisTab::read(&env!(self), &self.timelines, self.kpis.as_ref(), at) {
            Ok(k) => {
                self.kpis = Some(k);
                self.stale.kpis = false;
            }
            Err(e) => self.fail(self.format().error(&e)),
        }
    }

    /// Keeps the Plan tab's selection among the campaigns shown and reads
    /// the selected one's pacing.
    pub(super) fn settle_plan(&mut self) {
        let Some(p) = &mut self.plan else {
            return;
        };
        p.settle(self.fit.timeline_cols, self.fit.timeline_rows);
    }

    /// Reads everything again after a change made elsewhere.
    pub(super) fn reload(&mut self) {
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
        self.read_shown_tasks();
        if changed {
            self.settle_plan();
        }
    }
}

/// The Tasks tab read in part for a first frame (see `tasks::load`).
impl App {
    /// Reads whole the task lines the next frame shows, where the lines
    /// are read in part (see [`App::open_in_part`]).
    pub(in crate::app) fn read_shown_tasks(&mut self) {
        for row in self.tasks.unread_shown(self.fit.list_height) {
            let Some(id) = self.tasks.lines.id(row) else {
                continue;
            };
            match self.store.task(id) {
                Ok(task) => self.tasks.lines.read(row, line_of(&self.store, task)),
                // Gone or changed meanwhile: every line is read again.
                Err(_) => return self.read_all_tasks(),
            }
        }
    }

    /// Reads every task line whole where the first frame read them in
    /// part; the list stays as it was unless the tasks changed meanwhile.
    /// Called before any key is carried out, and by the dashboard once it
    /// has drawn its first frame and no key is waiting.
    pub fn read_all_tasks(&mut self) {
        if self.tasks.lines.is_whole() {
            return;
        }
        match load_lines(&self.store) {
            Ok(lines) => {
                if let Err(lines) = self.tasks.lines.complete(lines) {
                    self.tasks.reload(lines, self.today);
                }
            }
            Err(e) => {
                self.tasks.reload(Vec::new(), self.today);
                self.stale.tasks = true;
                self.fail(self.format().error(&e));
            }
        }
    }
}
