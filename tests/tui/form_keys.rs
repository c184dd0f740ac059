//! The keys of every form, in both locales, on the demo in a real file:
//! Tab and Shift-Tab always move between fields, → takes the completion
//! shown and stays, a field is entered with the cursor at the end and
//! nothing selected, a refused value stays as typed with the cursor where
//! it was (one Backspace takes one character), and Esc writes nothing.

use super::*;
use funnel::app::form::Form;
use funnel::domain::Amount;

/// The demo in a real file, made once: each case opens a copy.
fn demo_file() -> &'static std::path::Path {
    static FILE: std::sync::OnceLock<(tempfile::TempDir, std::path::PathBuf)> =
        std::sync::OnceLock::new();
    let (_, path) = FILE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("demo.db");
        let mut store = Store::open(&path).expect("store");
        funnel::demo::fill(&mut store, funnel::demo::Scale::Small, today(), 1).expect("demo");
        (dir, path)
    });
    path
}

/// A copy of the demo file, the dashboard on `tab` over it.
fn on_file(locale: Locale, tab: char) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("funnel.db");
    std::fs::copy(demo_file(), &path).expect("copy");
    let store = Store::open(&path).expect("store");
    let mut app = App::new(store, settings(locale, false, Keymap::default())).expect("app");
    typed(&mut app, &tab.to_string());
    screen(&mut app, 100, 30);
    (dir, app)
}

fn form(app: &App) -> &Form {
    match &app.overlay {
        Overlay::Form(form) => form,
        _ => panic!("a form is open"),
    }
}

/// One form: how it opens, the keys that fill the fields before `field`
/// as needed and bring the focus there, and what, typed after the text
/// the field holds, is refused.
struct Case {
    name: &'static str,
    tab: char,
    open: &'static str,
    before: &'static str,
    field: usize,
    bad: fn(&Store) -> String,
}

/// Clears the resource question (it holds the kind of the row selected)
/// and asks for `kind`.
const BUDGET: &str = "a\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08budget\n";
const PERSON: &str = "a\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08person\n";
const TOOL: &str = "a\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08tool\n";

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "task",
            tab: '3',
            open: "a",
            before: "X\t\t",
            field: 2,
            bad: |_| "x".into(),
        },
        Case {
            name: "record",
            tab: '4',
            open: "r",
            before: "",
            field: 0,
            bad: |_| "x".into(),
        },
        Case {
            name: "note",
            tab: '4',
            open: "a",
            before: "\t\t",
            field: 2,
            bad: |_| "x".into(),
        },
        Case {
            name: "objective",
            tab: '1',
            open: "a",
            before: "X\tvisits\t",
            field: 2,
            bad: |_| "x".into(),
        },
        Case {
            name: "segment",
            tab: '1',
            open: "la",
            before: "X\t\t\t\t\t",
            field: 5,
            bad: |_| "x".into(),
        },
        Case {
            name: "channel",
            tab: '1',
            open: "lla",
            before: "X\t",
            field: 1,
            bad: |_| "x".into(),
        },
        Case {
            name: "campaign",
            tab: '2',
            open: "a",
            before: "X\t\t\t\t",
            field: 4,
            bad: |_| "x".into(),
        },
        Case {
            name: "resource",
            tab: '1',
            open: "lllla",
            before: "",
            field: 0,
            bad: |_| "x".into(),
        },
        Case {
            name: "budget",
            tab: '1',
            open: "llll",
            before: "\t",
            field: 1,
            bad: |_| "x".into(),
        },
        Case {
            name: "person",
            tab: '1',
            open: "llll",
            before: "",
            field: 0,
            bad: |s| s.people().expect("people")[0].name.clone(),
        },
        Case {
            name: "tool",
            tab: '1',
            open: "llll",
            before: "",
            field: 0,
            bad: |s| s.tools().expect("tools")[0].name.clone(),
        },
        Case {
            name: "procedure",
            tab: '1',
            open: "llllla",
            before: "X\t",
            field: 1,
            bad: |_| "zzz".into(),
        },
    ]
}

/// Opens the case's form on a fresh app.
fn opened(c: &Case, locale: Locale) -> (tempfile::TempDir, App) {
    let (dir, mut app) = on_file(locale, c.tab);
    typed(&mut app, c.open);
    match c.name {
        "budget" => typed(&mut app, BUDGET),
        "person" => typed(&mut app, PERSON),
        "tool" => typed(&mut app, TOOL),
        _ => {}
    }
    assert!(
        matches!(app.overlay, Overlay::Form(_)),
        "{}: the form opens",
        c.name
    );
    (dir, app)
}

/// The focused field holds its text with the cursor after it and
/// nothing selected.
fn entered_at_the_end(form: &Form, what: &str) {
    let input = form.fields()[form.focus].input();
    let lines = input.lines();
    let row = lines.len() - 1;
    let col = lines[row].chars().count();
    let ratatui_textarea::DataCursor(r, c) = input.cursor();
    assert_eq!((r, c), (row, col), "{what}: the cursor at the end");
    assert_eq!(input.selection_range(), None, "{what}: nothing selected");
}

#[test]
fn every_form_moves_with_tab_completes_with_the_arrow_and_esc_writes_nothing() {
    for locale in [Locale::En, Locale::Vi] {
        for c in cases() {
            let (_dir, mut app) = opened(&c, locale);
            let before = app.store().export().expect("export");
            let n = form(&app).fields().len();
            for i in 0..n {
                let what = format!("{} {locale:?} field {i}", c.name);
                assert_eq!(form(&app).focus, i, "{what}");
                entered_at_the_end(form(&app), &what);
                let offered: Vec<String> = form(&app)
                    .completions()
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                if let Some(first) = offered.first() {
                    typed(&mut app, "→");
                    assert_eq!(form(&app).focus, i, "{what}: → stays");
                    assert!(
                        // A name=value pair's name is taken with its "=".
                        form(&app)
                            .value(i)
                            .trim_end_matches('=')
                            .ends_with(first.as_str()),
                        "{what}: → took {first}: {}",
                        form(&app).value(i)
                    );
                }
                let kept = form(&app).value(i);
                typed(&mut app, "\t");
                assert_eq!(form(&app).focus, (i + 1) % n, "{what}: Tab moves");
                assert_eq!(form(&app).value(i), kept, "{what}: Tab takes nothing");
            }
            typed(&mut app, "⇤");
            assert_eq!(form(&app).focus, n - 1, "{}: Shift-Tab wraps", c.name);
            entered_at_the_end(form(&app), c.name);
            typed(&mut app, "\x1b");
            assert!(matches!(app.overlay, Overlay::None), "{}", c.name);
            assert_eq!(
                app.store().export().expect("export"),
                before,
                "{} {locale:?}: Esc wrote nothing",
                c.name
            );
        }
    }
}

#[test]
fn every_form_keeps_a_refused_value_as_typed_with_the_cursor_where_it_was() {
    for locale in [Locale::En, Locale::Vi] {
        for c in cases() {
            let what = format!("{} {locale:?}", c.name);
            let (_dir, mut app) = opened(&c, locale);
            let before = app.store().export().expect("export");
            let bad = (c.bad)(app.store());
            typed(&mut app, c.before);
            assert_eq!(form(&app).focus, c.field, "{what}");
            let held = form(&app).value(c.field);
            // A name already taken replaces what the field held; the
            // rest is typed after it.
            let typed_in = if c.name == "person" || c.name == "tool" {
                for _ in 0..held.chars().count() {
                    typed(&mut app, "\x08");
                }
                bad.clone()
            } else {
                format!("{held}{bad}")
            };
            typed(&mut app, &bad);
            assert_eq!(form(&app).value(c.field), typed_in, "{what}");
            // Away from the field, then submit: the mistake brings the
            // focus back, the text and the cursor as they were.
            typed(&mut app, "\t\n");
            let f = form(&app);
            assert!(f.error_line().is_some(), "{what}: refused");
            assert_eq!(f.error_field, Some(c.field), "{what}");
            assert_eq!(f.focus, c.field, "{what}");
            assert_eq!(f.value(c.field), typed_in, "{what}: kept as typed");
            entered_at_the_end(f, &what);
            typed(&mut app, "\x08");
            let mut shorter = typed_in.clone();
            shorter.pop();
            assert_eq!(
                form(&app).value(c.field),
                shorter,
                "{what}: one Backspace takes one character"
            );
            typed(&mut app, "\x1b");
            assert_eq!(app.store().export().expect("export"), before, "{what}");
        }
    }
}

#[test]
fn tab_after_a_letter_moves_on_and_leaves_the_letter() {
    // "c", Tab, "0" once gave the metric "customers0".
    for locale in [Locale::En, Locale::Vi] {
        let (_dir, mut app) = on_file(locale, '1');
        typed(&mut app, "a\tc\t0");
        let f = form(&app);
        assert_eq!(f.value(1usize), "c", "{locale:?}");
        assert_eq!(f.value(2usize), "0", "{locale:?}");
        assert_eq!(f.focus, 2);
        typed(&mut app, "⇤→");
        assert_eq!(form(&app).focus, 1, "→ takes and stays");
        assert_ne!(form(&app).value(1usize), "c", "{locale:?}: completed");
    }
}

/// The values the file holds on `day` for the whole business.
fn recorded(app: &App, metric: &str, day: NaiveDate) -> Option<Amount> {
    app.store()
        .series_between(metric, funnel::domain::Dimension::Total, day, day)
        .expect("series")
        .into_iter()
        .find(|(d, _)| *d == day)
        .map(|(_, v)| v)
}

#[test]
fn a_days_figures_are_recorded_in_one_form_its_day_kept_and_one_undo_takes_them_back() {
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
    for (locale, keys, said) in [
        (
            Locale::En,
            "r⌫2026-11-20\tvisits=1200 conversions=31 spend=850000\n",
            "Recorded 3 values on 2026-11-20.",
        ),
        (
            Locale::Vi,
            "r⌫20/11/2026\tvisits=1.200 conversions=31 spend=850.000\n",
            "Đã ghi 3 số liệu ngày 20/11/2026.",
        ),
    ] {
        let (_dir, mut app) = on_file(locale, '4');
        let before: Vec<_> = ["visits", "conversions", "spend"]
            .iter()
            .map(|m| recorded(&app, m, day))
            .collect();
        typed(&mut app, keys);
        assert!(matches!(app.overlay, Overlay::None), "{:?}", app.status);
        assert!(status(&app).starts_with(said), "{}", status(&app));
        assert_eq!(recorded(&app, "visits", day), Some(Amount::from_int(1200)));
        assert_eq!(
            recorded(&app, "conversions", day),
            Some(Amount::from_int(31))
        );
        assert_eq!(
            recorded(&app, "spend", day),
            Some(Amount::from_int(850_000))
        );
        // The next record opens on the same day.
        typed(&mut app, "r");
        let shown = match locale {
            Locale::En => "2026-11-20",
            Locale::Vi => "20/11/2026",
        };
        assert_eq!(form(&app).value(0usize), shown, "{locale:?}");
        typed(&mut app, "\x1bu");
        let after: Vec<_> = ["visits", "conversions", "spend"]
            .iter()
            .map(|m| recorded(&app, m, day))
            .collect();
        assert_eq!(after, before, "{locale:?}: one undo took all three back");
    }
}

#[test]
fn the_record_form_with_several_values_80x24() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    let _kept = settings.bind_to_scope();
    for (locale, name, keys) in [
        (Locale::En, "en", "r\tvisits=1200 conversions=31 sp"),
        (Locale::Vi, "vi", "r\tvisits=1.200 conversions=31 sp"),
    ] {
        let (_dir, mut app) = on_file(locale, '4');
        typed(&mut app, keys);
        insta::assert_snapshot!(
            format!("record_values_{name}_80x24"),
            screen(&mut app, 80, 24)
        );
    }
}

#[test]
fn a_corrected_baseline_is_saved_as_corrected() {
    // After "Baseline: '1,5' is not a number", two Backspaces and ".5"
    // saved a baseline of 0.50: the first Backspace wiped the value.
    let (_dir, mut app) = on_file(Locale::En, '1');
    typed(&mut app, "aGrow\tvisits\t1,5\t60\t\t\t2026-12-31\n");
    assert_eq!(
        form(&app).error_line().as_deref(),
        Some("Baseline: '1,5' is not a number")
    );
    typed(&mut app, "\x08\x08.5\n");
    assert!(
        matches!(app.overlay, Overlay::None),
        "{:?}",
        form(&app).error_line()
    );
    let o = app
        .store()
        .objectives()
        .expect("objectives")
        .into_iter()
        .find(|o| o.title == "Grow")
        .expect("saved");
    assert_eq!(o.baseline, "1.5".parse::<Amount>().expect("amount"));
}

/// An objective typed into the form: baseline, target, start, deadline.
fn objective_typed(locale: Locale, values: [&str; 4]) -> funnel::domain::Objective {
    let (_dir, mut app) = on_file(locale, '1');
    let [baseline, target, start, deadline] = values;
    typed(
        &mut app,
        &format!("aMục tiêu\tvisits\t{baseline}\t{target}\t\t⌫{start}\t{deadline}\n"),
    );
    assert!(
        matches!(app.overlay, Overlay::None),
        "{values:?}: {:?}",
        form(&app).error_line()
    );
    app.store()
        .objectives()
        .expect("objectives")
        .into_iter()
        .find(|o| o.title == "Mục tiêu")
        .expect("saved")
}

#[test]
fn the_vietnamese_forms_read_vietnamese_numbers_and_days_and_english_ones_too() {
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
    let a = |s: &str| s.parse::<Amount>().expect("amount");
    // Today is Sunday 22 November 2026.
    for (locale, values, want) in [
        (
            Locale::Vi,
            ["1,5", "30.000.000", "hôm nay", "t6"],
            (a("1.5"), a("30000000"), day(11, 22), day(11, 27)),
        ),
        (
            Locale::Vi,
            ["1.500", "1,5tr", "hom qua", "ngày mai"],
            (a("1500"), a("1500000"), day(11, 21), day(11, 23)),
        ),
        (
            Locale::Vi,
            ["2 triệu", "30tr", "mai", "+3 ngày"],
            (a("2000000"), a("30000000"), day(11, 23), day(11, 25)),
        ),
        (
            Locale::Vi,
            ["2.5", "1200", "today", "2026-12-31"],
            (a("2.5"), a("1200"), day(11, 22), day(12, 31)),
        ),
        (
            Locale::Vi,
            ["0", "10", "22/11/2026", "cn"],
            (a("0"), a("10"), day(11, 22), day(11, 29)),
        ),
        (
            Locale::En,
            ["1.500", "2500.50", "yesterday", "fri"],
            (a("1.5"), a("2500.5"), day(11, 21), day(11, 27)),
        ),
        (
            Locale::En,
            ["0", "1", "hôm nay", "t2"],
            (a("0"), a("1"), day(11, 22), day(11, 23)),
        ),
    ] {
        let o = objective_typed(locale, values);
        assert_eq!(
            (o.baseline, o.target, o.start, o.deadline),
            want,
            "{locale:?} {values:?}"
        );
    }
}

#[test]
fn a_value_and_a_budget_are_read_as_vietnamese_write_them() {
    let (_dir, mut app) = on_file(Locale::Vi, '4');
    let channel = app.store().channels().expect("channels")[0].clone();
    typed(
        &mut app,
        &format!("r⌫hôm qua\tleads=1.200\tkênh: {}\n", channel.name),
    );
    assert!(
        matches!(app.overlay, Overlay::None),
        "{:?}",
        form(&app).error_line()
    );
    let day = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    let series = app
        .store()
        .series_between(
            "leads",
            funnel::domain::Dimension::Channel(channel.id),
            day,
            day,
        )
        .expect("series");
    assert_eq!(
        series.iter().find(|(d, _)| *d == day).map(|(_, v)| *v),
        Some(Amount::from_int(1200))
    );
    let (_dir, mut app) = on_file(Locale::Vi, '2');
    typed(&mut app, "aTết 2028\t\t\t\t\t\t⌫30tr\n");
    assert!(
        matches!(app.overlay, Overlay::None),
        "{:?}",
        form(&app).error_line()
    );
    let k = app
        .store()
        .campaigns()
        .expect("campaigns")
        .into_iter()
        .find(|c| c.name == "Tết 2028")
        .expect("saved");
    assert_eq!(k.budget, Amount::from_int(30_000_000));
}

#[test]
fn the_vietnamese_hints_show_what_a_vietnamese_user_types() {
    let (_dir, mut app) = on_file(Locale::Vi, '1');
    // The objective's baseline, then its start.
    typed(&mut app, "a\t\t");
    let baseline = form(&app).hint().expect("a hint").to_string();
    assert!(
        baseline.contains("30tr") || baseline.contains("15tr"),
        "{baseline}"
    );
    assert!(baseline.contains("15.000.000"), "{baseline}");
    typed(&mut app, "\t\t\t");
    let date = form(&app).hint().expect("a hint").to_string();
    for shown in ["hôm nay", "mai", "t6", "+3 ngày"] {
        assert!(date.contains(shown), "{date}");
    }
    assert!(!date.contains("today"), "{date}");
}
