//! The footer's key hints: the focused view's most important keys first,
//! `?` always, and only keys that act on the view on screen.

use super::*;

/// The row of key hints: the one above the status line.
fn hints(frame: &str) -> String {
    let rows: Vec<&str> = frame.lines().collect();
    rows.get(rows.len().saturating_sub(2))
        .map(|s| s.to_string())
        .unwrap_or_default()
}

#[test]
fn every_tab_and_view_offers_help_at_80_columns_in_both_locales() {
    for (locale, help) in [(Locale::En, "? help"), (Locale::Vi, "? trợ giúp")] {
        let mut app = demo(locale);
        // Each tab, then the Plan tab's workload and scoreboard views and
        // the KPIs tab's chart.
        for keys in ["1", "2", "3", "4", "c", "2w", "s", "b3"] {
            typed(&mut app, keys);
            let frame = screen(&mut app, 80, 24);
            let row = hints(&frame);
            assert!(row.contains(help), "after {keys:?}: {row:?}\n{frame}");
        }
    }
}

#[test]
fn the_workload_view_offers_its_own_keys_not_the_timelines() {
    let mut app = demo(Locale::En);
    typed(&mut app, "2");
    let timeline = hints(&screen(&mut app, 120, 40));
    assert!(timeline.contains("Enter"), "{timeline}");
    typed(&mut app, "w");
    let workload = hints(&screen(&mut app, 120, 40));
    for key in ["Enter", "[ ", "] ", "T ", "m "] {
        assert!(!workload.contains(key), "{key:?} in {workload:?}");
    }
    assert!(workload.contains("w "), "{workload:?}");
}

#[test]
fn typing_in_the_help_narrows_it_and_enter_runs_the_selected_line() {
    for (locale, query, name) in [(Locale::En, "filter", "en"), (Locale::Vi, "lọc", "vi")] {
        let mut app = demo(locale);
        // From the Plan tab: the filter is the Tasks tab's.
        typed(&mut app, "2?");
        let all = screen(&mut app, 80, 24);
        typed(&mut app, query);
        let narrowed = screen(&mut app, 80, 24);
        insta::assert_snapshot!(format!("help_filtered_{name}_80x24"), narrowed);
        assert!(all.contains("quit"), "{all}");
        assert!(!narrowed.contains("quit"), "{narrowed}");
        typed(&mut app, "\n");
        assert!(matches!(app.overlay, Overlay::None));
        assert_eq!(app.tab, Tab::Tasks);
        assert!(app.filter_input.is_some(), "the filter line is open");
    }
}

#[test]
fn backspace_widens_the_help_again_and_a_search_of_nothing_runs_nothing() {
    let mut app = demo(Locale::En);
    typed(&mut app, "?undo");
    assert!(screen(&mut app, 80, 24).contains("Search: undo"));
    typed(&mut app, "\x08\x08\x08\x08");
    assert!(screen(&mut app, 80, 24).contains("Type to search"));
    // Nothing matches: Enter does nothing and the help stays.
    typed(&mut app, "zzzz\n");
    assert!(screen(&mut app, 80, 24).contains("No key matches."));
    assert!(matches!(app.overlay, Overlay::Help(_)));
    typed(&mut app, "\x1b");
    assert!(matches!(app.overlay, Overlay::None));
}

#[test]
fn a_forms_footer_shows_the_arrow_that_takes_a_completion_in_both_locales() {
    for (locale, takes) in [
        (Locale::En, "→ take the completion"),
        (Locale::Vi, "→ chọn gợi ý"),
    ] {
        let mut app = demo(locale);
        typed(&mut app, "3a");
        let frame = screen(&mut app, 80, 24);
        let row = hints(&frame);
        assert!(row.contains(takes), "{row:?}\n{frame}");
        assert!(!row.contains("Right"), "{row:?}");
    }
}
