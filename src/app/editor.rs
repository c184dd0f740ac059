//! Long text (the brand message, the positioning, a procedure's steps,
//! a task's notes)
//! is edited in the user's `$VISUAL` or `$EDITOR`, which the terminal loop
//! runs while the dashboard steps aside, or, where neither is set, in a
//! built-in editor over the tab.

use ratatui_textarea::{TextArea, WrapMode};

use crate::domain::{ProcedureId, TaskId};

/// What the edited text becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditTarget {
    BrandMessage,
    Positioning,
    Steps(ProcedureId),
    /// A task's notes.
    TaskNotes(TaskId),
}

/// Text to edit, asked for by an action and served by the terminal loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditRequest {
    pub target: EditTarget,
    /// What is being edited, for the built-in editor's title.
    pub title: String,
    /// What the editor starts with.
    pub text: String,
    /// The text as stored when the editing began: what changed elsewhere
    /// since is told from it.
    pub stored: String,
}

/// The built-in editor: several lines, saved with Ctrl-s.
pub struct TextEditor {
    pub request: EditRequest,
    pub area: TextArea<'static>,
}

impl TextEditor {
    pub fn new(request: EditRequest) -> TextEditor {
        let lines: Vec<String> = if request.text.is_empty() {
            vec![String::new()]
        } else {
            request.text.lines().map(str::to_string).collect()
        };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        TextEditor { area, request }
    }

    /// The text as typed, lines joined by newlines.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
}
