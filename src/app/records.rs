//! What the Strategy and Plan tabs' keys write: objectives, segments,
//! channels, budgets, people, tools and procedures on the Strategy tab,
//! campaigns and their tasks on the Plan tab, each added or edited in its
//! form (see `forms`) and deleted after a question (see `deleting`).
//! Every write is one journaled change, so `u` undoes it.

use chrono::Days;

use super::editor::{EditRequest, EditTarget};
use super::edits::{Attempt, Failure, checked, refusal};
use super::forms::{self, Choices, Kind, Purpose};
use super::strategy::Section;
use super::{Action, App, Overlay};
use crate::domain::{
    BudgetId, CampaignId, ChannelId, ObjectiveId, PersonId, ProcedureId, SegmentId, ToolId,
};
use crate::i18n::Format;
use crate::metrics::{Granularity, Period};
use crate::store::seen::Seen;

/// One record of the Strategy or Plan tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Objective(ObjectiveId),
    Segment(SegmentId),
    Channel(ChannelId),
    Campaign(CampaignId),
    Person(PersonId),
    Tool(ToolId),
    Budget(BudgetId),
    Procedure(ProcedureId),
}

impl Item {
    pub fn kind(self) -> Kind {
        match self {
            Item::Objective(_) => Kind::Objective,
            Item::Segment(_) => Kind::Segment,
            Item::Channel(_) => Kind::Channel,
            Item::Campaign(_) => Kind::Campaign,
            Item::Person(_) => Kind::Person,
            Item::Tool(_) => Kind::Tool,
            Item::Budget(_) => Kind::Budget,
            Item::Procedure(_) => Kind::Procedure,
        }
    }
}

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
                Section::Objectives => self.open_new(Kind::Objective),
                Section::Segments => self.open_new(Kind::Segment),
                Section::Channels => self.open_new(Kind::Channel),
                Section::Message => {}
                Section::Resources => {
                    // The kind of the row the selection is on, else people.
                    let kind = item.map_or(Kind::Person, Item::kind);
                    let form = forms::resource::open(kind, self.format());
                    self.overlay = Overlay::Form(Box::new(form));
                }
                Section::Procedures => self.open_new(Kind::Procedure),
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
            (Action::Add, _) => self.open_new(Kind::Campaign),
            (Action::Edit, Some(c)) => self.open_edit(Item::Campaign(c.id)),
            (Action::Delete, Some(c)) => self.ask_delete(Item::Campaign(c.id)),
            (Action::AddTaskToCampaign, Some(c)) => {
                let mut form = forms::task::open(None, self.names(), self.format());
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
                self.fail(e.to_string());
                None
            }
        }
    }

    fn show_form(&mut self, form: super::form::Form) {
        self.overlay = Overlay::Form(Box::new(form));
    }

    /// The form of a new record of `kind`.
    fn open_new(&mut self, kind: Kind) {
        let fmt = self.format();
        let Some(choices) = self.choices() else {
            return;
        };
        let form = match kind {
            Kind::Objective => forms::objective::open(None, &choices, self.today, fmt),
            Kind::Segment => forms::segment::open(None, fmt),
            Kind::Channel => forms::channel::open(None, &choices, fmt),
            Kind::Campaign => {
                // The first day shown, unless the timeline starts in the
                // past: a new campaign is never pre-filled already over.
                let from = self
                    .plan
                    .as_ref()
                    .map_or(self.today, |p| p.from.max(self.today));
                let to = from.checked_add_days(Days::new(6)).unwrap_or(from);
                forms::campaign::open(None, (from, to), &choices, fmt)
            }
            Kind::Person => forms::person::open(None, fmt),
            Kind::Tool => forms::tool::open(None, fmt),
            Kind::Budget => {
                let month =
                    Period::containing(Granularity::Month, self.today, self.config.week_start);
                forms::budget::open(None, &month.label(), fmt)
            }
            Kind::Procedure => forms::procedure::open(None, &choices, fmt),
        };
        self.show_form(form);
    }

    /// The form holding `item` as the store has it now.
    fn open_edit(&mut self, item: Item) {
        let purpose = match item {
            Item::Objective(id) => Purpose::Objective(Some(id)),
            Item::Segment(id) => Purpose::Segment(Some(id)),
            Item::Channel(id) => Purpose::Channel(Some(id)),
            Item::Campaign(id) => Purpose::Campaign(Some(id)),
            Item::Person(id) => Purpose::Person(Some(id)),
            Item::Tool(id) => Purpose::Tool(Some(id)),
            Item::Budget(id) => Purpose::Budget(Some(id)),
            Item::Procedure(id) => Purpose::Procedure(Some(id)),
        };
        match self.form_as_stored(purpose) {
            Ok(Some((form, _))) => self.show_form(form),
            Ok(None) => {}
            Err(e) => self.fail(e.to_string()),
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
        let saved: std::result::Result<(Item, String), Failure> = match purpose {
            Purpose::Objective(_) => forms::objective::read(form, store, today, fmt)
                .map_err(Failure::from)
                .and_then(|o| {
                    checked(store, seen, |s| s.save_objective(&o))
                        .map_err(refusal(forms::objective::refused))
                })
                .map(|o| (Item::Objective(o.id), o.title)),
            Purpose::Segment(_) => forms::segment::read(form, fmt)
                .map_err(Failure::from)
                .and_then(|x| {
                    checked(store, seen, |s| s.save_segment(&x))
                        .map_err(refusal(forms::segment::refused))
                })
                .map(|s| (Item::Segment(s.id), s.name)),
            Purpose::Channel(_) => forms::channel::read(form, store, fmt)
                .map_err(Failure::from)
                .and_then(|c| {
                    checked(store, seen, |s| s.save_channel(&c))
                        .map_err(refusal(forms::channel::refused))
                })
                .map(|c| (Item::Channel(c.id), c.name)),
            Purpose::Campaign(_) => forms::campaign::read(form, store, today, fmt)
                .map_err(Failure::from)
                .and_then(|c| {
                    checked(store, seen, |s| s.save_campaign(&c))
                        .map_err(refusal(forms::campaign::refused))
                })
                .map(|c| (Item::Campaign(c.id), c.name)),
            Purpose::Person(_) => {
                let p = forms::person::read(form);
                checked(store, seen, |s| s.save_person(&p))
                    .map_err(refusal(forms::person::refused))
                    .map(|p| (Item::Person(p.id), p.name))
            }
            Purpose::Tool(_) => {
                let t = forms::tool::read(form);
                checked(store, seen, |s| s.save_tool(&t))
                    .map_err(refusal(forms::tool::refused))
                    .map(|t| (Item::Tool(t.id), t.name))
            }
            Purpose::Budget(_) => forms::budget::read(form, fmt)
                .map_err(Failure::from)
                .and_then(|b| {
                    checked(store, seen, |s| s.save_budget(&b))
                        .map_err(refusal(forms::budget::refused))
                })
                .map(|b| (Item::Budget(b.id), b.period)),
            Purpose::Procedure(_) => forms::procedure::read(form, store)
                .map_err(Failure::from)
                .and_then(|p| {
                    checked(store, seen, |s| s.save_procedure(&p))
                        .map_err(refusal(forms::procedure::refused))
                })
                .map(|p| (Item::Procedure(p.id), p.title)),
            Purpose::Resource => match forms::resource::read(form, fmt) {
                Ok(kind) => {
                    self.open_new(kind);
                    return Attempt::Done;
                }
                Err(e) => Err(Failure::from(e)),
            },
            Purpose::Task(_) | Purpose::Record | Purpose::Note(_) => return Attempt::Done,
        };
        let (item, name) = match saved {
            Ok(s) => s,
            Err(e) => return e.shown(self),
        };
        self.overlay = Overlay::None;
        let r = &fmt.words().ui.records;
        let edited = matches!(
            purpose,
            Purpose::Objective(Some(_))
                | Purpose::Segment(Some(_))
                | Purpose::Channel(Some(_))
                | Purpose::Campaign(Some(_))
                | Purpose::Person(Some(_))
                | Purpose::Tool(Some(_))
                | Purpose::Budget(Some(_))
                | Purpose::Procedure(Some(_))
        );
        let template = if edited { r.saved } else { r.added };
        let text = Format::fill_all(template, &[&r.items[item.kind().index()], &name]);
        let hint = self.undo_hint();
        self.say(format!("{text} {hint}"));
        // A name the other tabs show may have changed, a link gone.
        self.reload_all(super::Stale::ALL);
        self.select(item);
        // A new procedure's steps are written next, in the editor.
        if let (Item::Procedure(_), false) = (item, edited) {
            self.edit_request = self.long_text();
        }
        Attempt::Done
    }

    /// Selects `item` on the tab that lists it, showing it there.
    fn select(&mut self, item: Item) {
        match item {
            Item::Campaign(id) => {
                let (cols, week_start) = (self.fit.timeline_cols, self.config.week_start);
                if let Some(p) = &mut self.plan {
                    p.reveal(id, cols, week_start);
                }
                self.settle_plan();
            }
            _ => {
                if let Some(s) = &mut self.strategy {
                    s.select(item);
                }
            }
        }
    }
}
