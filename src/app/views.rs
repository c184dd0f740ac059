//! Saved views at the App's level: the view written to the config file
//! when its form is submitted, and what the start says of views left out.

use super::form::FieldError;
use super::{Action, App, Context, Overlay};
use crate::i18n::{Format, UiWords};
use crate::taskview::views::{self, SaveError, ViewProblem, Why};

impl App {
    /// Enter on the view's form: the view added to the config file and
    /// shown; on a mistake the form stays open with it, nothing written.
    pub(super) fn submit_view(&mut self) {
        let Overlay::Form(form) = &self.overlay else {
            return;
        };
        let view = self.tasks.view_named(&form.value(0usize));
        let w = &self.words().ui.views;
        let Some(path) = self.config.views_file.clone() else {
            return self.form_failed(FieldError::general(w.no_file));
        };
        let file = path.display().to_string();
        let why = match views::save(&path, &view) {
            Ok(()) => {
                self.overlay = Overlay::None;
                let key = self
                    .keymap
                    .key_text(Context::Tasks, Action::NextView)
                    .unwrap_or_default();
                self.say(Format::fill_all(w.saved, &[&view.name, &file, &key]));
                self.tasks.add_view(view);
                return;
            }
            Err(SaveError::NoName) => w.no_name.to_string(),
            Err(SaveError::Exists(name)) => Format::fill_all(w.exists, &[&name, &file]),
            Err(SaveError::NotToml(e)) => Format::fill_all(w.not_toml, &[&file, &e]),
            Err(SaveError::NotTables) => Format::fill(w.file_not_tables, &file),
            Err(SaveError::Io(e)) => Format::fill_all(w.io, &[&file, &e]),
        };
        self.form_failed(FieldError::at(0usize, why));
    }

    /// Says on the status line which views of the config are left out
    /// and why: the first in full, the count of the others.
    pub(super) fn views_left_out(&mut self, problems: &[ViewProblem]) {
        let Some(first) = problems.first() else {
            return;
        };
        let ui = &self.words().ui;
        let file = self
            .config
            .path
            .as_ref()
            .map_or_else(|| "config".to_string(), |p| p.display().to_string());
        let mut text = Format::fill_all(ui.views.left_out, &[&file, &problem_text(ui, first)]);
        if problems.len() > 1 {
            text = format!("{text} {}", Format::fill(ui.views.more, problems.len() - 1));
        }
        self.fail(text);
    }
}

/// Why a view is left out, in the reader's language.
pub fn problem_text(ui: &UiWords, p: &ViewProblem) -> String {
    let w = &ui.views;
    let v = &p.view;
    match &p.why {
        Why::NotTables => w.not_tables.to_string(),
        Why::NoName => Format::fill(w.no_name_at, v),
        Why::NotText(key) => Format::fill_all(w.not_text, &[v, key]),
        Why::UnknownKey(key) => Format::fill_all(w.unknown_key, &[v, key]),
        Why::Duplicate => Format::fill(w.duplicate, v),
        Why::Group(g) => Format::fill_all(w.group, &[v, g]),
        Why::Order(o) => Format::fill_all(w.order, &[v, o]),
        Why::Filter(e) => Format::fill_all(w.filter, &[v, e]),
    }
}
