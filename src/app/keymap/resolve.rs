//! The resolver: the bindings with the config file's overrides, a key's
//! action in a context, and the keys an action has for hints and help.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use super::{Context, Key, Keymap, KeymapError};
use crate::app::action::Action;

impl Keymap {
    /// The defaults with the config file's `[keys]` table applied: each
    /// named action gets exactly the keys listed, in the contexts where it
    /// is bound by default. Ctrl-c stays with quit; a table that leaves a
    /// tab without a key of its own to quit is refused.
    pub fn with_overrides(keys: &BTreeMap<String, Vec<String>>) -> Result<Keymap, KeymapError> {
        let mut map = Keymap::default();
        let mut given: Vec<(&str, (Context, Key))> = Vec::new();
        for (name, list) in keys {
            let name = name.as_str();
            let action = Action::from_name(name).ok_or_else(|| KeymapError::UnknownAction {
                name: name.to_string(),
                known: crate::app::action::NAMED
                    .iter()
                    .map(|(_, n)| *n)
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
            let parsed = list
                .iter()
                .map(|k| {
                    Key::parse(k).map_err(|key| KeymapError::BadKey {
                        name: name.to_string(),
                        key,
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            if action == Action::Quit && parsed.is_empty() {
                return Err(KeymapError::NoQuit);
            }
            if action != Action::Quit && parsed.contains(&Key::CTRL_C) {
                return Err(KeymapError::Reserved {
                    name: name.to_string(),
                });
            }
            let mut contexts: Vec<Context> = map
                .bindings
                .iter()
                .filter(|(_, _, a)| *a == action)
                .map(|(c, _, _)| *c)
                .collect();
            contexts.dedup();
            map.bindings.retain(|(_, _, a)| *a != action);
            for ctx in contexts {
                for key in &parsed {
                    if let Some((other, _)) =
                        given.iter().find(|(a, k)| *k == (ctx, *key) && *a != name)
                    {
                        return Err(KeymapError::Twice {
                            key: key.to_string(),
                            other: other.to_string(),
                            name: name.to_string(),
                        });
                    }
                    given.push((name, (ctx, *key)));
                    // A key taken over by this action leaves its old one.
                    map.bindings.retain(|(c, k, _)| !(*c == ctx && k == key));
                    map.bindings.push((ctx, *key, action));
                }
            }
        }
        map.check_quit()?;
        if !map
            .keys(Context::Global, Action::Quit)
            .contains(&Key::CTRL_C)
        {
            map.bindings
                .push((Context::Global, Key::CTRL_C, Action::Quit));
        }
        Ok(map)
    }

    /// Every tab keeps a key of `quit` that quits there: one its own
    /// bindings do not take for something else (Ctrl-c, when listed, is
    /// one everywhere).
    fn check_quit(&self) -> Result<(), KeymapError> {
        let quits = self.keys(Context::Global, Action::Quit);
        for (tab, ctx) in [
            ("Tasks", Context::Tasks),
            ("KPIs", Context::Kpis),
            ("Plan", Context::Plan),
            ("Strategy", Context::Strategy),
        ] {
            let taken = |k: &Key| {
                self.bindings
                    .iter()
                    .find(|(c, bk, _)| *c == ctx && bk == k)
                    .map(|(_, _, a)| *a)
            };
            if quits
                .iter()
                .any(|k| *k == Key::CTRL_C || taken(k).is_none())
            {
                continue;
            }
            let uses = quits
                .iter()
                .filter_map(|k| Some((k.to_string(), taken(k)?.name()?)))
                .collect();
            return Err(KeymapError::Shadowed { tab, uses });
        }
        Ok(())
    }

    /// The action of a key in a context: the context's own bindings first,
    /// then the global ones where they apply; in a text field an unbound
    /// key is typed.
    pub fn resolve(&self, ctx: Context, event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::of(event);
        if key == Key::CTRL_C {
            return Some(Action::Quit);
        }
        let find = |c: Context| {
            self.bindings
                .iter()
                .find(|(bc, k, _)| *bc == c && *k == key)
                .map(|(_, _, a)| *a)
        };
        if let Some(a) = find(ctx) {
            return Some(a);
        }
        if ctx.takes_text() {
            return Some(Action::Type(*event));
        }
        if ctx.inherits_global() {
            return find(Context::Global);
        }
        None
    }

    /// The keys bound to `action` in `ctx`, for hints: "Space", "s".
    pub fn keys(&self, ctx: Context, action: Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|(c, _, a)| *c == ctx && *a == action)
            .map(|(_, k, _)| *k)
            .collect()
    }

    /// The first key of `action` where `ctx` sees it, as text ("u").
    pub fn key_text(&self, ctx: Context, action: Action) -> Option<String> {
        let own = self.keys(ctx, action);
        let keys = if own.is_empty() && ctx.inherits_global() {
            self.keys(Context::Global, action)
        } else {
            own
        };
        keys.first().map(Key::to_string)
    }

    /// Every binding of a context, grouped by action in table order, for
    /// the help overlay: (keys joined by " ", action).
    pub fn listing(&self, ctx: Context) -> Vec<(String, Action)> {
        let mut out: Vec<(String, Action)> = Vec::new();
        for (c, k, a) in &self.bindings {
            if *c != ctx {
                continue;
            }
            match out.iter_mut().find(|(_, x)| x == a) {
                Some((keys, _)) => {
                    keys.push(' ');
                    keys.push_str(&k.to_string());
                }
                None => out.push((k.to_string(), *a)),
            }
        }
        out
    }
}
