//! The KPIs tab's notes of the selected period, and what its keys write:
//! record KPI values, add, edit or delete a note, follow a note up with a
//! task. Every write is one journaled change, so `u` undoes it.

use chrono::Days;

use super::edits::{self, Attempt, Failure};
use super::form::FieldError;
use super::forms::{note, record};
use super::kpis::NOTES_VIEW;
use super::{Action, App, Overlay, Pending};
use crate::domain::{CauseCategory, Dimension, Note, NoteId, NoteKind, TaskId, ValueSource};
use crate::i18n::Format;
use crate::metrics::Period;
use crate::store::seen::Seen;
use crate::store::tasks::NewTask;
use crate::store::{Result, Store};

/// A note with the tasks that follow it up.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteLine {
    pub note: Note,
    pub follow_ups: Vec<TaskId>,
}

/// The notes overlapping the selected period, oldest first, and the
/// selected one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PeriodNotes {
    pub lines: Vec<NoteLine>,
    pub selected: usize,
}

impl PeriodNotes {
    pub fn load(store: &Store, period: &Period) -> Result<PeriodNotes> {
        let lines = store
            .notes_between(period.start, period.end)?
            .into_iter()
            .map(|note| {
                let follow_ups = store
                    .tasks_following(note.id)?
                    .into_iter()
                    .map(|t| t.id)
                    .collect();
                Ok(NoteLine { note, follow_ups })
            })
            .collect::<Result<_>>()?;
        Ok(PeriodNotes { lines, selected: 0 })
    }

    pub fn selected(&self) -> Option<&NoteLine> {
        self.lines.get(self.selected)
    }

    /// Selects the note with `id` if listed, else keeps the position,
    /// within the list.
    pub fn keep(&mut self, id: Option<NoteId>, position: usize) {
        self.selected = id
            .and_then(|id| self.lines.iter().position(|l| l.note.id == id))
            .unwrap_or(position)
            .min(self.lines.len().saturating_sub(1));
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.lines.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }
}

/// Longest note text a follow-up task's title repeats, in characters.
const TITLE_TEXT: usize = 80;

/// A follow-up task's title: `template` ("Follow up: {}") filled with the
/// note's text on one line, cut after a whole word where it is long.
pub fn follow_up_title(template: &str, text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= TITLE_TEXT {
        return Format::fill(template, one_line);
    }
    let cut: String = one_line.chars().take(TITLE_TEXT).collect();
    let words = match cut.rfind(' ') {
        Some(i) if i > TITLE_TEXT / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    let words = words.trim_end_matches(|c: char| c.is_ascii_punctuation() || c == ' ');
    Format::fill(template, format!("{words}…"))
}

impl App {
    /// Whether the notes are on screen: beside the figures, or as the
    /// view `c` chose.
    fn notes_in_view(&self) -> bool {
        self.fit.notes_beside || self.kpis.as_ref().is_some_and(|k| k.view == NOTES_VIEW)
    }

    /// The KPIs tab's keys for values and notes. A key about the selected
    /// note while the notes are not on screen first shows them.
    pub(super) fn update_notes(&mut self, action: Action) {
        let in_view = self.notes_in_view();
        let ui = &self.words().ui;
        // A note takes two rows.
        let page = (self.fit.list_height / 2).max(1) as isize;
        let Some(k) = &mut self.kpis else {
            return;
        };
        let list = &mut k.period_notes;
        match action {
            Action::Record => self.open_record_form(),
            Action::Add => self.open_note_form(None),
            _ if !in_view => k.view = NOTES_VIEW,
            Action::Up => list.move_by(-1),
            Action::Down => list.move_by(1),
            Action::PageUp => list.move_by(-page),
            Action::PageDown => list.move_by(page),
            Action::HalfPageUp => list.move_by(-(page / 2).max(1)),
            Action::HalfPageDown => list.move_by((page / 2).max(1)),
            Action::Top => list.selected = 0,
            Action::Bottom => list.move_by(isize::MAX),
            Action::Edit => {
                if let Some(n) = list.selected().map(|l| l.note.clone()) {
                    self.open_note_form(Some(n));
                }
            }
            Action::Delete => {
                if let Some((id, text)) = list.selected().map(|l| (l.note.id, &l.note.text)) {
                    let what = format!(
                        "{id} \u{201c}{}\u{201d}",
                        crate::text::fit(&text.replace('\n', " "), 40)
                    );
                    let question = Format::fill(ui.confirm_delete_note, what);
                    self.overlay = Overlay::Confirm {
                        question,
                        pending: Pending::DeleteNote(id),
                    };
                }
            }
            Action::FollowUp => self.follow_up(),
            _ => {}
        }
    }

    /// The metrics a value can be recorded for (derived figures cannot).
    pub(super) fn metric_names(&self) -> Vec<String> {
        self.store
            .metrics()
            .map(|v| {
                v.into_iter()
                    .map(|m| m.name)
                    .filter(|n| !crate::metrics::figures::is_derived(n))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn open_record_form(&mut self) {
        match record::Dimensions::read(&self.store) {
            Ok(dims) => {
                let day = self.record_day.unwrap_or(self.today);
                let form = record::open(day, self.metric_names(), dims, self.format());
                self.overlay = Overlay::Form(Box::new(form));
            }
            Err(e) => self.fail(self.format().error(&e)),
        }
    }

    /// The form for `note`, or for a new cause note on the selected period.
    fn open_note_form(&mut self, note: Option<Note>) {
        let period = self.kpis.as_ref().map(|k| k.period);
        let note = note.unwrap_or_else(|| Note {
            id: NoteId(0),
            kind: NoteKind::Cause,
            category: CauseCategory::Other,
            start: period.map_or(self.today, |p| p.start),
            end: period.map_or(self.today, |p| p.end),
            metric: None,
            text: String::new(),
            created_at: chrono::Utc::now(),
        });
        let form = note::open(&note, self.metric_names(), self.format());
        self.overlay = Overlay::Form(Box::new(form));
    }

    /// Writes the values of the record form as one change (one undo
    /// takes them all back) and remembers their day for the next record;
    /// a mistake keeps the form open.
    pub(super) fn submit_record(&mut self) {
        let Overlay::Form(form) = &self.overlay else {
            return;
        };
        let fmt = self.format();
        let inputs = match record::read(form, &self.store, self.today, fmt) {
            Ok(v) => v,
            Err(e) => return self.form_failed(e),
        };
        let Some(first) = inputs.first().cloned() else {
            return;
        };
        let label = crate::store::ChangeLabel::RecordKpis {
            day: first.day.to_string(),
        };
        let outcome = match self
            .store
            .record_kpis(&inputs, ValueSource::Recorded, label, true)
        {
            Ok(o) => o,
            Err(e) => return self.form_failed(FieldError::general(self.format().error(&e))),
        };
        self.overlay = Overlay::None;
        self.record_day = Some(first.day);
        let ui = &fmt.words().ui;
        let date = fmt.date(first.day);
        let text = if inputs.len() > 1 {
            if outcome.unchanged == inputs.len() {
                return self.say(Format::fill(ui.form.unchanged_many, &date));
            }
            let written = outcome.added + outcome.replaced.len();
            let text = Format::fill_all(ui.form.recorded_many, &[&written, &date]);
            match outcome.replaced.len() {
                0 => text,
                n => format!("{text} {}", Format::fill(ui.form.replaced_many, n)),
            }
        } else {
            let what = self.value_label(&first.metric, first.dimension);
            let unit = self.store.metric(&first.metric).map(|m| m.unit);
            let show = |v| match unit {
                Ok(u) => crate::report::text::in_unit(fmt, u, v),
                Err(_) => v.to_string(),
            };
            let value = show(first.value);
            if outcome.unchanged > 0 {
                // Nothing was written, so there is nothing to undo either.
                return self.say(Format::fill_all(ui.msg_unchanged, &[&what, &date, &value]));
            }
            match outcome.replaced.first() {
                Some((_, old)) => {
                    Format::fill_all(ui.msg_replaced, &[&what, &value, &date, &show(*old)])
                }
                None => Format::fill_all(ui.msg_recorded, &[&what, &value, &date]),
            }
        };
        let hint = self.undo_hint();
        self.say(format!("{text} {hint}"));
        self.notes_written(None);
    }

    /// "Visits" or "Visits (channel Facebook)": a metric by its label
    /// where the catalog has one, with the dimension's name.
    fn value_label(&self, metric: &str, d: Dimension) -> String {
        let w = self.words();
        let label = match crate::report::text::label(w, metric) {
            "" => metric,
            l => l,
        };
        let name = match d {
            Dimension::Total => return label.to_string(),
            Dimension::Segment(id) => self
                .store
                .segment(id)
                .map(|s| Format::fill(w.cli.dimension_segment, s.name)),
            Dimension::Channel(id) => self
                .store
                .channel(id)
                .map(|c| Format::fill(w.cli.dimension_channel, c.name)),
            Dimension::Campaign(id) => self
                .store
                .campaign(id)
                .map(|c| Format::fill(w.cli.dimension_campaign, c.name)),
        };
        match name {
            Ok(n) => format!("{label} ({n})"),
            Err(_) => label.to_string(),
        }
    }

    /// Writes the note of the note form, an edit where the note is still
    /// as `seen`; a mistake keeps the form open.
    pub(super) fn submit_note(&mut self, seen: Option<&Seen>) -> Attempt {
        let Overlay::Form(form) = &self.overlay else {
            return Attempt::Done;
        };
        let fmt = self.format();
        let written = note::read(form, &self.store, self.today, fmt)
            .map_err(Failure::from)
            .and_then(|n| {
                edits::checked(&mut self.store, seen, |s| s.save_note(&n))
                    .map(|id| (id, n.id.0 > 0))
                    .map_err(edits::refusal(|e| FieldError::general(fmt.error(&e))))
            });
        match written {
            Ok((id, edited)) => {
                self.overlay = Overlay::None;
                let ui = &fmt.words().ui;
                let text = Format::fill(
                    if edited {
                        ui.msg_saved_note
                    } else {
                        ui.msg_added_note
                    },
                    id,
                );
                let hint = self.undo_hint();
                self.say(format!("{text} {hint}"));
                self.notes_written(Some(id));
                if !self.notes_in_view()
                    && let Some(k) = &mut self.kpis
                {
                    k.view = NOTES_VIEW;
                }
                Attempt::Done
            }
            Err(e) => e.shown(self),
        }
    }

    /// Deletes a note once confirmed.
    pub(super) fn delete_note(&mut self, id: NoteId) {
        match self.store.delete_note(id) {
            Ok(()) => {
                let text = Format::fill(self.words().ui.msg_deleted_note, id);
                let hint = self.undo_hint();
                self.say(format!("{text} {hint}"));
                self.notes_written(None);
            }
            Err(e) => self.fail(self.format().error(&e)),
        }
    }

    /// The note selected on the KPIs tab.
    pub(super) fn selected_note(&self) -> Option<Note> {
        self.kpis
            .as_ref()
            .and_then(|k| k.period_notes.selected())
            .map(|l| l.note.clone())
    }

    /// A task following up the selected note, due a week from today; a
    /// note already followed up asks first, so a second `f` never adds a
    /// task unnoticed.
    fn follow_up(&mut self) {
        let Some(line) = self.kpis.as_ref().and_then(|k| k.period_notes.selected()) else {
            return;
        };
        let note = line.note.clone();
        if line.follow_ups.is_empty() {
            return self.follow_up_note(note);
        }
        let tasks = line
            .follow_ups
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let question =
            Format::fill_all(self.words().ui.confirm_follow_up_again, &[&note.id, &tasks]);
        self.overlay = Overlay::Confirm {
            question,
            pending: Pending::FollowUpAgain(note.id),
        };
    }

    /// A task following up `note`, due a week from today.
    pub(super) fn follow_up_note(&mut self, note: Note) {
        let ui = &self.words().ui;
        let new = NewTask {
            due: self.today.checked_add_days(Days::new(7)),
            follows_note: Some(note.id),
            ..NewTask::titled(&follow_up_title(ui.follow_up_title, &note.text))
        };
        match self.store.add_task(&new) {
            Ok(task) => {
                let text = Format::fill_all(ui.msg_followed_up, &[&task.id, &note.id]);
                let hint = self.undo_hint();
                self.say(format!("{text} {hint}"));
                self.tasks.put_written(task, &super::env!(self));
                self.notes_written(Some(note.id));
            }
            Err(e) => self.fail(self.format().error(&e)),
        }
    }

    /// After a write of ours to notes, tasks or figures: the KPIs tab is
    /// read again on the same period and view, with the note `select`
    /// selected (else the same one).
    pub(super) fn notes_written(&mut self, select: Option<NoteId>) {
        self.made_stale(super::Stale::DERIVED);
        if let (Some(k), Some(id)) = (&mut self.kpis, select) {
            let position = k.period_notes.selected;
            k.period_notes.keep(Some(id), position);
        }
    }
}

#[cfg(test)]
#[path = "notes_tests.rs"]
mod tests;
