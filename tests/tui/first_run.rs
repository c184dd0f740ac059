//! A first run on an empty database: each tab says what it is for and
//! the key that starts it, and the Strategy tab's checklist of the
//! marketing workflow ticks itself as the data appears.

use super::*;

fn empty_app(locale: Locale, path: &std::path::Path) -> App {
    let store = Store::open(path).expect("store");
    App::new(store, settings(locale, false, Keymap::default())).expect("app")
}

#[test]
fn every_empty_tab_says_what_it_is_for_in_both_locales() {
    for (locale, name) in [(Locale::En, "en"), (Locale::Vi, "vi")] {
        let dir = tempfile::tempdir().expect("dir");
        let mut app = empty_app(locale, &dir.path().join("f.db"));
        for (k, tab) in [
            ('3', "tasks"),
            ('2', "plan"),
            ('4', "kpis"),
            ('1', "strategy"),
        ] {
            typed(&mut app, &k.to_string());
            insta::assert_snapshot!(
                format!("first_run_{tab}_{name}_80x24"),
                screen(&mut app, 80, 24)
            );
        }
    }
}

/// The checklist's line of `step` on the screen.
fn step_line(frame: &str, step: &str) -> String {
    frame
        .lines()
        .find(|l| {
            l.strip_prefix(['☐', '☑'])
                .is_some_and(|rest| rest.trim_start().starts_with(step))
        })
        .unwrap_or_else(|| panic!("no line of {step} in\n{frame}"))
        .to_string()
}

#[test]
fn the_checklist_ticks_as_records_are_added_from_the_dashboard() {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = empty_app(Locale::En, &dir.path().join("f.db"));
    typed(&mut app, "1");
    let before = screen(&mut app, 80, 24);
    for step in [
        "Research",
        "Strategy",
        "Plan and assign",
        "Execute",
        "Measure",
        "Refine",
    ] {
        assert!(step_line(&before, step).contains('☐'), "{before}");
    }
    // A segment, added on the Segments section: research is begun.
    typed(
        &mut app,
        "laShop owners
",
    );
    assert!(
        app.strategy.as_ref().is_some_and(|s| s.segments.len() == 1),
        "{}",
        screen(&mut app, 80, 24)
    );
    // Channels is still empty and shows the checklist.
    typed(&mut app, "l");
    let after = screen(&mut app, 80, 24);
    assert!(step_line(&after, "Research").contains('☑'), "{after}");
    assert!(step_line(&after, "Strategy").contains('☐'), "{after}");
    assert!(after.contains("No channels yet"), "{after}");
}
