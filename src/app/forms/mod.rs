//! The forms of the TUI, each built on the generic [`Form`]: what it
//! holds, and how its fields turn into what is written. Each module
//! builds its form and reads it back; `App` writes the result, and a
//! rule the store finds broken is shown on the field it is about.

pub mod budget;
pub mod campaign;
pub mod channel;
pub mod kinds;
pub mod marked;
pub mod note;
pub mod objective;
pub mod person;
pub mod procedure;
pub mod record;
pub mod resource;
pub mod segment;
pub mod task;
pub mod tool;

use chrono::NaiveDate;

use super::form::{Field, FieldError, Form};
use crate::domain::RecordKind;
use crate::domain::validate;
use crate::domain::{
    Amount, ChannelId, NoteId, ObjectiveId, PersonId, RecordId, RecordRef, SegmentId, TaskId,
};
use crate::i18n::{Format, UiWords};
use crate::store::{Store, StoreError};

/// What a form is for, so what submitting it writes: a new record (no
/// id) or the record with the id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Task(Option<TaskId>),
    /// KPI values for a day.
    Record,
    Note(Option<NoteId>),
    /// A new strategy or plan record of the kind (a procedure's steps
    /// are long text, written next in the editor).
    New(RecordKind),
    /// The strategy or plan record.
    Edit(RecordRef),
    /// Which resource to add: a budget, a person or a tool.
    Resource,
    /// A campaign, an assignee and tags for every marked task.
    Marked,
    /// The name of a saved view of the Tasks tab (written to the config
    /// file, not the database).
    View,
}

impl Purpose {
    /// The purpose of the form of a record of `I`'s kind: new, or the
    /// record `editing`.
    pub fn item<I: RecordId>(editing: Option<I>) -> Purpose {
        editing.map_or(Purpose::New(I::KIND), |id| Purpose::Edit(RecordRef::of(id)))
    }

    /// The kind of strategy or plan record the form writes, if it is one.
    pub fn kind(self) -> Option<RecordKind> {
        match self {
            Purpose::New(kind) => Some(kind),
            Purpose::Edit(r) => Some(r.kind),
            _ => None,
        }
    }

    /// The record of `I`'s kind the form edits, if any.
    pub fn editing<I: RecordId>(self) -> Option<I> {
        match self {
            Purpose::Edit(r) => r.id_of(),
            _ => None,
        }
    }
}

/// The form's title: "New segment" or "Edit segment".
fn title(kind: RecordKind, editing: bool, ui: &UiWords) -> &'static str {
    let words = (ui.records.kinds)(kind);
    if editing { words.edit } else { words.new }
}

/// The names the forms complete to, with the ids of the records named.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    pub metrics: Vec<String>,
    pub objectives: Vec<(ObjectiveId, String)>,
    pub segments: Vec<(SegmentId, String)>,
    pub channels: Vec<(ChannelId, String)>,
    pub people: Vec<(PersonId, String)>,
}

impl Choices {
    pub fn read(store: &Store) -> Result<Choices, StoreError> {
        Ok(Choices {
            metrics: store.metrics()?.into_iter().map(|m| m.name).collect(),
            objectives: store
                .objectives()?
                .into_iter()
                .map(|o| (o.id, o.title))
                .collect(),
            segments: store
                .segments()?
                .into_iter()
                .map(|s| (s.id, s.name))
                .collect(),
            channels: store
                .channels()?
                .into_iter()
                .map(|c| (c.id, c.name))
                .collect(),
            people: store
                .people()?
                .into_iter()
                .map(|p| (p.id, p.name))
                .collect(),
        })
    }
}

/// The names of `records`, for completion.
fn names<T>(records: &[(T, String)]) -> Vec<String> {
    records.iter().map(|(_, n)| n.clone()).collect()
}

/// The name of the record `id`, or nothing.
fn name_of<T: PartialEq>(records: &[(T, String)], id: Option<T>) -> &str {
    id.and_then(|id| records.iter().find(|(i, _)| *i == id))
        .map_or("", |(_, n)| n.as_str())
}

/// The record named in `field`, found as the command line finds names
/// (id, name, accents aside, an unambiguous part); none where empty.
fn named(
    form: &Form,
    field: impl Into<usize> + Copy,
    store: &Store,
    kind: RecordKind,
    fmt: Format,
) -> Result<Option<i64>, FieldError> {
    match form.value(field) {
        v if v.is_empty() => Ok(None),
        v => store
            .resolve(kind, &v)
            .map(Some)
            .map_err(|e| FieldError::at(field, fmt.error(&e))),
    }
}

/// The amount typed in `field`, read as the locale writes numbers (see
/// [`crate::domain::numbers`]); none where empty.
fn amount(
    form: &Form,
    field: impl Into<usize> + Copy,
    fmt: crate::i18n::Format,
) -> Result<Option<Amount>, FieldError> {
    match form.value(field) {
        v if v.is_empty() => Ok(None),
        v => crate::domain::parse_amount(&v, fmt.locale)
            .map(Some)
            .map_err(|e| FieldError::at(field, fmt.error(&e))),
    }
}

/// A rule the store found broken, on the field it is about, in the
/// reader's words: `fields` pairs the store's fields with the form's; a
/// duplicate is on `unique` (the name, or a budget's period).
fn refused(
    e: StoreError,
    fmt: Format,
    fields: &[(validate::Field, usize)],
    unique: usize,
) -> FieldError {
    let at = match &e {
        StoreError::Invalid(i) => i
            .field()
            .and_then(|name| fields.iter().find(|(n, _)| *n == name))
            .map(|(_, f)| *f),
        StoreError::Duplicate { .. } | StoreError::BudgetExists(_) => Some(unique),
        _ => None,
    };
    let message = fmt.error(&e);
    match at {
        Some(f) => FieldError::at(f, message),
        None => FieldError::general(message),
    }
}

/// A field holding a date, with the hint of the forms people type.
fn date_field(label: &'static str, value: &str, ui: &UiWords) -> Field {
    Field::value(label, value).hint(ui.date_hint)
}

/// The date typed in `field`, as the command line reads dates.
fn date(
    form: &Form,
    field: impl Into<usize> + Copy,
    today: NaiveDate,
    fmt: Format,
) -> Result<NaiveDate, FieldError> {
    match form.value(field) {
        d if d.is_empty() => Err(FieldError::at(field, fmt.words().ui.required)),
        d => crate::domain::parse_date(&d, today).map_err(|e| FieldError::at(field, fmt.error(&e))),
    }
}

/// A field of one of a few words, completing to the reader's words and
/// listing them all as its hint.
fn choice_field(label: &'static str, value: &str, words: &[&str]) -> Field {
    Field::value(label, value)
        .choices(words.iter().map(|w| w.to_string()).collect())
        .hint(words.join(" · "))
}

/// Which of `values` was typed in `field`: by the reader's word (`word`)
/// or the command line's (`as_str`), case and accents aside.
fn chosen<T: Copy>(
    form: &Form,
    field: impl Into<usize> + Copy,
    values: &[T],
    word: impl Fn(T) -> &'static str,
    as_str: impl Fn(T) -> &'static str,
    ui: &UiWords,
) -> Result<T, FieldError> {
    let typed = form.value(field);
    if typed.is_empty() {
        return Err(FieldError::at(field, ui.required));
    }
    let words: Vec<(&str, T)> = values
        .iter()
        .flat_map(|v| [(word(*v), *v), (as_str(*v), *v)])
        .collect();
    super::form::choose(&typed, &words).ok_or_else(|| {
        let allowed: Vec<&str> = values.iter().map(|v| word(*v)).collect();
        FieldError::at(
            field,
            crate::i18n::Format::fill_all(ui.not_one_of, &[&typed, &allowed.join(", ")]),
        )
    })
}
