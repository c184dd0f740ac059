//! The TUI without a terminal: keys through the keymap into `App::update`
//! on a demo database, on a fixed day; then frames drawn by the real render
//! code into an off-screen buffer.

use chrono::NaiveDate;
use funnel::app::{App, Keymap, Overlay, Settings, Tab};
use funnel::config::Config;
use funnel::domain::{Clock, Priority, TaskId, TaskStatus};
use funnel::i18n::Locale;
use funnel::store::Store;
use funnel::store::tasks::NewTask;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Every day a test's data can hold, for reading whole series.
const ALL_DAYS: (NaiveDate, NaiveDate) = (
    NaiveDate::from_ymd_opt(1900, 1, 1).expect("date"),
    NaiveDate::from_ymd_opt(2999, 12, 31).expect("date"),
);
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

fn settings(locale: Locale, read_only: bool, keymap: Keymap) -> Settings {
    Settings {
        config: Config {
            locale,
            ..Config::default()
        },
        keymap,
        clock: Clock::Fixed(today()),
        read_only,
        ascii: false,
        db_name: "demo.db".into(),
    }
}

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    funnel::demo::fill(&mut store, funnel::demo::Scale::Small, today(), 1).expect("demo");
    store
}

fn demo(locale: Locale) -> App {
    App::new(demo_store(), settings(locale, false, Keymap::default())).expect("app")
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Types each character as a key; `\n` is Enter, `\t` Tab, `\x1b` Esc,
/// `⇤` Shift-Tab, `→` the right arrow, `\x08` Backspace; `⌫` is as many
/// Backspaces as the focused field of a form holds characters (a field
/// is entered with the cursor at the end of its text).
fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        if c == '⌫' {
            let held = match &app.overlay {
                Overlay::Form(f) => f.value(f.focus).chars().count(),
                _ => 0,
            };
            for _ in 0..held {
                app.on_key(&key(KeyCode::Backspace));
            }
            continue;
        }
        let k = match c {
            '\n' => key(KeyCode::Enter),
            '\t' => key(KeyCode::Tab),
            '\x1b' => key(KeyCode::Esc),
            '⇤' => key(KeyCode::BackTab),
            '→' => key(KeyCode::Right),
            '\x08' => key(KeyCode::Backspace),
            c => key(KeyCode::Char(c)),
        };
        app.on_key(&k);
    }
}

fn selected(app: &App) -> (TaskId, TaskStatus) {
    let l = app.tasks.selected().expect("a selected task");
    (l.task.id, l.task.status)
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    funnel::tui::snapshot(app, w, h).expect("frame")
}

#[test]
fn space_marks_done_and_u_undoes_it_in_the_store() {
    let mut app = demo(Locale::En);
    let (id, before) = selected(&app);
    assert_ne!(before, TaskStatus::Done, "the most urgent task is open");
    typed(&mut app, " ");
    assert_eq!(app.store().task(id).expect("task").status, TaskStatus::Done);
    assert_eq!(status(&app), format!("Task {id} done. u to undo"));
    assert_eq!(selected(&app).0, id, "the selection stays on the task");
    typed(&mut app, "u");
    assert_eq!(app.store().task(id).expect("task").status, before);
    assert!(status(&app).starts_with("Undid: "), "{}", status(&app));
    app.on_key(&KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    assert_eq!(app.store().task(id).expect("task").status, TaskStatus::Done);
}

#[test]
fn quick_keys_change_the_selected_task() {
    let mut app = demo(Locale::En);
    // Down to a task to do: s makes it doing, and the selection stays with it.
    while selected(&app).1 != TaskStatus::Todo {
        typed(&mut app, "j");
    }
    let (id, _) = selected(&app);
    let t0 = app.store().task(id).expect("task");
    typed(&mut app, "s");
    assert_eq!(
        app.store().task(id).expect("task").status,
        t0.status.cycled()
    );
    assert_eq!(selected(&app).0, id, "s keeps the task selected");
    typed(&mut app, "++");
    let due = app.store().task(id).expect("task").due.expect("due");
    assert_eq!(
        Some(due),
        t0.due
            .and_then(|d| d.checked_add_days(chrono::Days::new(2)))
    );
    typed(&mut app, "-");
    assert_eq!(
        app.store().task(id).expect("task").due,
        t0.due
            .and_then(|d| d.checked_add_days(chrono::Days::new(1)))
    );
    let p0 = app.store().task(id).expect("task").priority;
    typed(&mut app, "ppp");
    assert_eq!(
        app.store().task(id).expect("task").priority,
        p0,
        "three presses cycle back"
    );
    typed(&mut app, "p");
    assert_ne!(app.store().task(id).expect("task").priority, p0);
}

#[test]
fn delete_asks_first() {
    let mut app = demo(Locale::En);
    let (id, _) = selected(&app);
    typed(&mut app, "dn");
    assert!(app.store().task(id).is_ok(), "n keeps it");
    typed(&mut app, "d");
    assert!(matches!(app.overlay, Overlay::Confirm { .. }));
    typed(&mut app, "y");
    assert!(app.store().task(id).is_err(), "y deletes");
    typed(&mut app, "u");
    assert!(app.store().task(id).is_ok(), "u brings it back");
}

#[test]
fn the_form_adds_a_task_with_completed_names_and_refuses_bad_input() {
    let mut app = demo(Locale::En);
    let before = app.store().count_tasks().expect("count");
    typed(&mut app, "a\n");
    let Overlay::Form(form) = &app.overlay else {
        panic!("the form stays open on an empty title");
    };
    assert_eq!(form.error.as_deref(), Some("task title is empty"));
    typed(&mut app, "Chụp ảnh 日本 🍵\tblack→\tsoon\n");
    let Overlay::Form(form) = &app.overlay else {
        panic!("a bad date keeps the form open");
    };
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.contains("'soon' is not a date"))
    );
    // Fix the date: clear the field and type a good one.
    for _ in 0.."soon".len() {
        app.on_key(&key(KeyCode::Backspace));
    }
    // fri, Tab, "trần" and → to complete it, Tab to the priority, whose
    // word is cleared and replaced, Tab to the tags.
    typed(&mut app, "fri\ttrần→\t⌫high\tdesign, ảnh\n");
    assert!(
        matches!(app.overlay, Overlay::None),
        "saved: {}",
        status(&app)
    );
    assert_eq!(app.store().count_tasks().expect("count"), before + 1);
    let line = app
        .tasks
        .selected()
        .expect("the new task is selected")
        .clone();
    assert_eq!(line.task.title, "Chụp ảnh 日本 🍵");
    assert!(
        line.campaign
            .as_deref()
            .is_some_and(|c| c.starts_with("Black Friday")),
        "{line:?}"
    );
    assert_eq!(line.task.due, NaiveDate::from_ymd_opt(2026, 11, 27));
    assert!(
        line.assignee
            .as_deref()
            .is_some_and(|a| a.starts_with("Trần"))
    );
    assert_eq!(line.task.priority, Priority::High);
    assert_eq!(line.task.tags, ["design", "ảnh"]);
}

#[test]
fn edit_changes_the_title_and_esc_leaves_it_alone() {
    let mut app = demo(Locale::En);
    let (id, _) = selected(&app);
    let title = app.store().task(id).expect("task").title;
    typed(&mut app, "e x\x1b");
    assert_eq!(app.store().task(id).expect("task").title, title);
    typed(&mut app, "e!\n");
    assert_eq!(
        app.store().task(id).expect("task").title,
        format!("{title}!")
    );
}

#[test]
fn filter_narrows_and_esc_clears() {
    let mut app = demo(Locale::En);
    let all = app.tasks.shown;
    typed(&mut app, "/#seo\n");
    assert!(app.tasks.shown < all && app.tasks.shown > 0);
    for l in app.tasks.lines.lines() {
        if app.tasks.rows.iter().any(
            |r| matches!(r, funnel::app::tasks::Row::Task(i) if app.tasks.lines.get(*i) == Some(l)),
        ) {
            assert!(
                l.task.tags.contains(&"seo".to_string()),
                "{:?}",
                l.task.tags
            );
        }
    }
    typed(&mut app, "/ status:nope\n");
    assert!(app.tasks.filter_error.is_some(), "a bad term is reported");
    typed(&mut app, "\x1b");
    assert_eq!(app.tasks.shown, all);
    typed(&mut app, "/zzzz\x1b");
    assert_eq!(
        app.tasks.shown, all,
        "Esc while typing restores the filter before"
    );
}

#[test]
fn views_groupings_orders_and_tabs() {
    let mut app = demo(Locale::En);
    typed(&mut app, "o");
    assert!(matches!(
        app.tasks.rows.first(),
        Some(funnel::app::tasks::Row::Heading(..))
    ));
    typed(&mut app, "b");
    assert_eq!(app.tasks.view, funnel::app::tasks::TaskView::Board);
    typed(&mut app, "hhhll");
    assert_eq!(app.tasks.board_column, 2);
    let (_, status) = selected(&app);
    assert_eq!(status, TaskStatus::Blocked, "the third column is blocked");
    typed(&mut app, "1");
    assert_eq!(app.tab, Tab::Strategy);
    assert!(app.strategy.is_some(), "the strategy is read when shown");
    app.on_key(&key(KeyCode::Tab));
    assert_eq!(app.tab, Tab::Plan);
    app.on_key(&key(KeyCode::BackTab));
    app.on_key(&key(KeyCode::BackTab));
    assert_eq!(app.tab, Tab::Kpis);
    typed(&mut app, "?");
    assert!(matches!(app.overlay, Overlay::Help { .. }));
    typed(&mut app, "?");
    assert!(matches!(app.overlay, Overlay::None));
    typed(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn read_only_refuses_every_change() {
    let mut app =
        App::new(demo_store(), settings(Locale::En, true, Keymap::default())).expect("app");
    let (id, st) = selected(&app);
    typed(&mut app, " sp+dau");
    assert_eq!(app.store().task(id).expect("task").status, st);
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(status(&app), "Read-only: nothing can change here.");
}

#[test]
fn rebound_keys_work_and_the_old_ones_do_not() {
    let mut keys = std::collections::BTreeMap::new();
    keys.insert("toggle_done".to_string(), vec!["x".to_string()]);
    let keymap = Keymap::with_overrides(&keys).expect("keymap");
    let mut app = App::new(demo_store(), settings(Locale::En, false, keymap)).expect("app");
    let (id, st) = selected(&app);
    typed(&mut app, " ");
    assert_eq!(app.store().task(id).expect("task").status, st);
    typed(&mut app, "x");
    assert_eq!(app.store().task(id).expect("task").status, TaskStatus::Done);
    let frame = screen(&mut app, 120, 30);
    assert!(
        frame.contains("x done"),
        "the footer shows the real key:\n{frame}"
    );
}

#[test]
fn a_change_by_another_process_shows_and_keeps_the_selection() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("f.db");
    let mut store = Store::open(&path).expect("store");
    for t in ["one", "two", "three"] {
        store.add_task(&NewTask::titled(t)).expect("add");
    }
    let mut app = App::new(store, settings(Locale::En, false, Keymap::default())).expect("app");
    typed(&mut app, "j");
    let (id, _) = selected(&app);
    assert!(!app.poll_external(), "nothing changed yet");
    let mut other = Store::open(&path).expect("second connection");
    other
        .set_task_status(&[TaskId(3)], TaskStatus::Done)
        .expect("done elsewhere");
    other
        .add_task(&NewTask::titled("four"))
        .expect("added elsewhere");
    assert!(app.poll_external());
    assert_eq!(app.tasks.lines.len(), 4);
    assert_eq!(selected(&app).0, id, "the selection is kept");
    assert_eq!(status(&app), "Changed elsewhere: reloaded.");
    // The dashboard's undo never reverts the other process's change: it
    // says whose the latest change is instead.
    typed(&mut app, "u");
    assert_eq!(app.tasks.lines.len(), 4);
    let said = status(&app);
    assert!(
        said.starts_with(
            "Nothing made from this dashboard to undo; the latest change is add task 4 (made from the command line, 20"
        ),
        "{said}"
    );
}

#[test]
fn every_action_has_a_label_in_both_catalogs() {
    for (action, name) in funnel::app::action::NAMED {
        for words in [&funnel::i18n::EN, &funnel::i18n::VI] {
            assert!(
                words
                    .ui
                    .actions
                    .iter()
                    .any(|(n, l)| n == name && !l.is_empty()),
                "{action:?} has no label"
            );
        }
    }
}

#[test]
fn tiny_terminals_get_a_notice_not_a_panic() {
    let mut app = demo(Locale::En);
    let notice = screen(&mut app, 30, 5);
    assert_eq!(notice.trim_end(), "Too small: needs 40x10");
    assert_eq!(notice.trim_end().lines().count(), 1, "one line");
    for (w, h) in [(1, 1), (2, 1), (40, 10), (1, 50), (300, 2)] {
        screen(&mut app, w, h);
    }
}

mod frames {
    //! Reviewed frames at fixed sizes: list, board, grouping, filter, form,
    //! help and an empty database, in English and Vietnamese.
    use super::*;

    fn frame(app: &mut App, w: u16, h: u16) -> String {
        screen(app, w, h)
    }

    #[test]
    fn tasks_list_80x24() {
        let mut app = demo(Locale::En);
        insta::assert_snapshot!(frame(&mut app, 80, 24));
    }

    #[test]
    fn tasks_list_120x40() {
        let mut app = demo(Locale::En);
        insta::assert_snapshot!(frame(&mut app, 120, 40));
    }

    #[test]
    fn tasks_grouped_by_due_80x24() {
        let mut app = demo(Locale::En);
        typed(&mut app, "oo");
        insta::assert_snapshot!(frame(&mut app, 80, 24));
    }

    #[test]
    fn tasks_board_120x40() {
        let mut app = demo(Locale::En);
        typed(&mut app, "b");
        insta::assert_snapshot!(frame(&mut app, 120, 40));
    }

    #[test]
    fn tasks_filter_typed_80x24() {
        let mut app = demo(Locale::En);
        typed(&mut app, "/is:overdue @khoa");
        insta::assert_snapshot!(frame(&mut app, 80, 24));
    }

    #[test]
    fn tasks_form_80x24() {
        let mut app = demo(Locale::En);
        typed(&mut app, "aViết bài Tết\ttết");
        insta::assert_snapshot!(frame(&mut app, 80, 24));
    }

    #[test]
    fn help_120x40() {
        let mut app = demo(Locale::En);
        typed(&mut app, "?");
        insta::assert_snapshot!(frame(&mut app, 120, 40));
    }

    #[test]
    fn empty_database_80x24() {
        let store = Store::open_in_memory().expect("store");
        let mut app = App::new(store, settings(Locale::En, false, Keymap::default())).expect("app");
        insta::assert_snapshot!(frame(&mut app, 80, 24));
    }

    #[test]
    fn vietnamese_list_80x24() {
        let mut app = demo(Locale::Vi);
        insta::assert_snapshot!(frame(&mut app, 80, 24));
    }

    #[test]
    fn vietnamese_form_and_help_120x40() {
        let mut app = demo(Locale::Vi);
        typed(&mut app, "e");
        insta::assert_snapshot!("vi_form", frame(&mut app, 120, 40));
        typed(&mut app, "\x1b?");
        insta::assert_snapshot!("vi_help", frame(&mut app, 120, 40));
    }

    #[test]
    fn overview_tabs_80x24() {
        let mut app = demo(Locale::En);
        for (k, name) in [('1', "strategy"), ('2', "plan"), ('4', "kpis")] {
            typed(&mut app, &k.to_string());
            insta::assert_snapshot!(name, frame(&mut app, 80, 24));
        }
    }
}

mod random_keys {
    //! Any keys at any terminal size: no panic, and the store stays sound.
    use super::*;
    use proptest::prelude::*;

    fn keys() -> impl Strategy<Value = KeyEvent> {
        let codes = prop_oneof![
            Just(KeyCode::Enter),
            Just(KeyCode::Esc),
            Just(KeyCode::Tab),
            Just(KeyCode::BackTab),
            Just(KeyCode::Backspace),
            Just(KeyCode::Up),
            Just(KeyCode::Down),
            Just(KeyCode::PageDown),
            Just(KeyCode::PageUp),
            prop::sample::select(
                " jkgGsp+-aedyn/obhlu?1234qxé#@:\"[]mctrfTw"
                    .chars()
                    .collect::<Vec<_>>()
            )
            .prop_map(KeyCode::Char),
        ];
        (codes, any::<bool>()).prop_map(|(c, ctrl)| {
            let m = if ctrl && c == KeyCode::Char('r') {
                KeyModifiers::CONTROL
            } else {
                KeyModifiers::NONE
            };
            KeyEvent::new(c, m)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

        #[test]
        fn never_panics_and_leaves_the_store_sound(
            presses in prop::collection::vec((keys(), 1u16..300, 1u16..100), 1..40)
        ) {
            let mut app = demo(Locale::En);
            for (k, w, h) in presses {
                app.on_key(&k);
                if app.quit {
                    break;
                }
                screen(&mut app, w, h);
            }
            prop_assert_eq!(app.store().integrity_check().expect("check"), vec!["ok".to_string()]);
            prop_assert!(app.store().foreign_key_check().expect("fk").is_empty());
        }
    }
}

#[test]
fn tab_into_a_filled_field_puts_the_cursor_after_its_text() {
    let mut app = demo(Locale::En);
    while app.tasks.selected().and_then(|l| l.task.due).is_none() {
        typed(&mut app, "j");
    }
    let (id, _) = selected(&app);
    // Title, campaign, then the due date: one Backspace takes one
    // character, nothing is selected to be wiped.
    typed(&mut app, "e\t\t\x08");
    let Overlay::Form(form) = &app.overlay else {
        panic!("the form is open");
    };
    let due = funnel::app::forms::task::Field::Due;
    assert_eq!(form.focus, usize::from(due));
    let held = app.store().task(id).expect("task").due.expect("due");
    let mut shorter = held.format("%Y-%m-%d").to_string();
    shorter.pop();
    assert_eq!(form.value(due), shorter);
    typed(&mut app, "⌫+2w\n");
    let today = NaiveDate::from_ymd_opt(2026, 12, 6);
    assert_eq!(
        app.store().task(id).expect("task").due,
        today,
        "+2w replaced the date"
    );
}

mod kpis_tab {
    //! The KPIs tab: period navigation, figures that agree with the
    //! metrics engine, and reviewed frames.
    use super::*;
    use funnel::config::Config;
    use funnel::metrics::{Granularity, Period};

    fn on_kpis(locale: Locale, ascii: bool) -> App {
        let mut s = settings(locale, false, Keymap::default());
        s.ascii = ascii;
        let mut app = App::new(demo_store(), s).expect("app");
        typed(&mut app, "4");
        app
    }

    fn period(app: &App) -> String {
        app.kpis.as_ref().expect("the tab is loaded").period.label()
    }

    #[test]
    fn brackets_move_by_period_m_changes_its_size_and_t_comes_back() {
        let mut app = on_kpis(Locale::En, false);
        assert_eq!(period(&app), "2026-11");
        typed(&mut app, "[[");
        assert_eq!(period(&app), "2026-09");
        typed(&mut app, "]");
        assert_eq!(period(&app), "2026-10");
        typed(&mut app, "m");
        assert_eq!(period(&app), "2026-Q4", "month -> quarter holding it");
        typed(&mut app, "m");
        assert_eq!(period(&app), "2026");
        typed(&mut app, "m");
        assert_eq!(period(&app), "2026-W47", "year -> the week holding today");
        typed(&mut app, "[t");
        assert_eq!(period(&app), "2026-W47");
        let k = app.kpis.as_ref().expect("loaded");
        assert_eq!(k.window.len(), funnel::app::kpis::WINDOW);
        assert_eq!(k.window.last().map(|p| p.label()), Some("2026-W47".into()));
    }

    #[test]
    fn the_figures_are_the_engines_for_the_same_period() {
        let mut app = on_kpis(Locale::En, false);
        typed(&mut app, "[");
        let k = app.kpis.as_ref().expect("loaded");
        let oct = Period::containing(
            Granularity::Month,
            NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"),
            chrono::Weekday::Mon,
        );
        let config = Config::default();
        let engine = funnel::analysis::Analysis::new(app.store(), &config, today())
            .figures(&[oct], funnel::domain::Dimension::Total)
            .expect("figures");
        assert_eq!(k.figures.last(), engine.figures.first());
        let customers = k
            .headlines
            .iter()
            .find(|h| h.key == "customers_end")
            .expect("row");
        assert!(customers.previous.is_some(), "September is the comparison");
    }

    #[test]
    fn kpis_80x24_and_160x48() {
        let mut app = on_kpis(Locale::En, false);
        insta::assert_snapshot!("kpis_figures_80x24", screen(&mut app, 80, 24));
        // c: the notes (see `record_form_and_notes_frames`), c: a chart.
        typed(&mut app, "cc");
        insta::assert_snapshot!("kpis_chart_80x24", screen(&mut app, 80, 24));
        insta::assert_snapshot!("kpis_160x48", screen(&mut app, 160, 48));
    }

    fn scope(app: &App) -> funnel::domain::Dimension {
        app.kpis.as_ref().expect("loaded").scope.dimension
    }

    #[test]
    fn slash_picks_a_segment_by_a_word_without_accents_and_esc_goes_back() {
        let mut app = on_kpis(Locale::En, false);
        typed(&mut app, "[/van");
        insta::assert_snapshot!("kpis_picker_80x24", screen(&mut app, 80, 24));
        typed(&mut app, "\n");
        let segment = app
            .store()
            .segments()
            .expect("segments")
            .into_iter()
            .find(|s| s.name == "Văn phòng trẻ")
            .expect("the demo's segment");
        let dim = funnel::domain::Dimension::Segment(segment.id);
        assert_eq!(scope(&app), dim);
        let k = app.kpis.as_ref().expect("loaded");
        assert_eq!(k.period.label(), "2026-10", "the period is kept");
        let config = Config::default();
        let engine = funnel::analysis::Analysis::new(app.store(), &config, today())
            .figures(&[k.period], dim)
            .expect("figures");
        assert_eq!(k.figures.last(), engine.figures.first());
        assert!(
            screen(&mut app, 80, 24).contains("segment Văn phòng trẻ · Period 2026-10"),
            "the head line names the scope"
        );
        typed(&mut app, "]");
        assert_eq!(scope(&app), dim, "moving in time keeps the scope");
        typed(&mut app, "\x1b");
        assert_eq!(scope(&app), funnel::domain::Dimension::Total);
    }

    #[test]
    fn the_picker_narrows_moves_and_esc_changes_nothing() {
        let mut app = on_kpis(Locale::En, false);
        typed(&mut app, "/zzzz");
        assert!(screen(&mut app, 80, 24).contains("Nothing matches."));
        typed(&mut app, "\n");
        assert!(
            matches!(app.overlay, funnel::app::Overlay::Picker(_)),
            "Enter on nothing keeps the picker open"
        );
        typed(&mut app, "\x1b");
        assert_eq!(scope(&app), funnel::domain::Dimension::Total);
        // Down from the whole business: the first segment, then a channel.
        typed(&mut app, "/");
        app.on_key(&key(KeyCode::Down));
        typed(&mut app, "\n");
        assert!(matches!(scope(&app), funnel::domain::Dimension::Segment(_)));
        typed(&mut app, "/channel\n");
        assert!(matches!(scope(&app), funnel::domain::Dimension::Channel(_)));
        typed(&mut app, "cccccc");
        let shown = screen(&mut app, 80, 24);
        assert!(
            shown.contains("Segment shares are shown for the whole business"),
            "{shown}"
        );
    }

    #[test]
    fn segment_shares_are_each_segments_customers_of_all() {
        let app = on_kpis(Locale::En, false);
        let k = app.kpis.as_ref().expect("loaded");
        assert_eq!(k.segments.len(), 3);
        let total = k
            .figures
            .last()
            .and_then(|f| f.customers_end)
            .expect("total");
        let config = Config::default();
        let analysis = funnel::analysis::Analysis::new(app.store(), &config, today());
        for s in &k.segments {
            let id = app
                .store()
                .segments()
                .expect("segments")
                .into_iter()
                .find(|x| x.name == s.name)
                .expect("named")
                .id;
            let f = analysis
                .figures(&[k.period], funnel::domain::Dimension::Segment(id))
                .expect("figures");
            let customers = f.figures[0].customers_end.expect("customers");
            assert_eq!(s.customers, Some(customers));
            let expected = customers.to_f64() / total.to_f64();
            assert!((s.share.expect("share") - expected).abs() < 1e-9);
        }
        let first = &k.segments[0];
        let second = &k.segments[1];
        assert!(first.customers >= second.customers, "largest first");
    }

    #[test]
    fn every_chart_at_80x24() {
        let mut app = on_kpis(Locale::En, false);
        // c: the notes, c: the first chart.
        typed(&mut app, "cc");
        let customers = screen(&mut app, 80, 24);
        assert!(customers.contains("New vs churned · 2026-11 to 22 Nov █ new 188  ▒ churned 111"));
        typed(&mut app, "ccc");
        insta::assert_snapshot!("kpis_cost_per_conversion_80x24", screen(&mut app, 80, 24));
        typed(&mut app, "c");
        insta::assert_snapshot!("kpis_segments_80x24", screen(&mut app, 80, 24));
        typed(&mut app, "c");
        insta::assert_snapshot!("kpis_cohorts_80x24", screen(&mut app, 80, 24));
        typed(&mut app, "c");
        assert!(screen(&mut app, 80, 24).contains("revenue per customer"));
        typed(&mut app, "c");
        assert!(
            screen(&mut app, 80, 24).contains("Customers at start"),
            "back to figures"
        );
    }

    #[test]
    fn charts_in_ascii_hold_no_braille_or_box_drawing() {
        let mut app = on_kpis(Locale::Vi, true);
        for _ in 0..funnel::app::kpis::VIEWS {
            typed(&mut app, "c");
            let shown = screen(&mut app, 80, 24);
            let odd: Vec<char> = shown
                .chars()
                .filter(|c| ('\u{2500}'..='\u{28ff}').contains(c))
                .collect();
            assert!(odd.is_empty(), "{odd:?} in\n{shown}");
        }
        // Back at the figures after a whole turn; c c: the first chart.
        insta::assert_snapshot!("kpis_vi_ascii_customers_80x24", {
            typed(&mut app, "cc");
            screen(&mut app, 80, 24)
        });
    }

    #[test]
    fn cohorts_are_the_engines_up_to_the_selected_month() {
        let mut app = on_kpis(Locale::En, false);
        typed(&mut app, "[[");
        let k = app.kpis.as_ref().expect("loaded");
        let config = Config::default();
        let all = funnel::analysis::Analysis::new(app.store(), &config, today())
            .cohorts(funnel::domain::Dimension::Total)
            .expect("cohorts")
            .expect("the demo has orders");
        let shown = k.cohorts.as_ref().expect("cohorts");
        assert_eq!(
            shown.last().map(|c| c.month.to_string()),
            Some("2026-09-01".into())
        );
        assert_eq!(shown[..], all[..shown.len()]);
        // A channel has no orders: the table says where cohorts come from.
        typed(&mut app, "/channel\n");
        assert!(app.kpis.as_ref().expect("loaded").cohorts.is_none());
    }

    #[test]
    fn a_churn_rate_objective_draws_its_target_on_the_churn_chart() {
        let mut store = demo_store();
        store
            .save_objective(&funnel::domain::Objective {
                id: funnel::domain::ObjectiveId(0),
                title: "Churn under 6%".into(),
                metric: "churn_rate".into(),
                baseline: funnel::domain::Amount::from_int(10),
                target: funnel::domain::Amount::from_int(6),
                direction: funnel::domain::Direction::Decrease,
                start: NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
                deadline: NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
                segment: None,
                channel: None,
            })
            .expect("objective");
        let mut app = App::new(store, settings(Locale::En, false, Keymap::default())).expect("app");
        typed(&mut app, "4");
        let k = app.kpis.as_ref().expect("loaded");
        let target = k.target_of("churn_rate").expect("the objective targets it");
        assert!(target.current.is_some());
        let figures = screen(&mut app, 80, 24);
        let row = figures
            .lines()
            .find(|l| l.starts_with("Churn rate"))
            .expect("the churn rate row");
        assert!(
            ["met", "on track", "at risk", "missed"]
                .iter()
                .any(|w| row.ends_with(w)),
            "the row shows the objective's status: {row}"
        );
        // figures, notes, customers, then the churn rate chart.
        typed(&mut app, "ccc");
        let shown = screen(&mut app, 80, 24);
        assert!(shown.contains("⠒ Churn rate ┄ target"), "{shown}");
    }

    #[test]
    fn every_view_draws_at_every_size() {
        let mut app = on_kpis(Locale::Vi, false);
        for _ in 0..funnel::app::kpis::VIEWS {
            for w in [1, 20, 40, 41, 56, 79, 80, 119, 120, 121, 159, 160, 200, 300] {
                for h in [1, 9, 10, 11, 13, 14, 16, 24, 28, 36, 48, 100] {
                    screen(&mut app, w, h);
                }
            }
            typed(&mut app, "c");
        }
    }

    /// The figure shown for a headline, as the tab holds it.
    fn figure(app: &App, key: &str) -> Option<funnel::report::Figure> {
        let k = app.kpis.as_ref().expect("loaded");
        k.headlines
            .iter()
            .find(|h| h.key == key)
            .and_then(|h| h.current)
    }

    fn visits_on(app: &App, day: NaiveDate) -> Option<funnel::domain::Amount> {
        app.store()
            .series_between(
                "visits",
                funnel::domain::Dimension::Total,
                ALL_DAYS.0,
                ALL_DAYS.1,
            )
            .expect("series")
            .into_iter()
            .find(|(d, _)| *d == day)
            .map(|(_, v)| v)
    }

    fn form_error(app: &App) -> Option<String> {
        match &app.overlay {
            Overlay::Form(form) => form.error_line(),
            _ => None,
        }
    }

    #[test]
    fn recording_a_value_changes_the_figure_and_u_undoes_it() {
        use funnel::domain::Amount;
        use funnel::report::Figure;
        let mut app = on_kpis(Locale::En, false);
        let before = figure(&app, "visits");
        let Some(Figure::Amount(shown)) = before else {
            panic!("visits are recorded in the demo: {before:?}");
        };
        let old = visits_on(&app, today()).unwrap_or(Amount::ZERO);
        // r: the date is today; Tab to the metric, typed whole; the value.
        typed(&mut app, "r\tvisits=99999\n");
        assert!(
            matches!(app.overlay, Overlay::None),
            "{:?}",
            form_error(&app)
        );
        let want = shown - old + Amount::from_int(99_999);
        assert_eq!(figure(&app, "visits"), Some(Figure::Amount(want)));
        assert!(
            status(&app).starts_with("Recorded Visits = 99,999 on 2026-11-22"),
            "{}",
            status(&app)
        );
        assert!(status(&app).ends_with("u to undo"), "{}", status(&app));
        let frame = screen(&mut app, 80, 24);
        let shown_now = funnel::i18n::Format {
            locale: Locale::En,
            currency: funnel::i18n::Currency::Vnd,
        }
        .count(want);
        assert!(
            frame.contains(&shown_now),
            "{shown_now} on screen:\n{frame}"
        );
        typed(&mut app, "u");
        assert_eq!(figure(&app, "visits"), before, "undo restores the figure");
        assert_eq!(visits_on(&app, today()), (!old.is_zero()).then_some(old));
    }

    #[test]
    fn a_value_for_a_channel_is_resolved_like_the_command_line() {
        let mut app = on_kpis(Locale::Vi, false);
        let channel = app.store().channels().expect("channels")[0].clone();
        // The name without its accents, and the kind in the reader's words.
        let typed_name = format!("kênh: {}", channel.name.to_lowercase());
        typed(&mut app, &format!("r⌫yesterday\tleads=7\t{typed_name}\n"));
        assert!(
            matches!(app.overlay, Overlay::None),
            "{:?}",
            form_error(&app)
        );
        let day = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
        let series = app
            .store()
            .series_between(
                "leads",
                funnel::domain::Dimension::Channel(channel.id),
                ALL_DAYS.0,
                ALL_DAYS.1,
            )
            .expect("series");
        assert_eq!(
            series.iter().find(|(d, _)| *d == day).map(|(_, v)| *v),
            Some(funnel::domain::Amount::from_int(7))
        );
        assert!(
            status(&app).contains(&format!("(kênh {})", channel.name)),
            "{}",
            status(&app)
        );
    }

    #[test]
    fn a_bad_value_keeps_the_form_open_naming_the_field_and_esc_writes_nothing() {
        let mut app = on_kpis(Locale::En, false);
        let values = app.store().kpi_values().expect("values");
        typed(&mut app, "r\tvisits=12.5\n");
        assert_eq!(
            form_error(&app).as_deref(),
            Some("Values: visits is a count: '12.5' must be a whole number, 0 or more")
        );
        let frame = screen(&mut app, 80, 24);
        assert!(frame.contains("Values: visits is a count"), "{frame}");
        typed(&mut app, "\x1b");
        assert!(matches!(app.overlay, Overlay::None));
        typed(&mut app, "r\tvisits=5\x1b");
        assert!(matches!(app.overlay, Overlay::None));
        assert_eq!(app.store().kpi_values().expect("values"), values);
        assert_eq!(status(&app), "", "nothing said, nothing written");
    }

    fn notes_listed(app: &App) -> Vec<funnel::domain::Note> {
        let k = app.kpis.as_ref().expect("loaded");
        k.period_notes
            .lines
            .iter()
            .map(|l| l.note.clone())
            .collect()
    }

    fn selected_note(app: &App) -> funnel::domain::Note {
        let k = app.kpis.as_ref().expect("loaded");
        k.period_notes.selected().expect("a note").note.clone()
    }

    #[test]
    fn notes_are_added_edited_and_deleted_and_u_undoes_each() {
        use funnel::domain::{CauseCategory, NoteKind};
        let mut app = on_kpis(Locale::En, false);
        screen(&mut app, 160, 48);
        let before = notes_listed(&app);
        let count = app.store().notes().expect("notes").len();
        // Kind stays cause; category completes; the days are the month's.
        typed(
            &mut app,
            "a\t⌫promo→\t\t\trevenue\tFlash sale 11.11 doubled orders\n",
        );
        assert!(
            matches!(app.overlay, Overlay::None),
            "{:?}",
            form_error(&app)
        );
        let added = selected_note(&app);
        assert_eq!(added.text, "Flash sale 11.11 doubled orders");
        assert_eq!(added.kind, NoteKind::Cause);
        assert_eq!(added.category, CauseCategory::Promotion);
        assert_eq!(added.metric.as_deref(), Some("revenue"));
        assert_eq!(
            (added.start, added.end),
            (
                NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
                NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")
            )
        );
        assert_eq!(status(&app), format!("Added note {}. u to undo", added.id));
        assert_eq!(notes_listed(&app).len(), before.len() + 1);
        assert!(screen(&mut app, 160, 48).contains("Flash sale 11.11 doubled orders"));
        typed(&mut app, "u");
        assert_eq!(notes_listed(&app), before);
        assert_eq!(app.store().notes().expect("notes").len(), count);

        // Edit the selected note: Shift-Tab from the first field is the text.
        let note = selected_note(&app);
        typed(&mut app, "e");
        app.on_key(&key(KeyCode::BackTab));
        typed(&mut app, "!\n");
        let edited = app.store().note(note.id).expect("note");
        assert_eq!(edited.text, format!("{}!", note.text));
        assert_eq!(status(&app), format!("Saved note {}. u to undo", note.id));
        typed(&mut app, "u");
        assert_eq!(app.store().note(note.id).expect("note").text, note.text);

        // Delete asks first; n keeps it, y deletes, u brings it back.
        typed(&mut app, "dn");
        assert!(app.store().note(note.id).is_ok());
        typed(&mut app, "d");
        let Overlay::Confirm { question, .. } = &app.overlay else {
            panic!("d asks first");
        };
        assert!(
            question.starts_with(&format!("Delete note {} \u{201c}", note.id)),
            "{question}"
        );
        typed(&mut app, "y");
        assert!(app.store().note(note.id).is_err());
        assert!(!notes_listed(&app).contains(&note));
        typed(&mut app, "u");
        assert_eq!(app.store().note(note.id).expect("back"), note);
        assert!(notes_listed(&app).contains(&note));
    }

    #[test]
    fn a_note_with_a_bad_period_stays_open_on_the_field() {
        let mut app = on_kpis(Locale::Vi, false);
        let count = app.store().notes().expect("notes").len();
        typed(&mut app, "a\t\t\t⌫2026-10-01\t\tKhách phàn nàn\n");
        assert_eq!(
            form_error(&app).as_deref(),
            Some("Đến ngày: trước ngày bắt đầu (01/11/2026)")
        );
        typed(&mut app, "\x1b");
        assert_eq!(app.store().notes().expect("notes").len(), count);
    }

    #[test]
    fn f_follows_a_note_up_with_a_task_on_the_tasks_tab_and_u_undoes_it() {
        let mut app = on_kpis(Locale::En, false);
        screen(&mut app, 160, 48);
        let note = selected_note(&app);
        let tasks = app.store().count_tasks().expect("count");
        typed(&mut app, "f");
        let linked = app.store().tasks_following(note.id).expect("linked");
        assert_eq!(linked.len(), 1, "one task follows the note up");
        let task = &linked[0];
        assert!(
            task.title.starts_with("Follow up: Tin nhắn win-back"),
            "{}",
            task.title
        );
        assert!(
            task.title.ends_with('…'),
            "a long text is cut: {}",
            task.title
        );
        assert_eq!(task.due, NaiveDate::from_ymd_opt(2026, 11, 29));
        assert_eq!(
            status(&app),
            format!(
                "Added task {} to follow up note {}. u to undo",
                task.id, note.id
            )
        );
        let k = app.kpis.as_ref().expect("loaded");
        assert_eq!(
            k.period_notes.selected().map(|l| l.follow_ups.clone()),
            Some(vec![task.id])
        );
        assert!(screen(&mut app, 160, 48).contains(&format!("→ task {}", task.id)));
        typed(&mut app, "3");
        assert_eq!(selected(&app).0, task.id, "the new task is selected");
        assert!(screen(&mut app, 120, 40).contains("Follow up: Tin nhắn"));
        typed(&mut app, "4u");
        assert_eq!(app.store().count_tasks().expect("count"), tasks);
        assert!(
            app.store()
                .tasks_following(note.id)
                .expect("none")
                .is_empty()
        );
        typed(&mut app, "3");
        assert_ne!(selected(&app).0, task.id, "gone from the Tasks tab too");
    }

    #[test]
    fn f_on_a_note_already_followed_up_asks_before_adding_another() {
        for locale in [Locale::En, Locale::Vi] {
            let mut app = on_kpis(locale, false);
            screen(&mut app, 160, 48);
            let note = selected_note(&app);
            typed(&mut app, "f");
            let first = app.store().tasks_following(note.id).expect("linked");
            assert_eq!(first.len(), 1);
            typed(&mut app, "f");
            let asked = match &app.overlay {
                Overlay::Confirm { question, .. } => question.clone(),
                _ => String::new(),
            };
            assert!(
                asked.contains(&first[0].id.to_string()) && asked.ends_with("y/n"),
                "{locale:?}: a second f asks, naming the task: {asked:?}"
            );
            assert_eq!(
                app.store().tasks_following(note.id).expect("linked").len(),
                1,
                "nothing added while asking"
            );
            typed(&mut app, "n");
            assert!(matches!(app.overlay, Overlay::None));
            assert_eq!(
                app.store().tasks_following(note.id).expect("linked").len(),
                1
            );
            typed(&mut app, "fy");
            assert_eq!(
                app.store().tasks_following(note.id).expect("linked").len(),
                2,
                "y adds another"
            );
        }
    }

    #[test]
    fn at_80_columns_the_notes_are_a_view_and_note_keys_show_them_first() {
        let mut app = on_kpis(Locale::En, false);
        screen(&mut app, 80, 24);
        let tasks = app.store().count_tasks().expect("count");
        typed(&mut app, "f");
        let k = app.kpis.as_ref().expect("loaded");
        assert_eq!(
            k.view,
            funnel::app::kpis::NOTES_VIEW,
            "f first shows the notes"
        );
        assert_eq!(
            app.store().count_tasks().expect("count"),
            tasks,
            "and writes nothing"
        );
        let frame = screen(&mut app, 80, 24);
        assert!(frame.contains("Notes · 2026-11 (1)"), "{frame}");
        typed(&mut app, "c");
        let k = app.kpis.as_ref().expect("loaded");
        assert_eq!(k.view, funnel::app::kpis::NOTES_VIEW + 1, "then the charts");
    }

    #[test]
    fn read_only_refuses_recording_and_note_changes() {
        let mut app =
            App::new(demo_store(), settings(Locale::En, true, Keymap::default())).expect("app");
        typed(&mut app, "4");
        screen(&mut app, 160, 48);
        let notes = app.store().notes().expect("notes");
        for k in ["r", "a", "e", "d", "f"] {
            typed(&mut app, k);
            assert!(matches!(app.overlay, Overlay::None), "{k}");
            assert_eq!(status(&app), "Read-only: nothing can change here.", "{k}");
        }
        assert_eq!(app.store().notes().expect("notes"), notes);
        let frame = screen(&mut app, 160, 48);
        assert!(!frame.contains("record values"), "no write hints:\n{frame}");
    }

    #[test]
    fn record_form_and_notes_frames() {
        for locale in [Locale::En, Locale::Vi] {
            let name = match locale {
                Locale::En => "en",
                Locale::Vi => "vi",
            };
            for (w, h) in [(80, 24), (160, 48)] {
                let mut app = on_kpis(locale, false);
                typed(&mut app, "r\tvis");
                insta::assert_snapshot!(
                    format!("record_form_{name}_{w}x{h}"),
                    screen(&mut app, w, h)
                );
                typed(&mut app, "→12.5\n");
                insta::assert_snapshot!(
                    format!("record_form_error_{name}_{w}x{h}"),
                    screen(&mut app, w, h)
                );
                // October: several notes; one followed up.
                typed(&mut app, "\x1b[");
                screen(&mut app, w, h);
                if w < 120 {
                    typed(&mut app, "c");
                }
                typed(&mut app, "jf");
                insta::assert_snapshot!(format!("notes_{name}_{w}x{h}"), screen(&mut app, w, h));
                typed(&mut app, "e");
                insta::assert_snapshot!(
                    format!("note_form_{name}_{w}x{h}"),
                    screen(&mut app, w, h)
                );
            }
        }
    }

    #[test]
    fn the_periods_notes_are_listed_and_j_k_select_one() {
        use funnel::app::kpis::NOTES_VIEW;
        let mut app = on_kpis(Locale::En, false);
        let zalo = selected_note(&app);
        typed(&mut app, "[");
        let k = app.kpis.as_ref().expect("loaded");
        assert_eq!(k.period_notes.lines.len(), 2, "October has two notes");
        assert_eq!(
            selected_note(&app).id,
            zalo.id,
            "the same note stays selected"
        );
        screen(&mut app, 80, 24);
        typed(&mut app, "k");
        let k = app.kpis.as_ref().expect("loaded");
        assert_eq!(k.view, NOTES_VIEW, "at 80 columns k first shows the notes");
        assert_eq!(k.period_notes.selected, 1, "without moving");
        let frame = screen(&mut app, 80, 24);
        assert!(frame.contains("Notes · 2026-10 (2)"), "{frame}");
        typed(&mut app, "kk");
        assert_eq!(app.kpis.as_ref().expect("loaded").period_notes.selected, 0);
        // November does not list the October review: the selection stays
        // within the list.
        typed(&mut app, "]");
        assert_eq!(selected_note(&app).id, zalo.id);
        typed(&mut app, "c");
        assert_eq!(
            app.kpis.as_ref().expect("loaded").view,
            NOTES_VIEW + 1,
            "then the charts"
        );
        // Wide: the notes stand under the figures and keys move at once.
        typed(&mut app, "[");
        screen(&mut app, 160, 48);
        typed(&mut app, "g");
        assert_eq!(app.kpis.as_ref().expect("loaded").period_notes.selected, 0);
        typed(&mut app, "j");
        let frame = screen(&mut app, 160, 48);
        assert!(
            frame.contains("▶ cause · customer care · 2026-10-13 – 2026-11-21"),
            "{frame}"
        );
    }

    #[test]
    fn kpis_vietnamese_ascii_160x48() {
        let mut app = on_kpis(Locale::Vi, true);
        insta::assert_snapshot!("kpis_vi_ascii_160x48", screen(&mut app, 160, 48));
    }
}

#[test]
fn the_help_lists_every_context_in_both_languages() {
    for (locale, headings) in [
        (Locale::En, ["Plan", "Scope picker", "Forms"]),
        (Locale::Vi, ["Kế hoạch", "Chọn phạm vi", "Biểu mẫu"]),
    ] {
        let mut app = demo(locale);
        typed(&mut app, "?");
        let shown = screen(&mut app, 120, 300);
        for h in headings {
            assert!(shown.lines().any(|l| l.contains(h)), "{h} in\n{shown}");
        }
    }
}

/// The `?` overlay moves as lists do, its letters left to the search:
/// End to its last line, Up moves at once from there, Home back to the
/// first line.
#[test]
fn the_help_goes_to_its_end_and_back_to_the_top() {
    let mut app = demo(Locale::En);
    typed(&mut app, "?");
    let first = screen(&mut app, 80, 24);
    assert!(first.contains("Everywhere"), "{first}");
    app.on_key(&key(KeyCode::End));
    let last = screen(&mut app, 80, 24);
    assert!(last.contains("is:overdue"), "End shows the end:\n{last}");
    assert!(!last.contains("Everywhere"), "{last}");
    app.on_key(&key(KeyCode::Up));
    assert_ne!(
        screen(&mut app, 80, 24),
        last,
        "Up moves at once at the end"
    );
    app.on_key(&key(KeyCode::Home));
    assert_eq!(screen(&mut app, 80, 24), first, "Home goes back to the top");
    app.on_key(&key(KeyCode::End));
    assert_eq!(screen(&mut app, 80, 24), last);
}

mod plan_tab {
    //! The Plan tab: campaigns on the calendar, the selected one's pacing
    //! and tasks, the workload, and the way to a campaign's tasks.
    use super::*;

    fn on_plan(locale: Locale) -> App {
        let mut app =
            App::new(demo_store(), settings(locale, false, Keymap::default())).expect("app");
        typed(&mut app, "2");
        app
    }

    fn selected_name(app: &App) -> String {
        app.plan
            .as_ref()
            .and_then(|p| p.selected_row())
            .map(|r| r.campaign.name.clone())
            .unwrap_or_default()
    }

    #[test]
    fn plan_80x24_and_160x48() {
        let mut app = on_plan(Locale::En);
        insta::assert_snapshot!("plan_80x24", screen(&mut app, 80, 24));
        insta::assert_snapshot!("plan_160x48", screen(&mut app, 160, 48));
        typed(&mut app, "m");
        insta::assert_snapshot!("plan_month_zoom_120x30", screen(&mut app, 120, 30));
    }

    #[test]
    fn plan_vietnamese_ascii_80x24_and_workload() {
        let mut s = settings(Locale::Vi, false, Keymap::default());
        s.ascii = true;
        let mut app = App::new(demo_store(), s).expect("app");
        typed(&mut app, "2j");
        insta::assert_snapshot!("plan_vi_ascii_80x24", screen(&mut app, 80, 24));
        typed(&mut app, "w");
        insta::assert_snapshot!("plan_vi_workload_80x24", screen(&mut app, 80, 24));
        typed(&mut app, "wm");
        insta::assert_snapshot!("plan_vi_ascii_month_160x48", screen(&mut app, 160, 48));
    }

    #[test]
    fn campaigns_crossing_the_edges_are_marked_and_overlaps_get_their_own_rows() {
        let mut app = on_plan(Locale::En);
        let shown = screen(&mut app, 100, 30);
        let seo = shown
            .lines()
            .find(|l| l.starts_with("SEO blog always-on"))
            .expect("the always-on campaign runs through the span");
        assert!(seo.contains('<') && seo.ends_with('>'), "{seo}");
        assert!(shown.contains("Black Friday 2026") && shown.contains("Quà Tết 2027"));
    }

    #[test]
    fn selection_scrolling_and_pacing() {
        let mut app = on_plan(Locale::En);
        screen(&mut app, 100, 30);
        assert_eq!(selected_name(&app), "SEO blog always-on");
        typed(&mut app, "jjj");
        assert_eq!(selected_name(&app), "Black Friday 2026");
        let p = app.plan.as_ref().expect("plan");
        let pace = p.pacing.expect("the selected campaign's pacing");
        let c = &p.selected_row().expect("row").campaign;
        let config = funnel::config::Config::default();
        let spent = funnel::analysis::Analysis::new(app.store(), &config, today())
            .campaign_spent(c)
            .expect("spent");
        assert_eq!(pace.spent, spent);
        assert_eq!(pace.budget, c.budget);
        // Far back in time the demo has no campaigns; `t` comes back.
        typed(&mut app, &"[".repeat(120));
        assert!(screen(&mut app, 100, 30).contains("No campaign runs from"));
        assert_eq!(selected_name(&app), "");
        typed(&mut app, "t");
        assert_eq!(selected_name(&app), "SEO blog always-on");
    }

    #[test]
    fn enter_shows_the_campaigns_tasks() {
        let mut app = on_plan(Locale::En);
        screen(&mut app, 100, 30);
        typed(&mut app, "jjj\n");
        assert_eq!(app.tab, Tab::Tasks);
        assert_eq!(app.tasks.filter_text, "campaign:\"Black Friday 2026\"");
        let shown: Vec<_> = app
            .tasks
            .rows
            .iter()
            .filter_map(|r| match r {
                funnel::app::tasks::Row::Task(i) => app.tasks.lines.get(*i),
                funnel::app::tasks::Row::Heading(..) => None,
            })
            .collect();
        assert!(!shown.is_empty());
        assert!(
            shown
                .iter()
                .all(|l| l.campaign.as_deref() == Some("Black Friday 2026"))
        );
    }
}

#[path = "tui/records.rs"]
mod records;

#[path = "tui/elsewhere.rs"]
mod elsewhere;

#[path = "tui/forecast.rs"]
mod forecast;
#[path = "tui/funnel_view.rs"]
mod funnel_view;
#[path = "tui/scoreboard.rs"]
mod scoreboard;

mod strategy_tab {
    //! The Strategy tab: six sections reached with h and l, each a list
    //! with the selected item's detail, figures from the engine.
    use super::*;
    use funnel::app::strategy::Section;

    fn on_strategy(locale: Locale) -> App {
        let mut app =
            App::new(demo_store(), settings(locale, false, Keymap::default())).expect("app");
        typed(&mut app, "1");
        app
    }

    fn section(app: &App) -> Section {
        app.strategy.as_ref().expect("loaded").section
    }

    #[test]
    fn every_section_at_80x24() {
        let mut app = on_strategy(Locale::En);
        for (i, s) in Section::ALL.iter().enumerate() {
            assert_eq!(section(&app), *s);
            insta::assert_snapshot!(format!("strategy_{i}_80x24"), screen(&mut app, 80, 24));
            typed(&mut app, "l");
        }
        assert_eq!(section(&app), Section::Objectives, "l wraps around");
        typed(&mut app, "h");
        assert_eq!(section(&app), Section::Procedures);
    }

    #[test]
    fn vietnamese_160x48() {
        let mut app = on_strategy(Locale::Vi);
        insta::assert_snapshot!("strategy_vi_objectives_160x48", screen(&mut app, 160, 48));
        typed(&mut app, "lj");
        insta::assert_snapshot!("strategy_vi_segments_160x48", screen(&mut app, 160, 48));
        typed(&mut app, "l");
        insta::assert_snapshot!("strategy_vi_channels_160x48", screen(&mut app, 160, 48));
        typed(&mut app, "l");
        insta::assert_snapshot!("strategy_vi_message_160x48", screen(&mut app, 160, 48));
        typed(&mut app, "l");
        insta::assert_snapshot!("strategy_vi_resources_160x48", screen(&mut app, 160, 48));
        typed(&mut app, "l");
        insta::assert_snapshot!("strategy_vi_procedures_160x48", screen(&mut app, 160, 48));
    }

    #[test]
    fn figures_are_the_engines_for_this_month() {
        let app = on_strategy(Locale::En);
        let s = app.strategy.as_ref().expect("loaded");
        let config = Config::default();
        let analysis = funnel::analysis::Analysis::new(app.store(), &config, today());
        for c in &s.channels {
            let f = analysis
                .figures(&[s.month], funnel::domain::Dimension::Channel(c.channel.id))
                .expect("figures");
            assert_eq!(Some(&c.month), f.figures.first(), "{}", c.channel.name);
        }
        let spend = app.store().metric("spend").expect("metric");
        for b in &s.budgets {
            let p = funnel::metrics::Period::parse(&b.budget.period, chrono::Weekday::Mon)
                .expect("period");
            let v = analysis
                .metric_value(&spend, &p, funnel::domain::Dimension::Total)
                .expect("value");
            assert_eq!(b.spent, v, "{}", b.budget.period);
        }
        let shares: f64 = s
            .segments
            .iter()
            .filter_map(|l| l.share.as_ref().and_then(|x| x.share))
            .sum();
        assert!(shares > 0.0 && shares <= 1.0 + 1e-9, "{shares}");
    }

    /// What the terminal loop does when an editor is asked for and no
    /// `$EDITOR` is set: the built-in one opens.
    fn serve_editor(app: &mut App) {
        if let Some(r) = app.take_edit_request() {
            app.edit_inside(r);
        }
    }

    #[test]
    fn the_built_in_editor_saves_with_ctrl_s_and_undo_brings_the_old_text_back() {
        let mut app = on_strategy(Locale::En);
        let before = app.store().message().expect("message");
        typed(&mut app, "lllje");
        serve_editor(&mut app);
        assert!(matches!(app.overlay, Overlay::Editor(_)));
        insta::assert_snapshot!("strategy_editor_80x24", screen(&mut app, 80, 24));
        app.on_key(&KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
        typed(&mut app, "\nGiao trong 2 giờ.");
        app.on_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        assert!(matches!(app.overlay, Overlay::None));
        let after = app.store().message().expect("message");
        assert_eq!(after.brand_message, before.brand_message);
        assert!(
            after.positioning.ends_with("\nGiao trong 2 giờ."),
            "{}",
            after.positioning
        );
        assert!(
            status(&app).starts_with("Saved: Positioning."),
            "{}",
            status(&app)
        );
        assert!(screen(&mut app, 80, 24).contains("Giao trong 2 giờ."));
        typed(&mut app, "u");
        assert_eq!(app.store().message().expect("message"), before);
    }

    #[test]
    fn esc_in_the_editor_writes_nothing() {
        let mut app = on_strategy(Locale::En);
        let before = app.store().message().expect("message");
        typed(&mut app, "llle");
        serve_editor(&mut app);
        typed(&mut app, "xyz\x1b");
        assert!(matches!(app.overlay, Overlay::None));
        assert_eq!(app.store().message().expect("message"), before);
    }

    #[test]
    fn selections_stay_within_their_section() {
        let mut app = on_strategy(Locale::En);
        typed(&mut app, "jjjjjjjjjjjjjjjjjjjj");
        let s = app.strategy.as_ref().expect("loaded");
        assert_eq!(s.selected(), s.objectives.len() - 1);
        typed(&mut app, "lG");
        let s = app.strategy.as_ref().expect("loaded");
        assert_eq!(s.selected(), s.segments.len() - 1);
        typed(&mut app, "g");
        assert_eq!(app.strategy.as_ref().expect("loaded").selected(), 0);
    }
}

/// Opened on another tab, the dashboard reads the tasks only when the
/// Tasks tab is first shown, and then shows all of them; the Plan tab
/// counts them without reading them.
#[test]
fn tasks_are_read_when_first_shown() {
    let app_on = |tab| {
        App::open_on(
            demo_store(),
            settings(Locale::En, false, Keymap::default()),
            tab,
        )
        .expect("app")
    };
    let mut app = app_on(Tab::Kpis);
    assert_eq!(app.tab, Tab::Kpis);
    assert!(app.kpis.is_some());
    assert_eq!(
        app.tasks.lines.lines().len(),
        0,
        "not read for the KPIs tab"
    );
    typed(&mut app, "3");
    let all = app.store().count_tasks().expect("count");
    assert_eq!(app.tasks.lines.lines().len() as i64, all);
    assert!(all > 0);
    let mut app = app_on(Tab::Strategy);
    typed(&mut app, "2");
    let p = app.plan.as_ref().expect("plan");
    assert!(
        p.campaigns.iter().any(|c| c.tasks.total > 0),
        "the Plan tab counts the campaigns' tasks"
    );
    assert!(!p.workload.is_empty(), "and the people's open ones");
    assert_eq!(
        app.tasks.lines.lines().len(),
        0,
        "not read for the Plan tab"
    );
    // Enter on a campaign with tasks reads them, to list its own.
    let mut app = app_on(Tab::Plan);
    assert_eq!(app.tasks.lines.lines().len(), 0);
    let mut total = 0;
    for _ in 0..50 {
        let p = app.plan.as_ref().expect("plan");
        total = p.selected_row().map_or(0, |r| r.tasks.total);
        if total > 0 {
            break;
        }
        typed(&mut app, "j");
    }
    assert!(total > 0, "a campaign shown has tasks");
    app.on_key(&key(KeyCode::Enter));
    assert_eq!(app.tab, Tab::Tasks);
    assert_eq!(app.tasks.lines.lines().len() as i64, all);
    assert_eq!(
        app.tasks.shown + app.tasks.hidden_done,
        total,
        "the campaign's tasks, and only them (the done ones counted hidden)"
    );
}

/// The KPIs tab says which whole-business figures were summed up from
/// channels or campaigns (on days with no total recorded).
#[test]
fn kpis_tab_says_what_was_summed_up() {
    use funnel::domain::Amount;
    use funnel::store::kpis::{DimensionName, NamedInput};
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("funnel.db")).expect("store");
    let value = |metric: &str, dimension: DimensionName, n: i64| NamedInput {
        day: NaiveDate::from_ymd_opt(2026, 11, 10).expect("date"),
        metric: metric.into(),
        dimension,
        value: Amount::from_int(n),
    };
    store
        .import_kpis(
            &[
                value("spend", DimensionName::Channel("Facebook".into()), 500_000),
                value("visits", DimensionName::Campaign("Tết".into()), 120),
                value("conversions", DimensionName::Total, 3),
            ],
            true,
            today(),
            "import",
            true,
        )
        .expect("import");
    let mut app = App::open_on(
        store,
        settings(Locale::En, false, Keymap::default()),
        Tab::Kpis,
    )
    .expect("app");
    let text = screen(&mut app, 200, 40);
    assert!(text.contains("Visits summed over campaigns"), "{text}");
    assert!(text.contains("Spend summed over channels"), "{text}");
    assert!(!text.contains("Conversions summed"), "{text}");
}

#[test]
fn kpis_tab_shows_click_through_rate_and_cost_per_click_where_there_are_clicks() {
    use funnel::domain::Amount;
    use funnel::store::kpis::{DimensionName, NamedInput};
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("funnel.db")).expect("store");
    let value = |metric: &str, n: i64| NamedInput {
        day: NaiveDate::from_ymd_opt(2026, 11, 10).expect("date"),
        metric: metric.into(),
        dimension: DimensionName::Total,
        value: Amount::from_int(n),
    };
    store
        .import_kpis(
            &[
                value("impressions", 40_000),
                value("clicks", 800),
                value("spend", 1_000_000),
            ],
            true,
            today(),
            "import",
            true,
        )
        .expect("import");
    let mut app = App::open_on(
        store,
        settings(Locale::En, false, Keymap::default()),
        Tab::Kpis,
    )
    .expect("app");
    let text = screen(&mut app, 200, 40);
    let row = |label: &str| {
        text.lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("a {label} row: {text}"))
            .to_string()
    };
    // 800 / 40,000; 1,000,000 ₫ / 800
    assert!(row("Click-through rate").contains("2.0%"), "{text}");
    assert!(row("Cost per click").contains("1,250 ₫"), "{text}");
    assert!(row("Clicks").contains("800"), "{text}");
    // A business without ads is not shown four rows of "—".
    let mut demo = App::open_on(
        demo_store(),
        settings(Locale::En, false, Keymap::default()),
        Tab::Kpis,
    )
    .expect("app");
    let text = screen(&mut demo, 200, 40);
    assert!(text.contains("Conversion rate"), "{text}");
    assert!(!text.contains("Click-through rate"), "{text}");
}

#[path = "tui/selection.rs"]
mod selection;

#[path = "tui/done_hidden.rs"]
mod done_hidden;

#[path = "tui/first_frame.rs"]
mod first_frame;

#[path = "tui/quick_add.rs"]
mod quick_add;

#[path = "tui/recurring.rs"]
mod recurring;

#[path = "tui/week_start.rs"]
mod week_start;

#[path = "tui/too_small.rs"]
mod too_small;

#[path = "tui/metric_words.rs"]
mod metric_words;

#[path = "tui/first_run.rs"]
mod first_run;
#[path = "tui/footer.rs"]
mod footer;
#[path = "tui/form_keys.rs"]
mod form_keys;

#[path = "tui/detail.rs"]
mod detail;
#[path = "tui/marks.rs"]
mod marks;

#[path = "tui/movement.rs"]
mod movement;

#[path = "tui/import.rs"]
mod import;
#[path = "tui/views.rs"]
mod views;

#[path = "tui/mouse.rs"]
mod mouse;
#[path = "tui/undo_refused.rs"]
mod undo_refused;
