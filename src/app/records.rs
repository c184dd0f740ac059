//! Writing strategy and plan records: objectives, segments, channels,
//! budgets, people, tools and procedures on the Strategy tab, campaigns
//! on the Plan tab. A tab opens a record's form through the functions
//! here, which return an [`Effect`]; the `App` writes what the form holds
//! when it is submitted, and deletes a record once its question is
//! answered (see `deleting`). Every write is one journaled change, so `u`
//! undoes it.

use chrono::{Days, NaiveDate};

use super::edits::{Attempt, Failure};
use super::effect::{Effect, Env};
use super::forms::kinds::Starts;
use super::forms::{self, Choices, Purpose};
use super::{App, Overlay, env};
use crate::domain::{CampaignId, RecordKind, RecordRef};
use crate::i18n::Format;
use crate::metrics::{Granularity, Period};
use crate::store::seen::Seen;

/// The form of a new record of `kind`; a campaign runs the week from
/// `campaign_from`. Where the names the form completes to cannot be
/// read, it says why and opens nothing.
pub fn open_new(kind: RecordKind, env: &Env, campaign_from: NaiveDate) -> Effect {
    let fmt = env.format();
    let choices = match Choices::read(env.store) {
        Ok(c) => c,
        Err(e) => return Effect::failed(env.format().error(&e)),
    };
    // Four weeks: a campaign of a week is rarely what is meant.
    let to = campaign_from
        .checked_add_days(Days::new(27))
        .unwrap_or(campaign_from);
    let month = Period::containing(Granularity::Month, env.today, env.config.week_start);
    let starts = Starts {
        campaign: (campaign_from, to),
        budget: month.label(),
    };
    let form = forms::kinds::open_new(kind, &choices, &starts, env.today, fmt);
    Effect::open(Overlay::Form(Box::new(form)))
}

/// The form holding `item` as the store has it now.
pub fn open_edit(item: RecordRef, env: &Env) -> Effect {
    match forms::kinds::open_stored(env.store, item, env.today, env.format()) {
        Ok((form, _)) => Effect::open(Overlay::Form(Box::new(form))),
        Err(e) => Effect::failed(env.format().error(&e)),
    }
}

/// The question which kind of resource to add, on `kind` first.
pub fn ask_resource_kind(kind: RecordKind, env: &Env) -> Effect {
    let form = forms::resource::open(kind, env.format());
    Effect::open(Overlay::Form(Box::new(form)))
}

impl App {
    /// The form of a new record of `kind`: a campaign runs the first week
    /// the Plan tab shows, unless that is in the past (a new campaign is
    /// never pre-filled already over).
    fn open_new(&mut self, kind: RecordKind) {
        let from = self
            .plan
            .as_ref()
            .map_or(self.today, |p| p.from.max(self.today));
        let effect = open_new(kind, &env!(self), from);
        self.apply(effect);
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
            let words = self.words();
            self.edit_request = self.strategy.as_ref().and_then(|s| s.long_text(words));
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
