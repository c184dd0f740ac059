//! The one place the app tells the kinds of strategy and plan record
//! apart: which form a new record of a kind opens, the form on a stored
//! record, and what saving a form writes.

use chrono::NaiveDate;

use super::Choices;
use crate::app::edits::{Failure, checked, refusal};
use crate::app::form::Form;
use crate::domain::{
    BudgetId, CampaignId, ChannelId, ObjectiveId, PersonId, ProcedureId, RecordKind, RecordRef,
    SegmentId, ToolId,
};
use crate::i18n::Format;
use crate::store::seen::{Seen, Table};
use crate::store::{Result, Store};

/// What a new record's form starts from where the kind has a span: a
/// campaign's days, a budget's period.
pub struct Starts {
    pub campaign: (NaiveDate, NaiveDate),
    pub budget: String,
}

/// The form of a new record of `kind`.
pub fn open_new(
    kind: RecordKind,
    choices: &Choices,
    starts: &Starts,
    today: NaiveDate,
    fmt: Format,
) -> Form {
    match kind {
        RecordKind::Objective => super::objective::open(None, choices, today, fmt),
        RecordKind::Segment => super::segment::open(None, fmt),
        RecordKind::Channel => super::channel::open(None, choices, fmt),
        RecordKind::Campaign => super::campaign::open(None, starts.campaign, choices, fmt),
        RecordKind::Person => super::person::open(None, fmt),
        RecordKind::Tool => super::tool::open(None, fmt),
        RecordKind::Budget => super::budget::open(None, &starts.budget, fmt),
        RecordKind::Procedure => super::procedure::open(None, choices, fmt),
    }
}

/// The form on `r` as the store has it now, with what its write checks.
/// Each record is read with the names its form shows, in one snapshot: a
/// name changed elsewhere is no change of the record.
pub fn open_stored(
    store: &Store,
    r: RecordRef,
    today: NaiveDate,
    fmt: Format,
) -> Result<(Form, Seen)> {
    let table = Table::Record(r.kind);
    let read = |s: &Store| Choices::read(s);
    Ok(match r.kind {
        RecordKind::Objective => {
            let id = ObjectiveId(r.id);
            let ((o, c), seen) =
                store.read_to_edit(table, r.id, |s| Ok((s.objective(id)?, read(s)?)))?;
            (super::objective::open(Some(&o), &c, today, fmt), seen)
        }
        RecordKind::Segment => {
            let (x, seen) = store.read_to_edit(table, r.id, |s| s.segment(SegmentId(r.id)))?;
            (super::segment::open(Some(&x), fmt), seen)
        }
        RecordKind::Channel => {
            let id = ChannelId(r.id);
            let ((x, c), seen) =
                store.read_to_edit(table, r.id, |s| Ok((s.channel(id)?, read(s)?)))?;
            (super::channel::open(Some(&x), &c, fmt), seen)
        }
        RecordKind::Campaign => {
            let id = CampaignId(r.id);
            let ((k, c), seen) =
                store.read_to_edit(table, r.id, |s| Ok((s.campaign(id)?, read(s)?)))?;
            let days = (k.start, k.end);
            (super::campaign::open(Some(&k), days, &c, fmt), seen)
        }
        RecordKind::Person => {
            let (x, seen) = store.read_to_edit(table, r.id, |s| s.person(PersonId(r.id)))?;
            (super::person::open(Some(&x), fmt), seen)
        }
        RecordKind::Tool => {
            let (x, seen) = store.read_to_edit(table, r.id, |s| s.tool(ToolId(r.id)))?;
            (super::tool::open(Some(&x), fmt), seen)
        }
        RecordKind::Budget => {
            let (b, seen) = store.read_to_edit(table, r.id, |s| s.budget(BudgetId(r.id)))?;
            (super::budget::open(Some(&b), &b.period, fmt), seen)
        }
        RecordKind::Procedure => {
            let id = ProcedureId(r.id);
            let ((p, c), seen) =
                store.read_to_edit(table, r.id, |s| Ok((s.procedure(id)?, read(s)?)))?;
            (super::procedure::open(Some(&p), &c, fmt), seen)
        }
    })
}

/// Writes what the form of a record of `kind` holds, an edit where its
/// record is still as `seen`: the record written and its name.
pub(in crate::app) fn save(
    kind: RecordKind,
    form: &Form,
    store: &mut Store,
    seen: Option<&Seen>,
    today: NaiveDate,
    fmt: Format,
) -> std::result::Result<(RecordRef, String), Failure> {
    match kind {
        RecordKind::Objective => {
            let o = super::objective::read(form, store, today, fmt)?;
            checked(store, seen, |s| s.save_objective(&o))
                .map_err(refusal(|e| super::objective::refused(e, fmt)))
                .map(|o| (RecordRef::of(o.id), o.title))
        }
        RecordKind::Segment => {
            let x = super::segment::read(form, fmt)?;
            checked(store, seen, |s| s.save_segment(&x))
                .map_err(refusal(|e| super::segment::refused(e, fmt)))
                .map(|s| (RecordRef::of(s.id), s.name))
        }
        RecordKind::Channel => {
            let c = super::channel::read(form, store, fmt)?;
            checked(store, seen, |s| s.save_channel(&c))
                .map_err(refusal(|e| super::channel::refused(e, fmt)))
                .map(|c| (RecordRef::of(c.id), c.name))
        }
        RecordKind::Campaign => {
            let c = super::campaign::read(form, store, today, fmt)?;
            checked(store, seen, |s| s.save_campaign(&c))
                .map_err(refusal(|e| super::campaign::refused(e, fmt)))
                .map(|c| (RecordRef::of(c.id), c.name))
        }
        RecordKind::Person => {
            let p = super::person::read(form);
            checked(store, seen, |s| s.save_person(&p))
                .map_err(refusal(|e| super::person::refused(e, fmt)))
                .map(|p| (RecordRef::of(p.id), p.name))
        }
        RecordKind::Tool => {
            let t = super::tool::read(form);
            checked(store, seen, |s| s.save_tool(&t))
                .map_err(refusal(|e| super::tool::refused(e, fmt)))
                .map(|t| (RecordRef::of(t.id), t.name))
        }
        RecordKind::Budget => {
            let b = super::budget::read(form, fmt)?;
            checked(store, seen, |s| s.save_budget(&b))
                .map_err(refusal(|e| super::budget::refused(e, fmt)))
                .map(|b| (RecordRef::of(b.id), b.period))
        }
        RecordKind::Procedure => {
            let p = super::procedure::read(form, store, fmt)?;
            checked(store, seen, |s| s.save_procedure(&p))
                .map_err(refusal(|e| super::procedure::refused(e, fmt)))
                .map(|p| (RecordRef::of(p.id), p.title))
        }
    }
}
