//! Keys to actions, per context. The footer hints and the help overlay
//! read the same table, so they always show the keys really bound; the
//! config file's `[keys]` table rebinds an action by its name.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::Tab;
use super::action::Action;

/// Where the keyboard focus is: decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    /// Anywhere outside text fields and overlays.
    Global,
    /// The Tasks tab's list or board.
    Tasks,
    /// The KPIs tab.
    Kpis,
    /// The Plan tab.
    Plan,
    /// The Strategy tab.
    Strategy,
    /// Typing a filter.
    Filter,
    /// A form with text fields.
    Form,
    /// A yes/no question.
    Confirm,
    /// The help overlay.
    Help,
    /// The KPIs tab's scope picker.
    Picker,
    /// The built-in editor of long text.
    Editor,
    /// A change waiting for another process's write lock: its keys come
    /// before those of where the focus is.
    Waiting,
}

impl Context {
    pub const ALL: [Context; 12] = [
        Context::Global,
        Context::Tasks,
        Context::Kpis,
        Context::Plan,
        Context::Strategy,
        Context::Filter,
        Context::Form,
        Context::Confirm,
        Context::Help,
        Context::Picker,
        Context::Editor,
        Context::Waiting,
    ];

    /// Whether unbound keys are typed into a text field.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Filter | Context::Form | Context::Picker | Context::Editor
        )
    }

    /// Whether global bindings (tabs, quit, undo) apply here too.
    pub fn inherits_global(self) -> bool {
        matches!(
            self,
            Context::Tasks | Context::Kpis | Context::Plan | Context::Strategy
        )
    }
}

/// A key with its modifiers, as written in the config file: `a`, `A`,
/// `space`, `enter`, `esc`, `tab`, `backtab`, `up`, `pgdn`, `ctrl-r`, `f1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Quits from everywhere, whatever the config file says: a way out
    /// that no key set can take away.
    pub const CTRL_C: Key = Key::ctrl('c');

    /// The key of a terminal event; shift is part of the character.
    pub fn of(e: &KeyEvent) -> Key {
        let code = match e.code {
            KeyCode::Char(c) if e.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        Key {
            code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        }
    }

    pub fn parse(s: &str) -> Result<Key, String> {
        let mut rest = s.trim();
        let (mut ctrl, mut alt) = (false, false);
        loop {
            let lower = rest.to_lowercase();
            if let Some(r) = lower
                .strip_prefix("ctrl-")
                .or_else(|| lower.strip_prefix("c-"))
            {
                ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower
                .strip_prefix("alt-")
                .or_else(|| lower.strip_prefix("m-"))
            {
                alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let named = match rest.to_lowercase().as_str() {
            "space" => Some(KeyCode::Char(' ')),
            "enter" | "return" => Some(KeyCode::Enter),
            "esc" | "escape" => Some(KeyCode::Esc),
            "tab" => Some(KeyCode::Tab),
            "backtab" | "shift-tab" => Some(KeyCode::BackTab),
            "backspace" => Some(KeyCode::Backspace),
            "delete" | "del" => Some(KeyCode::Delete),
            "up" => Some(KeyCode::Up),
            "down" => Some(KeyCode::Down),
            "left" => Some(KeyCode::Left),
            "right" => Some(KeyCode::Right),
            "home" => Some(KeyCode::Home),
            "end" => Some(KeyCode::End),
            "pgup" | "pageup" => Some(KeyCode::PageUp),
            "pgdn" | "pagedown" => Some(KeyCode::PageDown),
            f if f.len() >= 2 && f.starts_with('f') => f[1..].parse().ok().map(KeyCode::F),
            _ => None,
        };
        let code = match named {
            Some(c) => c,
            None => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
                    _ => {
                        return Err(format!(
                            "'{s}' is not a key (e.g. a, A, space, enter, ctrl-r, pgdn, f1)"
                        ));
                    }
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The bindings: an ordered list of (context, key, action).
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Context, Key, Action)>,
}

/// The default keys (README "The dashboard" lists them).
fn defaults() -> Vec<(Context, Key, Action)> {
    use Action as A;
    use Context as C;
    use KeyCode as K;
    let p = Key::plain;
    let c = Key::ch;
    vec![
        (C::Global, c('q'), A::Quit),
        (C::Global, Key::CTRL_C, A::Quit),
        (C::Global, c('1'), A::Show(Tab::Strategy)),
        (C::Global, c('2'), A::Show(Tab::Plan)),
        (C::Global, c('3'), A::Show(Tab::Tasks)),
        (C::Global, c('4'), A::Show(Tab::Kpis)),
        (C::Global, p(K::Tab), A::NextTab),
        (C::Global, p(K::BackTab), A::PrevTab),
        (C::Global, c('?'), A::Help),
        (C::Global, c('R'), A::Reopen),
        (C::Global, c('u'), A::Undo),
        (C::Global, Key::ctrl('r'), A::Redo),
        (C::Global, c('j'), A::Down),
        (C::Global, p(K::Down), A::Down),
        (C::Global, c('k'), A::Up),
        (C::Global, p(K::Up), A::Up),
        (C::Global, c('g'), A::Top),
        (C::Global, p(K::Home), A::Top),
        (C::Global, c('G'), A::Bottom),
        (C::Global, p(K::End), A::Bottom),
        (C::Global, p(K::PageDown), A::PageDown),
        (C::Global, p(K::PageUp), A::PageUp),
        (C::Global, c('h'), A::Left),
        (C::Global, p(K::Left), A::Left),
        (C::Global, c('l'), A::Right),
        (C::Global, p(K::Right), A::Right),
        (C::Tasks, c(' '), A::ToggleDone),
        (C::Tasks, c('s'), A::CycleStatus),
        (C::Tasks, c('+'), A::DueLater),
        (C::Tasks, c('='), A::DueLater),
        (C::Tasks, c('-'), A::DueEarlier),
        (C::Tasks, c('p'), A::CyclePriority),
        (C::Tasks, c('a'), A::Add),
        (C::Tasks, c('e'), A::Edit),
        (C::Tasks, p(K::Enter), A::Edit),
        (C::Tasks, c('d'), A::Delete),
        (C::Tasks, c('/'), A::Filter),
        (C::Tasks, p(K::Esc), A::ClearFilter),
        (C::Tasks, c('o'), A::CycleGrouping),
        (C::Tasks, c('n'), A::ToggleNext),
        (C::Tasks, c('b'), A::ToggleBoard),
        (C::Tasks, c('D'), A::ToggleDoneShown),
        (C::Kpis, c('['), A::PrevPeriod),
        (C::Kpis, c(']'), A::NextPeriod),
        (C::Kpis, c('t'), A::CurrentPeriod),
        (C::Kpis, c('m'), A::CycleGranularity),
        (C::Kpis, c('c'), A::CycleChart),
        (C::Kpis, c('v'), A::FunnelView),
        (C::Kpis, c('r'), A::Record),
        (C::Kpis, c('a'), A::Add),
        (C::Kpis, c('e'), A::Edit),
        (C::Kpis, p(K::Enter), A::Edit),
        (C::Kpis, c('d'), A::Delete),
        (C::Kpis, c('f'), A::FollowUp),
        (C::Kpis, c('/'), A::PickScope),
        (C::Kpis, p(K::Esc), A::WholeBusiness),
        (C::Kpis, c('y'), A::ToggleCompare),
        (C::Plan, c('['), A::PrevPeriod),
        (C::Plan, c(']'), A::NextPeriod),
        (C::Plan, c('t'), A::CurrentPeriod),
        (C::Plan, c('m'), A::ToggleZoom),
        (C::Plan, c('w'), A::ToggleWorkload),
        (C::Plan, p(K::Enter), A::OpenTasks),
        (C::Plan, c('a'), A::Add),
        (C::Plan, c('e'), A::Edit),
        (C::Plan, c('d'), A::Delete),
        (C::Plan, c('T'), A::AddTaskToCampaign),
        (C::Plan, c('s'), A::ToggleScoreboard),
        (C::Plan, c('o'), A::CycleSort),
        (C::Plan, c('O'), A::ReverseSort),
        (C::Strategy, c('a'), A::Add),
        (C::Strategy, c('e'), A::Edit),
        (C::Strategy, p(K::Enter), A::Open),
        (C::Strategy, c('d'), A::Delete),
        (C::Editor, Key::ctrl('s'), A::Submit),
        (C::Editor, p(K::Esc), A::Cancel),
        (C::Picker, p(K::Enter), A::Submit),
        (C::Picker, p(K::Esc), A::Cancel),
        (C::Picker, p(K::Down), A::Down),
        (C::Picker, p(K::Up), A::Up),
        (C::Picker, p(K::PageDown), A::PageDown),
        (C::Picker, p(K::PageUp), A::PageUp),
        (C::Filter, p(K::Enter), A::Submit),
        (C::Filter, p(K::Esc), A::Cancel),
        (C::Form, p(K::Enter), A::Submit),
        (C::Form, p(K::Esc), A::Cancel),
        (C::Form, p(K::Tab), A::NextField),
        (C::Form, p(K::Down), A::NextField),
        (C::Form, p(K::BackTab), A::PrevField),
        (C::Form, p(K::Up), A::PrevField),
        (C::Form, p(K::Right), A::Complete),
        (C::Form, Key::ctrl(' '), A::Complete),
        (C::Confirm, c('y'), A::Yes),
        (C::Confirm, p(K::Enter), A::Yes),
        (C::Confirm, c('n'), A::No),
        (C::Confirm, p(K::Esc), A::No),
        (C::Confirm, c('k'), A::KeepTasks),
        (C::Confirm, c('d'), A::DeleteTasksToo),
        (C::Confirm, c('m'), A::KeepMine),
        (C::Confirm, c('t'), A::TakeTheirs),
        (C::Help, c('?'), A::No),
        (C::Help, p(K::Esc), A::No),
        (C::Help, c('q'), A::No),
        (C::Help, c('j'), A::Down),
        (C::Help, p(K::Down), A::Down),
        (C::Help, c('k'), A::Up),
        (C::Help, p(K::Up), A::Up),
        (C::Help, p(K::PageDown), A::PageDown),
        (C::Help, p(K::PageUp), A::PageUp),
        (C::Help, c('g'), A::Top),
        (C::Help, p(K::Home), A::Top),
        (C::Help, c('G'), A::Bottom),
        (C::Help, p(K::End), A::Bottom),
        (C::Waiting, p(K::Esc), A::Cancel),
    ]
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: defaults(),
        }
    }
}

impl Keymap {
    /// The defaults with the config file's `[keys]` table applied: each
    /// named action gets exactly the keys listed, in the contexts where it
    /// is bound by default. Ctrl-c stays with quit; a table that leaves a
    /// tab without a key of its own to quit is refused.
    pub fn with_overrides(keys: &BTreeMap<String, Vec<String>>) -> Result<Keymap, String> {
        let mut map = Keymap::default();
        let mut given: Vec<(&str, (Context, Key))> = Vec::new();
        for (name, list) in keys {
            let name = name.as_str();
            let action = Action::from_name(name).ok_or_else(|| {
                format!(
                    "[keys] '{name}' is not an action (one of: {})",
                    super::action::NAMED
                        .iter()
                        .map(|(_, n)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
            let parsed = list
                .iter()
                .map(|k| Key::parse(k).map_err(|e| format!("[keys] {name}: {e}")))
                .collect::<Result<Vec<_>, _>>()?;
            if action == Action::Quit && parsed.is_empty() {
                return Err("[keys] quit = [] leaves no key to quit; list one, such as quit = [\"q\"] (Ctrl-c quits too, whatever the config)".into());
            }
            if action != Action::Quit && parsed.contains(&Key::CTRL_C) {
                return Err(format!(
                    "[keys] {name}: Ctrl-c always quits; choose another key"
                ));
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
                        return Err(format!("[keys] {key} is given to both {other} and {name}"));
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
    fn check_quit(&self) -> Result<(), String> {
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
                .filter_map(|k| Some(format!("{k} is {}", taken(k)?.name()?)))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(format!(
                "[keys] quit: {uses} on the {tab} tab, so no key of quit works there; give quit a key that tab leaves free (Ctrl-c quits too, whatever the config)"
            ));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn spec_keys_resolve_in_their_context() {
        let m = Keymap::default();
        let none = KeyModifiers::NONE;
        let cases = [
            (
                Context::Tasks,
                press(KeyCode::Char(' '), none),
                Some(Action::ToggleDone),
            ),
            (
                Context::Tasks,
                press(KeyCode::Char('s'), none),
                Some(Action::CycleStatus),
            ),
            (
                Context::Tasks,
                press(KeyCode::Char('u'), none),
                Some(Action::Undo),
            ),
            (
                Context::Tasks,
                press(KeyCode::Char('r'), KeyModifiers::CONTROL),
                Some(Action::Redo),
            ),
            (
                Context::Tasks,
                press(KeyCode::Char('G'), KeyModifiers::SHIFT),
                Some(Action::Bottom),
            ),
            (
                Context::Tasks,
                press(KeyCode::Char('3'), none),
                Some(Action::Show(Tab::Tasks)),
            ),
            (Context::Global, press(KeyCode::Char(' '), none), None),
            (
                Context::Confirm,
                press(KeyCode::Char('y'), none),
                Some(Action::Yes),
            ),
            (Context::Confirm, press(KeyCode::Char('q'), none), None),
            (
                Context::Form,
                press(KeyCode::Char('q'), none),
                Some(Action::Type(press(KeyCode::Char('q'), none))),
            ),
            (
                Context::Form,
                press(KeyCode::Enter, none),
                Some(Action::Submit),
            ),
        ];
        for (ctx, key, want) in cases {
            assert_eq!(m.resolve(ctx, &key), want, "{ctx:?} {key:?}");
        }
    }

    #[test]
    fn no_default_key_does_two_things_in_one_context() {
        let m = Keymap::default();
        for (i, (ctx, key, action)) in m.bindings.iter().enumerate() {
            for (c, k, a) in &m.bindings[i + 1..] {
                assert!(
                    !(c == ctx && k == key),
                    "{key} in {ctx:?}: {action:?} and {a:?}"
                );
            }
        }
        let none = KeyModifiers::NONE;
        for (ctx, code, want) in [
            (Context::Plan, KeyCode::Enter, Action::OpenTasks),
            (Context::Plan, KeyCode::Char('T'), Action::AddTaskToCampaign),
            (Context::Strategy, KeyCode::Enter, Action::Open),
            (Context::Strategy, KeyCode::Char('e'), Action::Edit),
            (Context::Confirm, KeyCode::Char('k'), Action::KeepTasks),
        ] {
            assert_eq!(m.resolve(ctx, &press(code, none)), Some(want), "{ctx:?}");
        }
    }

    #[test]
    fn overrides_rebind_and_hints_follow() {
        let mut keys = BTreeMap::new();
        keys.insert(
            "toggle_done".to_string(),
            vec!["x".to_string(), "ctrl-d".to_string()],
        );
        let m = Keymap::with_overrides(&keys).expect("valid");
        let none = KeyModifiers::NONE;
        assert_eq!(
            m.resolve(Context::Tasks, &press(KeyCode::Char('x'), none)),
            Some(Action::ToggleDone)
        );
        assert_eq!(
            m.resolve(Context::Tasks, &press(KeyCode::Char(' '), none)),
            None
        );
        assert_eq!(
            m.key_text(Context::Tasks, Action::ToggleDone).as_deref(),
            Some("x")
        );
        let listed = m.listing(Context::Tasks);
        assert!(
            listed.contains(&("x Ctrl-d".to_string(), Action::ToggleDone)),
            "{listed:?}"
        );
    }

    #[test]
    fn bad_overrides_say_what_is_wrong() {
        let mut keys = BTreeMap::new();
        keys.insert("fly".to_string(), vec!["x".to_string()]);
        let e = Keymap::with_overrides(&keys).expect_err("unknown action");
        assert!(e.starts_with("[keys] 'fly' is not an action"), "{e}");
        let mut keys = BTreeMap::new();
        keys.insert("quit".to_string(), vec!["banana".to_string()]);
        let e = Keymap::with_overrides(&keys).expect_err("bad key");
        assert!(e.contains("'banana' is not a key"), "{e}");
        let mut keys = BTreeMap::new();
        keys.insert("toggle_done".to_string(), vec!["x".to_string()]);
        keys.insert("delete".to_string(), vec!["x".to_string()]);
        let e = Keymap::with_overrides(&keys).expect_err("one key, two actions");
        assert_eq!(e, "[keys] x is given to both delete and toggle_done");
    }

    #[test]
    fn ctrl_c_quits_everywhere_and_stays_with_quit() {
        let mut keys = BTreeMap::new();
        keys.insert("quit".to_string(), vec!["x".to_string()]);
        keys.insert("cancel".to_string(), vec!["esc".to_string()]);
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for m in [
            Keymap::default(),
            Keymap::with_overrides(&keys).expect("valid"),
        ] {
            for ctx in Context::ALL {
                assert_eq!(m.resolve(ctx, &ctrl_c), Some(Action::Quit), "{ctx:?}");
            }
        }
        let m = Keymap::with_overrides(&keys).expect("valid");
        assert_eq!(
            m.key_text(Context::Tasks, Action::Quit).as_deref(),
            Some("x")
        );
        assert!(
            m.listing(Context::Global)
                .contains(&("x Ctrl-c".to_string(), Action::Quit)),
            "the help overlay shows Ctrl-c"
        );
    }

    #[test]
    fn a_key_set_without_a_way_to_quit_is_refused() {
        let refused = |pairs: &[(&str, &[&str])]| {
            let keys = pairs
                .iter()
                .map(|(a, ks)| (a.to_string(), ks.iter().map(|k| k.to_string()).collect()))
                .collect();
            Keymap::with_overrides(&keys).expect_err("refused")
        };
        let e = refused(&[("quit", &[])]);
        assert!(
            e.starts_with("[keys] quit = [] leaves no key to quit"),
            "{e}"
        );
        let e = refused(&[("quit", &["a"])]);
        assert!(
            e.starts_with("[keys] quit: a is add on the Tasks tab"),
            "{e}"
        );
        let e = refused(&[("quit", &["x"]), ("toggle_done", &["x"])]);
        assert!(e.contains("x is toggle_done on the Tasks tab"), "{e}");
        let e = refused(&[("record", &["Q"]), ("quit", &["Q"])]);
        assert!(e.contains("Q is record on the KPIs tab"), "{e}");
        let e = refused(&[("cancel", &["esc", "ctrl-c"])]);
        assert_eq!(e, "[keys] cancel: Ctrl-c always quits; choose another key");
        for fine in [
            &[("quit", &["ctrl-c"][..])][..],
            &[("toggle_done", &["q"])],
            &[("quit", &["a", "Z"])],
        ] {
            let keys = fine
                .iter()
                .map(|(a, ks)| (a.to_string(), ks.iter().map(|k| k.to_string()).collect()))
                .collect();
            assert!(Keymap::with_overrides(&keys).is_ok(), "{fine:?}");
        }
    }

    #[test]
    fn keys_parse_and_print() {
        for (text, shown) in [
            ("space", "Space"),
            ("ctrl-r", "Ctrl-r"),
            ("G", "G"),
            ("pgdn", "PgDn"),
            ("f1", "F1"),
            ("+", "+"),
        ] {
            assert_eq!(
                Key::parse(text).map(|k| k.to_string()),
                Ok(shown.to_string())
            );
        }
    }
}
