//! A form of one-line fields, each with a label, the value being typed,
//! the choices it can complete to and a hint. Every form of the TUI (a
//! task, KPI values, a note; later objectives, segments, channels,
//! campaigns, people) is one of these, so all behave the same: Tab and
//! Shift-Tab always move between fields, → (or Ctrl-Space) takes the
//! completion shown, Enter submits, Esc cancels writing nothing, and a
//! mistake keeps the form open with the message, on the field it is
//! about, with what was typed and the cursor where they were.
//!
//! Entering a field puts the cursor at the end of its text with nothing
//! selected: a selection nobody can see made one Backspace wipe a value.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, TextArea};

use super::forms::Purpose;
use crate::text::fold::fold;

/// At most this many completions are offered at once.
const COMPLETIONS: usize = 8;

/// One labelled field.
pub struct Field {
    pub label: &'static str,
    input: TextArea<'static>,
    choices: Vec<String>,
    hint: Option<String>,
    /// Holds choices separated by commas: completion works on the one
    /// being typed, the last.
    list: bool,
    /// Holds `name=value` pairs separated by spaces: completion works on
    /// the name being typed, the last word, and stops at its `=`.
    pairs: bool,
    /// Holds an amount of money, typed as a plain number: shown as money
    /// where the form is not (a conflict).
    money: bool,
}

/// Whether the cursor is after the last character.
fn at_end(area: &TextArea<'static>) -> bool {
    let ratatui_textarea::DataCursor(row, col) = area.cursor();
    let lines = area.lines();
    row + 1 >= lines.len() && lines.get(row).is_none_or(|l| col >= l.chars().count())
}

fn input(text: &str) -> TextArea<'static> {
    // Text stored with line breaks (a note) keeps them.
    let mut t = TextArea::new(text.split('\n').map(str::to_string).collect());
    t.move_cursor(CursorMove::Bottom);
    t.move_cursor(CursorMove::End);
    t
}

impl Field {
    /// Free text, edited where it is: a title, tags, a note's text.
    pub fn text(label: &'static str, value: &str) -> Field {
        Field {
            label,
            input: input(value),
            choices: Vec::new(),
            hint: None,
            list: false,
            pairs: false,
            money: false,
        }
    }

    /// One value: a name, a date, a number, one of a few words. Edited
    /// where it is, as free text is.
    pub fn value(label: &'static str, value: &str) -> Field {
        Field::text(label, value)
    }

    /// An amount of money (see [`Field::money`]).
    pub fn money(self) -> Field {
        Field {
            money: true,
            ..self
        }
    }

    /// What the field completes to, in the order offered.
    pub fn choices(self, choices: Vec<String>) -> Field {
        Field { choices, ..self }
    }

    /// Several of its choices, separated by commas ("Văn phòng, Sinh viên").
    pub fn list(self) -> Field {
        Field { list: true, ..self }
    }

    /// `name=value` pairs (`visits=1200 spend=850000`), its choices the
    /// names.
    pub fn pairs(self) -> Field {
        Field {
            pairs: true,
            ..self
        }
    }

    /// What to type, shown while the field has the focus and nothing to
    /// complete.
    pub fn hint(self, hint: impl Into<String>) -> Field {
        Field {
            hint: Some(hint.into()),
            ..self
        }
    }

    pub fn input(&self) -> &TextArea<'static> {
        &self.input
    }

    /// The text typed, trimmed; lines joined by line breaks.
    pub fn typed(&self) -> String {
        self.input.lines().join("\n").trim().to_string()
    }

    /// The choice `text` names exactly (case and accents aside).
    fn choice(&self, text: &str) -> Option<&str> {
        let typed = fold(text.trim());
        self.choices
            .iter()
            .find(|c| fold(c) == typed)
            .map(String::as_str)
    }

    /// The items of a list field, trimmed, empty ones left out.
    fn items(&self) -> Vec<String> {
        self.typed()
            .split(',')
            .map(|i| i.trim().to_string())
            .filter(|i| !i.is_empty())
            .collect()
    }

    /// What completion works on: the whole text, or a list's last item.
    fn current(&self) -> String {
        let typed = self.typed();
        if self.pairs {
            return typed.split_whitespace().last().unwrap_or("").to_string();
        }
        match typed.rsplit_once(',') {
            Some((_, last)) if self.list => last.trim().to_string(),
            _ => typed,
        }
    }

    /// The text with what completion works on replaced by `choice`.
    fn completed(&self, choice: &str) -> String {
        let typed = self.typed();
        if self.pairs {
            let before = typed
                .rsplit_once(char::is_whitespace)
                .map_or("", |(b, _)| b);
            return format!("{before} {choice}=").trim_start().to_string();
        }
        match typed.rsplit_once(',') {
            Some((before, _)) if self.list => format!("{}, {choice}", before.trim_end()),
            _ => choice.to_string(),
        }
    }

    /// The text with each choice written as the choice is, where it is
    /// typed without its accents or capitals.
    fn as_chosen(&self) -> String {
        if self.pairs {
            return self.typed();
        }
        if self.list {
            let items: Vec<String> = self
                .items()
                .iter()
                .map(|i| self.choice(i).map_or_else(|| i.clone(), str::to_string))
                .collect();
            return items.join(", ");
        }
        let typed = self.typed();
        self.choice(&typed).map_or(typed, str::to_string)
    }
}

/// A mistake in a form: the message, and the field it is about (none for
/// a failed write).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Option<usize>,
    pub message: String,
}

impl FieldError {
    pub fn at(field: impl Into<usize>, message: impl ToString) -> FieldError {
        FieldError {
            field: Some(field.into()),
            message: message.to_string(),
        }
    }

    pub fn general(message: impl ToString) -> FieldError {
        FieldError {
            field: None,
            message: message.to_string(),
        }
    }
}

pub struct Form {
    /// The frame's title: "New task", "Record values".
    pub title: &'static str,
    /// What submitting writes.
    pub purpose: Purpose,
    fields: Vec<Field>,
    /// What each field held when the form opened (or last caught up with
    /// its record, see [`Form::catch_up`]): what the user changed is what
    /// differs from it.
    base: Vec<String>,
    pub focus: usize,
    /// The last mistake, until the next key typed.
    pub error: Option<String>,
    /// The field the mistake is about.
    pub error_field: Option<usize>,
}

/// A field changed both in the form and elsewhere since the form
/// opened, to different values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub field: usize,
    pub label: &'static str,
    /// What was typed in the form.
    pub mine: String,
    /// What it was changed to elsewhere.
    pub theirs: String,
    /// Both are amounts of money.
    pub money: bool,
}

/// Names containing what was typed (case and accents aside), best first:
/// those starting with it, then the rest, at most `limit`.
fn matching<'a>(names: &'a [String], typed: &str, limit: usize) -> Vec<&'a str> {
    let typed = fold(typed.trim());
    if typed.is_empty() {
        return names.iter().take(limit).map(String::as_str).collect();
    }
    let mut starts = Vec::new();
    let mut inside = Vec::new();
    for n in names {
        let folded = fold(n);
        if folded.starts_with(&typed) {
            starts.push(n.as_str());
        } else if folded.contains(&typed) {
            inside.push(n.as_str());
        }
    }
    starts.extend(inside);
    starts.truncate(limit);
    starts
}

/// The value whose word is `typed`, case and accents aside: `words` pairs
/// each value with its words (the reader's, and the one the command line
/// takes).
pub fn choose<T: Copy>(typed: &str, words: &[(&str, T)]) -> Option<T> {
    let typed = fold(typed.trim());
    words
        .iter()
        .find(|(w, _)| fold(w) == typed)
        .map(|(_, v)| *v)
}

impl Form {
    /// A form with the focus on its first field.
    pub fn new(title: &'static str, purpose: Purpose, fields: Vec<Field>) -> Form {
        let base = fields.iter().map(Field::typed).collect();
        Form {
            title,
            purpose,
            fields,
            base,
            focus: 0,
            error: None,
            error_field: None,
        }
    }

    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// The text of a field, trimmed.
    pub fn value(&self, field: impl Into<usize>) -> String {
        self.fields
            .get(field.into())
            .map(Field::typed)
            .unwrap_or_default()
    }

    /// Whether the user changed a field.
    pub fn changed(&self, field: impl Into<usize>) -> bool {
        let i = field.into();
        self.base.get(i).is_some_and(|b| *b != self.value(i))
    }

    /// Whether the user changed any field.
    pub fn edited(&self) -> bool {
        (0..self.fields.len()).any(|i| self.changed(i))
    }

    /// Brings the form up to its record as it is now, `now` being the
    /// same form opened on it afresh: a field the user left takes now's
    /// text, one only the user changed keeps what was typed, and one
    /// changed on both sides, differently, keeps what was typed and is
    /// returned. What the form holds from now on counts as changed only
    /// where it differs from now's.
    pub fn catch_up(&mut self, now: &Form) -> Vec<Clash> {
        let mut clashes = Vec::new();
        for (i, (field, theirs)) in self.fields.iter_mut().zip(now.fields()).enumerate() {
            let (mine, theirs) = (field.typed(), theirs.typed());
            let base = self.base.get(i).map(String::as_str).unwrap_or_default();
            if mine == base {
                if theirs != mine {
                    field.input = input(&theirs);
                }
            } else if theirs != base && theirs != mine {
                clashes.push(Clash {
                    field: i,
                    label: field.label,
                    mine,
                    theirs,
                    money: field.money,
                });
            }
        }
        self.base = now.fields().iter().map(Field::typed).collect();
        clashes
    }

    fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// Puts `text` in a field, as if typed there.
    pub fn set(&mut self, field: impl Into<usize>, text: &str) {
        if let Some(f) = self.fields.get_mut(field.into()) {
            f.input = input(text);
        }
    }

    /// What the focused field can complete to, best first; nothing once
    /// it holds one of its choices (a list: once its last item is one),
    /// and a list never offers what it already holds.
    pub fn completions(&self) -> Vec<&str> {
        let Some(f) = self.focused() else {
            return Vec::new();
        };
        let current = f.current();
        if f.choice(&current).is_some() || (f.pairs && current.contains('=')) {
            return Vec::new();
        }
        if !f.list {
            return matching(&f.choices, &current, COMPLETIONS);
        }
        let listed: Vec<String> = f.items().iter().map(|i| fold(i)).collect();
        let mut found = matching(&f.choices, &current, usize::MAX);
        found.retain(|c| !listed.contains(&fold(c)));
        found.truncate(COMPLETIONS);
        found
    }

    /// The focused field's hint.
    pub fn hint(&self) -> Option<&str> {
        self.focused().and_then(|f| f.hint.as_deref())
    }

    /// Tab: moves to the next field, whatever is offered (a choice typed
    /// without its accents or capitals is written as the choice is).
    pub fn next(&mut self) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            let chosen = f.as_chosen();
            if chosen != f.typed() {
                f.input = input(&chosen);
            }
        }
        let n = self.fields.len().max(1);
        self.enter((self.focus + 1) % n);
    }

    /// Shift-Tab: the previous field.
    pub fn prev(&mut self) {
        let n = self.fields.len().max(1);
        self.enter((self.focus + n - 1) % n);
    }

    /// → or Ctrl-Space: takes the first completion shown, where the cursor
    /// is at the end of the text; elsewhere (or with nothing offered) the
    /// cursor moves right, as → does in any text.
    pub fn complete(&mut self) {
        let first = self.completions().first().map(|s| s.to_string());
        let Some(f) = self.fields.get_mut(self.focus) else {
            return;
        };
        match first {
            Some(c) if at_end(&f.input) => f.input = input(&f.completed(&c)),
            _ => f.input.move_cursor(CursorMove::Forward),
        }
        self.error = None;
        self.error_field = None;
    }

    /// Moves to a field, the cursor at the end of its text, nothing
    /// selected.
    fn enter(&mut self, i: usize) {
        self.focus = i;
        if let Some(f) = self.fields.get_mut(i) {
            f.input.cancel_selection();
            f.input.move_cursor(CursorMove::Bottom);
            f.input.move_cursor(CursorMove::End);
        }
    }

    /// A key typed into the focused field.
    pub fn type_key(&mut self, key: KeyEvent) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            super::typing::type_key(&mut f.input, key);
        }
        self.error = None;
        self.error_field = None;
    }

    /// Keeps the form open with a mistake, on the field it is about,
    /// holding what was typed with the cursor where it was.
    pub fn fail(&mut self, e: FieldError) {
        if let Some(i) = e.field.filter(|i| *i < self.fields.len()) {
            self.focus = i;
        }
        self.error = Some(e.message);
        self.error_field = e.field;
    }

    /// The mistake as shown, naming the field: "Value: …".
    pub fn error_line(&self) -> Option<String> {
        let e = self.error.as_deref()?;
        Some(match self.error_field.and_then(|i| self.fields.get(i)) {
            Some(f) => format!("{}: {e}", f.label),
            None => e.to_string(),
        })
    }
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
