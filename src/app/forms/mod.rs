//! The forms of the TUI, each built on the generic [`Form`]: what it
//! holds, and how its fields turn into what is written. Each module
//! builds its form and reads it back; `App` writes the result.

pub mod note;
pub mod record;
pub mod task;

use chrono::NaiveDate;

use super::form::{Field, FieldError, Form};
use crate::domain::{NoteId, TaskId};
use crate::i18n::UiWords;

/// What a form is for, so what submitting it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A new task, or the task with this id.
    Task(Option<TaskId>),
    /// KPI values for a day.
    Record,
    /// A new note, or the note with this id.
    Note(Option<NoteId>),
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
    ui: &UiWords,
) -> Result<NaiveDate, FieldError> {
    match form.value(field) {
        d if d.is_empty() => Err(FieldError::at(field, ui.required)),
        d => crate::domain::parse_date(&d, today).map_err(|e| FieldError::at(field, e)),
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
