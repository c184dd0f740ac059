//! The `?` overlay as a small command palette: every bound key by
//! context, narrowed by what is typed, one line selected; `Enter` runs
//! the selected line's action where the dashboard can (a tab's or the
//! global keys), showing its tab first.

use super::{Action, Context, Keymap, Tab};
use crate::i18n::UiWords;

/// What was typed to narrow the list, and the selected line among those
/// shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Help {
    pub query: String,
    pub selected: usize,
}

/// One line of the help: the keys of an action in a context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub ctx: Context,
    pub keys: String,
    pub action: Action,
}

impl Entry {
    /// The tab whose keys these are, where `Enter` runs them; the global
    /// keys run on the tab shown (`Some(None)`); keys of a form, a
    /// question or the like only work there (`None`).
    pub fn runs_on(&self) -> Option<Option<Tab>> {
        match self.ctx {
            Context::Global => Some(None),
            Context::Tasks => Some(Some(Tab::Tasks)),
            Context::Kpis => Some(Some(Tab::Kpis)),
            Context::Plan => Some(Some(Tab::Plan)),
            Context::Strategy => Some(Some(Tab::Strategy)),
            _ => None,
        }
    }
}

/// An action's label where `ctx` binds it.
pub fn label<'a>(ui: &'a UiWords, ctx: Context, name: &'a str) -> &'a str {
    match ctx {
        Context::Help if name == "submit" => ui.guide.help_run,
        Context::Kpis => ui.kpis_action(name),
        Context::Plan => ui.plan_action(name),
        Context::Path => ui.import.action(name).unwrap_or_else(|| ui.action(name)),
        _ => ui.action(name),
    }
}

/// Every binding, by context, whose keys, label, name or context's
/// heading hold each word typed (case does not matter).
pub fn entries(keymap: &Keymap, ui: &UiWords, query: &str) -> Vec<Entry> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut out = Vec::new();
    for (i, ctx) in Context::ALL.iter().enumerate() {
        let heading = ui.contexts.get(i).copied().unwrap_or_default();
        for (keys, action) in keymap.listing(*ctx) {
            let name = action.name().unwrap_or_default();
            let text = format!("{keys} {} {name} {heading}", label(ui, *ctx, name)).to_lowercase();
            if words.iter().all(|w| text.contains(w.as_str())) {
                out.push(Entry {
                    ctx: *ctx,
                    keys,
                    action,
                });
            }
        }
    }
    out
}
