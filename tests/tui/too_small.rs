//! While the screen is too small to draw the tab it shows only a notice:
//! no key may then change data or open anything unseen; only quitting
//! and resizing work.

use super::*;

/// Every task as another connection reads it from the file.
fn tasks_in(path: &std::path::Path) -> String {
    let store = Store::open(path).expect("second connection");
    format!("{:?}", store.all_tasks().expect("tasks"))
}

#[test]
fn keys_change_nothing_while_the_screen_is_too_small() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("f.db");
    let mut store = Store::open(&path).expect("store");
    funnel::demo::fill(&mut store, funnel::demo::Scale::Small, today(), 1).expect("demo");
    let mut app = App::new(store, settings(Locale::En, false, Keymap::default())).expect("app");
    screen(&mut app, 80, 24);
    // A change made where it can be seen, so that `u` has one to undo.
    typed(&mut app, " ");
    let before = tasks_in(&path);
    let notice = screen(&mut app, 20, 5);
    assert!(notice.starts_with("Too small"), "{notice}");
    for keys in [
        " ", "p", "s", "a", "d", "e", "u", "+", "-", "x", "/", "?", "\n",
    ] {
        typed(&mut app, keys);
        assert!(
            matches!(app.overlay, Overlay::None),
            "{keys:?} opened an overlay"
        );
        assert!(tasks_in(&path) == before, "{keys:?} changed a task");
        assert!(!app.quit, "{keys:?} quit");
    }
    // Resizing works: the tab is drawn again, and keys act again.
    assert!(screen(&mut app, 80, 24).contains("Tasks"));
    typed(&mut app, "u");
    assert!(tasks_in(&path) != before, "u undoes once the tab is shown");
    screen(&mut app, 20, 5);
    typed(&mut app, "q");
    assert!(app.quit, "q quits at any size");
    let mut app = demo(Locale::En);
    screen(&mut app, 20, 5);
    app.on_key(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(app.quit, "Ctrl-c quits at any size");
}
