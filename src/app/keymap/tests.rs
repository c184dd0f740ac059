use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::Tab;
use crate::app::action::Action;

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
    let e = Keymap::with_overrides(&keys)
        .expect_err("unknown action")
        .to_string();
    assert!(e.starts_with("[keys] 'fly' is not an action"), "{e}");
    let mut keys = BTreeMap::new();
    keys.insert("quit".to_string(), vec!["banana".to_string()]);
    let e = Keymap::with_overrides(&keys)
        .expect_err("bad key")
        .to_string();
    assert!(e.contains("'banana' is not a key"), "{e}");
    let mut keys = BTreeMap::new();
    keys.insert("toggle_done".to_string(), vec!["x".to_string()]);
    keys.insert("delete".to_string(), vec!["x".to_string()]);
    let e = Keymap::with_overrides(&keys)
        .expect_err("one key, two actions")
        .to_string();
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
        Keymap::with_overrides(&keys)
            .expect_err("refused")
            .to_string()
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
