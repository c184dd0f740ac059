//! What the Strategy and Plan tabs' keys write: objectives, segments,
//! channels, budgets, people, tools and procedures on the Strategy tab,
//! campaigns and their tasks on the Plan tab, each added or edited in its
//! form (see `forms`) and deleted after a question (see `deleting`).
//! Every write is one journaled change, so `u` undoes it.

use chrono::Days;

use super::editor::{EditRequest, EditTarget};
use super::edits::{Attempt, Failure};
use super::forms::kinds::Starts;
use super::forms::{self, Choices, Purpose};
use super::strategy::Section;
use super::{Action, App, Overlay};
use crate::domain::{CampaignId, RecordKind, RecordRef};
use crate::i18n::Format;
use crate::metrics::{Granularity, Period};
use crate::store::seen::Seen;

impl App {
    /// The Strategy tab's keys that write: add an item of the section
    /// shown, edit or open the selected one, delete it after a question.
    pub(super) fn update_strategy_records(&mut self, action: Action) {
        let Some(s) = &self.strategy else {
            return;
        };
        let (section, item) = (s.section, s.selected_item());
        match action {
            Action::Add => match section {
                Section::Objectives => self.open_new(RecordKind::Objective),
                Section::Segments => self.open_new(RecordKind::Segment),
                Section::Channels => self.open_new(RecordKind::Channel),
                Section::Message => {}
                Section::Resources => {
                    // The kind of the row the selection is on, else people.
                    let kind = item.map_or(RecordKind::Person, |r| r.kind);
                    let form = forms::resource::open(kind, self.format());
                    self.overlay = Overlay::Form(Box::new(form));
                }
                Section::Procedures => self.open_new(RecordKind::Procedure),
            },
            Action::Open if matches!(section, Section::Message | Section::Procedures) => {
                self.edit_request = self.long_text();
            }
            Action::Edit if section == Section::Message => {
                self.edit_request = self.long_text();
            }
            Action::Edit | Action::Open => {
                if let Some(item) = item {
                    self.open_edit(item);
                }
            }
            Action::Delete => {
                if let Some(item) = item {
                    self.ask_delete(item);
                }
            }
            _ => {}
        }
    }

    /// The Plan tab's keys that write: add a campaign (running the first
    /// week shown), edit or delete the selected one, add a task to it.
    pub(super) fn update_plan_records(&mut self, action: Action) {
        let Some(p) = &self.plan else {
            return;
        };
        let selected = p.selected_row().map(|r| r.campaign.clone());
        match (action, selected) {
            (Action::Add, _) => self.open_new(RecordKind::Campaign),
            (Action::Edit, Some(c)) => self.open_edit(RecordRef::of(c.id)),
            (Action::Delete, Some(c)) => self.ask_delete(RecordRef::of(c.id)),
            (Action::AddTaskToCampaign, Some(c)) => {
                let mut form =
                    forms::task::open(None, super::tasks::names(&self.store), self.format());
                form.set(forms::task::Field::Campaign, &c.name);
                self.overlay = Overlay::Form(Box::new(form));
            }
            _ => {}
        }
    }

    /// The long text the selected item of the Message or Procedures
    /// section holds, to edit.
    pub(super) fn long_text(&self) -> Option<EditRequest> {
        let s = self.strategy.as_ref()?;
        let w = &self.words().ui.strategy;
        match s.section {
            Section::Message if s.selected() == 0 => Some(EditRequest {
                target: EditTarget::BrandMessage,
                title: w.brand_message.to_string(),
                text: s.message.brand_message.clone(),
                stored: s.message.brand_message.clone(),
            }),
            Section::Message => Some(EditRequest {
                target: EditTarget::Positioning,
                title: w.positioning.to_string(),
                text: s.message.positioning.clone(),
                stored: s.message.positioning.clone(),
            }),
            Section::Procedures => s.procedures.get(s.selected()).map(|(p, _)| EditRequest {
                target: EditTarget::Steps(p.id),
                title: p.title.clone(),
                text: p.steps.clone(),
                stored: p.steps.clone(),
            }),
            _ => None,
        }
    }

    /// The names the forms complete to; none (said) where they cannot be
    /// read.
    fn choices(&mut self) -> Option<Choices> {
        match Choices::read(&self.store) {
            Ok(c) => Some(c),
            Err(e) => {
                self.fail(self.format().error(&e));
                None
            }
        }
    }

    fn show_form(&mut self, form: super::form::Form) {
        self.overlay = Overlay::Form(Box::new(form));
    }

    /// The form of a new record of `kind`.
    fn open_new(&mut self, kind: RecordKind) {
        let fmt = self.format();
        let Some(choices) = self.choices() else {
            return;
        };
        // The first day shown, unless the timeline starts in the past: a
        // new campaign is never pre-filled already over.
        let from = self
            .plan
            .as_ref()
            .map_or(self.today, |p| p.from.max(self.today));
        let to = from.checked_add_days(Days::new(6)).unwrap_or(from);
        let month = Period::containing(Granularity::Month, self.today, self.config.week_start);
        let starts = Starts {
            campaign: (from, to),
            budget: month.label(),
        };
        let form = forms::kinds::open_new(kind, &choices, &starts, self.today, fmt);
        self.show_form(form);
    }

    /// The form holding `item` as the store has it now.
    fn open_edit(&mut self, item: RecordRef) {
        match self.form_as_stored(Purpose::Edit(item)) {
            Ok(Some((form, _))) => self.show_form(form),
            Ok(None) => {}
            Err(e) => self.fail(self.format().error(&e)),
        }
    }

    /// Writes what a strategy or plan form holds, an edit where its
    /// record is still as `seen`; a mistake keeps the form open on its
    /// field. The resource question opens the form of the kind chosen.
    pub(super) fn submit_item(&mut self, purpose: Purpose, seen: Option<&Seen>) -> Attempt {
        let Overlay::Form(form) = &self.overlay else {
            return Attempt::Done;
        };
        let fmt = self.format();
        let today = self.today;
        let store = &mut self.store;
        let kind = match purpose {
            Purpose::Resource => match forms::resource::read(form, fmt) {
                Ok(kind) => {
                    self.open_new(kind);
                    return Attempt::Done;
                }
                Err(e) => return Failure::from(e).shown(self),
            },
            purpose => match purpose.kind() {
                Some(kind) => kind,
                None => return Attempt::Done,
            },
        };
        let saved = forms::kinds::save(kind, form, store, seen, today, fmt);
        let (item, name) = match saved {
            Ok(s) => s,
            Err(e) => return e.shown(self),
        };
        self.overlay = Overlay::None;
        let r = &fmt.words().ui.records;
        let edited = matches!(purpose, Purpose::Edit(_));
        let template = if edited { r.saved } else { r.added };
        let text = Format::fill_all(template, &[&r.item(item.kind), &name]);
        let hint = self.undo_hint();
        self.say(format!("{text} {hint}"));
        // A name the other tabs show may have changed, a link gone.
        self.reload_all(super::Stale::ALL);
        self.select(item);
        // A new procedure's steps are written next, in the editor.
        if item.kind == RecordKind::Procedure && !edited {
            self.edit_request = self.long_text();
        }
        Attempt::Done
    }

    /// Selects `item` on the tab that lists it, showing it there.
    fn select(&mut self, item: RecordRef) {
        match item.id_of::<CampaignId>() {
            Some(id) => {
                let (cols, week_start) = (self.fit.timeline_cols, self.config.week_start);
                if let Some(p) = &mut self.plan {
                    p.reveal(id, cols, week_start);
                }
                self.settle_plan();
            }
            None => {
                if let Some(s) = &mut self.strategy {
                    s.select(item);
                }
            }
        }
    }
}
