//! The KPIs tab's notes of the selected period: the list and its
//! selection.

use super::kpis::NOTES_VIEW;
use super::{Action, App};
use crate::domain::{Note, NoteId, TaskId};
use crate::metrics::Period;
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

impl App {
    /// Whether the notes are on screen: beside the figures, or as the
    /// view `c` chose.
    fn notes_in_view(&self) -> bool {
        self.notes_beside || self.kpis.as_ref().is_some_and(|k| k.view == NOTES_VIEW)
    }

    /// The KPIs tab's keys for its notes. A key about the selected note
    /// while the notes are not on screen first shows them.
    pub(super) fn update_notes(&mut self, action: Action) {
        let in_view = self.notes_in_view();
        // A note takes two rows.
        let page = (self.list_height / 2).max(1) as isize;
        let Some(k) = &mut self.kpis else {
            return;
        };
        let list = &mut k.period_notes;
        match action {
            _ if !in_view => k.view = NOTES_VIEW,
            Action::Up => list.move_by(-1),
            Action::Down => list.move_by(1),
            Action::PageUp => list.move_by(-page),
            Action::PageDown => list.move_by(page),
            Action::Top => list.selected = 0,
            Action::Bottom => list.move_by(isize::MAX),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CauseCategory, NoteKind};
    use chrono::NaiveDate;

    #[test]
    fn the_selection_stays_on_its_note_or_within_the_list() {
        let note = |id| NoteLine {
            note: Note {
                id: NoteId(id),
                kind: NoteKind::Cause,
                category: CauseCategory::Other,
                start: NaiveDate::MIN,
                end: NaiveDate::MIN,
                metric: None,
                text: String::new(),
                created_at: chrono::Utc::now(),
            },
            follow_ups: Vec::new(),
        };
        let mut list = PeriodNotes {
            lines: vec![note(1), note(2), note(3)],
            selected: 0,
        };
        list.keep(Some(NoteId(3)), 0);
        assert_eq!(list.selected, 2);
        list.lines.remove(2);
        list.keep(Some(NoteId(3)), 2);
        assert_eq!(list.selected, 1, "a deleted note: the one before");
        list.move_by(-5);
        assert_eq!(list.selected, 0);
        list.move_by(isize::MAX);
        assert_eq!(list.selected, 1);
        list.lines.clear();
        list.keep(None, 1);
        assert_eq!(list.selected, 0);
        assert!(list.selected().is_none());
    }
}
