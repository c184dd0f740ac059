//! The key type and the focus it is read in: a key as the terminal sends
//! it and as the config file writes it.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
    /// The path of a file to import.
    Path,
    /// A change waiting for another process's write lock: its keys come
    /// before those of where the focus is.
    Waiting,
}

impl Context {
    pub const ALL: [Context; 13] = [
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
        Context::Path,
    ];

    /// Whether unbound keys are typed into a text field.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Filter
                | Context::Form
                | Context::Picker
                | Context::Editor
                | Context::Help
                | Context::Path
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
    pub(super) const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub(super) const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub(super) const fn ctrl(c: char) -> Key {
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

    pub fn parse(s: &str) -> Result<Key, super::BadKey> {
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
                        return Err(super::BadKey(s.to_string()));
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
