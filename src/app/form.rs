//! The add/edit task form: six one-line fields, with completion of
//! campaign and assignee names and of priorities.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use crate::domain::{Priority, TaskId};
use crate::taskview::TaskLine;

/// The form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Campaign,
    Due,
    Assignee,
    Priority,
    Tags,
}

impl Field {
    pub const ALL: [Field; 6] = [
        Field::Title,
        Field::Campaign,
        Field::Due,
        Field::Assignee,
        Field::Priority,
        Field::Tags,
    ];
}

/// What the form's fields can complete to.
pub struct Choices {
    pub campaigns: Vec<String>,
    pub people: Vec<String>,
    /// The priorities in the reader's words: high, medium, low.
    pub priorities: [&'static str; 3],
}

pub struct TaskForm {
    /// The task being edited; `None` for a new one.
    pub editing: Option<TaskId>,
    inputs: Vec<TextArea<'static>>,
    pub focus: usize,
    pub error: Option<String>,
    choices: Choices,
}

fn input(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![text.to_string()]);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

/// Names containing what was typed (case and accents aside), best first:
/// those starting with it, then the rest, at most `limit`.
fn matching<'a>(names: &'a [String], typed: &str, limit: usize) -> Vec<&'a str> {
    let typed = crate::text::fold::fold(typed.trim());
    if typed.is_empty() {
        return names.iter().take(limit).map(String::as_str).collect();
    }
    let mut starts = Vec::new();
    let mut inside = Vec::new();
    for n in names {
        let folded = crate::text::fold::fold(n);
        if folded == typed {
            continue;
        }
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

impl TaskForm {
    /// A form for a new task, with the names it can complete.
    pub fn add(choices: Choices) -> TaskForm {
        let medium = choices.priorities[Priority::Medium.index()];
        TaskForm {
            editing: None,
            inputs: Field::ALL
                .iter()
                .map(|f| input(if *f == Field::Priority { medium } else { "" }))
                .collect(),
            focus: 0,
            error: None,
            choices,
        }
    }

    /// A form holding a task's values, the due date as `date` writes it.
    pub fn edit(
        line: &TaskLine,
        date: impl Fn(chrono::NaiveDate) -> String,
        choices: Choices,
    ) -> TaskForm {
        let t = &line.task;
        let values = [
            t.title.clone(),
            line.campaign.clone().unwrap_or_default(),
            t.due.map(date).unwrap_or_default(),
            line.assignee.clone().unwrap_or_default(),
            choices.priorities[t.priority.index()].to_string(),
            t.tags.join(" "),
        ];
        TaskForm {
            editing: Some(t.id),
            inputs: values.iter().map(|v| input(v)).collect(),
            focus: 0,
            error: None,
            choices,
        }
    }

    /// The priority typed: in the reader's words or in English; empty is
    /// medium.
    pub fn priority(&self) -> Result<Priority, String> {
        let typed = self.value(Field::Priority).to_lowercase();
        if typed.is_empty() {
            return Ok(Priority::Medium);
        }
        match self.choices.priorities.iter().position(|p| *p == typed) {
            Some(i) => Ok(Priority::ALL[i]),
            None => typed
                .parse()
                .map_err(|e: crate::domain::UnknownValue| e.to_string()),
        }
    }

    pub fn field(&self) -> Field {
        Field::ALL[self.focus.min(Field::ALL.len() - 1)]
    }

    pub fn input(&self, f: Field) -> Option<&TextArea<'static>> {
        Field::ALL
            .iter()
            .position(|x| *x == f)
            .and_then(|i| self.inputs.get(i))
    }

    /// The text of a field, trimmed.
    pub fn value(&self, f: Field) -> String {
        self.input(f)
            .map(|t| t.lines().join(" ").trim().to_string())
            .unwrap_or_default()
    }

    /// What the focused field can complete to, best first.
    pub fn completions(&self) -> Vec<&str> {
        let typed = self.value(self.field());
        match self.field() {
            Field::Campaign => matching(&self.choices.campaigns, &typed, 5),
            Field::Assignee => matching(&self.choices.people, &typed, 5),
            Field::Priority => self
                .choices
                .priorities
                .iter()
                .copied()
                .filter(|p| p.starts_with(&typed.to_lowercase()) && *p != typed)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Tab: takes the first completion if there is one and the field is
    /// not empty, else moves to the next field.
    pub fn next(&mut self) {
        let typed = self.value(self.field());
        let first = self.completions().first().map(|s| s.to_string());
        match first {
            Some(c) if !typed.is_empty() => {
                self.inputs[self.focus] = input(&c);
            }
            _ => self.focus_on((self.focus + 1) % Field::ALL.len()),
        }
    }

    pub fn prev(&mut self) {
        self.focus_on((self.focus + Field::ALL.len() - 1) % Field::ALL.len());
    }

    /// Moves to a field. A field holding one value (a name, a date, a
    /// priority) has it selected, so typing replaces it and an arrow key
    /// keeps it for editing; title and tags are edited where they are.
    fn focus_on(&mut self, i: usize) {
        self.focus = i;
        if matches!(self.field(), Field::Title | Field::Tags) {
            return;
        }
        if let Some(t) = self.inputs.get_mut(i)
            && !t.is_empty()
        {
            t.select_all();
        }
    }

    /// A key typed into the focused field.
    pub fn type_key(&mut self, key: KeyEvent) {
        if let Some(t) = self.inputs.get_mut(self.focus) {
            t.input(key);
        }
        self.error = None;
    }
}
