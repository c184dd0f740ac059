//! Saved views on the Tasks tab (see `taskview::views`): which one is
//! shown, going through them, and the view of what is shown now.

use chrono::NaiveDate;

use super::TasksTab;
use crate::app::effect::{Effect, Env};
use crate::app::form::Field as Input;
use crate::app::forms::Purpose;
use crate::app::{Action, Context, Overlay};
use crate::i18n::Format;
use crate::taskview::views::View;

impl TasksTab {
    /// The saved view shown, while the filter, grouping and order are
    /// still the view's.
    pub fn active_view(&self) -> Option<&View> {
        let v = self.views.get(self.view_at?)?;
        let same = v.filter.trim() == self.filter_text.trim()
            && v.grouping == self.grouping
            && v.sort == self.sort;
        same.then_some(v)
    }

    /// What is shown now, as a view named `name`.
    pub fn view_named(&self, name: &str) -> View {
        View {
            name: name.trim().to_string(),
            filter: self.filter_text.trim().to_string(),
            grouping: self.grouping,
            sort: self.sort,
        }
    }

    /// A view just saved, now the one shown.
    pub fn add_view(&mut self, view: View) {
        let at = match self.views.iter().position(|v| v.name == view.name) {
            Some(at) => {
                self.views[at] = view;
                at
            }
            None => {
                self.views.push(view);
                self.views.len() - 1
            }
        };
        if self.view_at.is_none() {
            self.before_views = None;
        }
        self.view_at = Some(at);
    }

    /// Goes `delta` views on; past either end is no view, which puts back
    /// what was shown before the first. The view shown after, if any.
    pub fn step_view(&mut self, delta: isize, today: NaiveDate) -> Option<usize> {
        let n = self.views.len();
        if n == 0 {
            return None;
        }
        // Places 0..n are the views, n is "no view".
        let now = self.view_at.filter(|i| *i < n).unwrap_or(n);
        let next = (now as isize + delta).rem_euclid(n as isize + 1) as usize;
        if now == n {
            self.before_views = Some((self.filter_text.clone(), self.grouping, self.sort));
        }
        match self.views.get(next).cloned() {
            Some(v) => {
                self.grouping = v.grouping;
                self.sort = v.sort;
                self.set_filter(&v.filter, today);
                self.view_at = Some(next);
                Some(next)
            }
            None => {
                self.view_at = None;
                if let Some((filter, grouping, sort)) = self.before_views.take() {
                    self.grouping = grouping;
                    self.sort = sort;
                    self.set_filter(&filter, today);
                }
                None
            }
        }
    }

    /// `v` or `V`: the next or the view before, said on the status line.
    pub(super) fn cycle_view(&mut self, delta: isize, env: &Env) -> Effect {
        let w = &env.words().ui.views;
        if self.views.is_empty() {
            let key = env
                .keymap
                .key_text(Context::Tasks, Action::SaveView)
                .unwrap_or_default();
            return Effect::said(Format::fill(w.none, key));
        }
        let text = match self.step_view(delta, env.today) {
            Some(i) => {
                Format::fill_all(w.shown, &[&self.views[i].name, &(i + 1), &self.views.len()])
            }
            None => w.left.to_string(),
        };
        self.scroll_into_view(env.fit.list_height);
        Effect::said(text)
    }

    /// `w`: the form asking the new view's name; refused while the filter
    /// typed has a mistake.
    pub(super) fn view_form(&self, env: &Env) -> Effect {
        let w = &env.words().ui.views;
        if self.filter_error.is_some() {
            return Effect::failed(w.bad_filter.into());
        }
        let field = Input::text(w.name, "").hint(w.name_hint);
        let form = crate::app::form::Form::new(w.form_title, Purpose::View, vec![field]);
        Effect::open(Overlay::Form(Box::new(form)))
    }
}
