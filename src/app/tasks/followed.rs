//! The note the selected task follows up, read from the store when the
//! selection or the data changes, so the detail pane draws from state.

use super::TasksTab;
use crate::domain::{NoteId, TaskId};
use crate::store::Store;

/// The followed note of a task: its first line, where it can be read
/// and is not empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Followed {
    pub task: TaskId,
    pub note: NoteId,
    pub text: Option<String>,
}

impl TasksTab {
    /// Reads the note the selected task follows up, unless it is the one
    /// read already for the same task.
    pub fn read_followed(&mut self, store: &Store) {
        let want = self
            .selected()
            .and_then(|l| l.task.follows_note.map(|n| (l.task.id, n)));
        let Some((task, note)) = want else {
            self.followed = None;
            return;
        };
        if self
            .followed
            .as_ref()
            .is_some_and(|f| f.task == task && f.note == note)
        {
            return;
        }
        let text = store.note(note).ok().and_then(|n| {
            let first = n.text.lines().next().unwrap_or_default().trim().to_string();
            (!first.is_empty()).then_some(first)
        });
        self.followed = Some(Followed { task, note, text });
    }

    /// The note read may be out of date: it is read again before the
    /// next frame.
    pub fn forget_followed(&mut self) {
        self.followed = None;
    }
}
