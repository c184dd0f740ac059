//! The KPIs tab's funnel view (`v`) and cohort tables on the demo in a
//! real file: what the keys do, reviewed frames in both locales at 80x24
//! and 160x48 under `--ascii` and under `NO_COLOR`, and that no two
//! columns of either table touch.

use super::*;
use funnel::app::kpis::KpisTab;
use funnel::metrics::{Cohort, Funnel};

/// How the screen is drawn: `--ascii` (colours kept), or `NO_COLOR` (the
/// mono theme, box drawing kept).
#[derive(Clone, Copy, Debug)]
enum Mode {
    Ascii,
    NoColor,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Ascii => "ascii",
            Mode::NoColor => "no_color",
        }
    }
}

fn on_kpis(locale: Locale, mode: Mode) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("funnel.db")).expect("store");
    funnel::demo::fill(&mut store, funnel::demo::Scale::Small, today(), 1).expect("demo");
    let mut s = settings(locale, false, Keymap::default());
    match mode {
        Mode::Ascii => s.ascii = true,
        Mode::NoColor => s.config.theme = funnel::config::Theme::Mono,
    }
    let mut app = App::new(store, s).expect("app");
    typed(&mut app, "4");
    (dir, app)
}

fn tab(app: &App) -> &KpisTab {
    app.kpis.as_ref().expect("the KPIs tab is loaded")
}

/// The funnel the tab should show: the selected period's figures against
/// the ones its change column compares with (the same days before).
fn expected_funnel(k: &KpisTab) -> Funnel {
    Funnel::of(&k.compared.current, &k.compared.previous_or_empty())
}

#[test]
fn v_shows_the_funnel_in_place_of_the_figures_and_v_again_the_figures() {
    let (_dir, mut app) = on_kpis(Locale::En, Mode::NoColor);
    assert!(!tab(&app).show_funnel);
    assert!(screen(&mut app, 80, 24).contains("Customers at start"));
    typed(&mut app, "v");
    assert!(tab(&app).show_funnel);
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("Funnel · 2026-11"), "{shown}");
    assert!(!shown.contains("Customers at start"), "{shown}");
    assert_eq!(tab(&app).funnel, expected_funnel(tab(&app)));
    // The funnel follows the period and the scope, and stays on.
    typed(&mut app, "[");
    assert!(tab(&app).show_funnel);
    assert!(screen(&mut app, 80, 24).contains("Funnel · 2026-10"));
    assert_eq!(tab(&app).funnel, expected_funnel(tab(&app)));
    typed(&mut app, "/channel\n");
    let k = tab(&app);
    assert_ne!(k.scope.dimension, funnel::domain::Dimension::Total);
    assert!(k.show_funnel);
    assert_eq!(k.funnel, expected_funnel(k));
    typed(&mut app, "\x1bv");
    assert!(!tab(&app).show_funnel);
    assert!(screen(&mut app, 80, 24).contains("Customers at start"));
}

#[test]
fn v_on_a_chart_at_80_columns_brings_the_funnel_into_view() {
    let (_dir, mut app) = on_kpis(Locale::En, Mode::NoColor);
    typed(&mut app, "ccc");
    assert!(!screen(&mut app, 80, 24).contains("Funnel"));
    typed(&mut app, "v");
    assert_eq!(tab(&app).view, 0);
    assert!(screen(&mut app, 80, 24).contains("Funnel · 2026-11"));
}

#[test]
fn the_key_is_in_the_help_and_the_footer() {
    let (_dir, mut app) = on_kpis(Locale::En, Mode::NoColor);
    let footer = screen(&mut app, 160, 48);
    let hints = footer
        .lines()
        .find(|l| l.contains("[ previous period"))
        .unwrap_or_default();
    assert!(hints.contains("v funnel view"), "{footer}");
    typed(&mut app, "?");
    let help = screen(&mut app, 120, 300);
    assert!(help.contains("funnel view"), "{help}");
    assert!(help.contains("funnel_view"), "{help}");
}

/// Each of `values`, in order, stands alone in `line`: a space (or a
/// border) before it and a space, a border or the end after it.
fn assert_apart(line: &str, values: &[String]) {
    let mut from = 0;
    for v in values {
        let Some(at) = line[from..].find(&format!(" {v}")).map(|i| from + i + 1) else {
            panic!("{v:?} not alone after column {from} in\n{line}");
        };
        let after = line[at + v.len()..].chars().next();
        assert!(
            matches!(after, None | Some(' ' | '│' | '|')),
            "{v:?} runs into {after:?} in\n{line}"
        );
        from = at + v.len();
    }
}

/// The funnel's rows each hold their values apart.
fn check_funnel(app: &mut App, w: u16, h: u16) -> String {
    let shown = screen(app, w, h);
    let fmt = app.format();
    let k = tab(app);
    for s in &k.funnel.steps {
        let label = funnel::report::text::label(fmt.words(), s.key);
        let row = shown
            .lines()
            .find(|l| l.trim_start().starts_with(label) || l.contains(&format!("│{label}")))
            .unwrap_or_else(|| panic!("no row for {label} in\n{shown}"));
        // Count, its change, rate, its change: each apart from the next.
        let values: Vec<String> = funnel::report::funnel::cells(fmt, s)[1..]
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect();
        assert_apart(&row[row.find(label).unwrap_or(0) + label.len()..], &values);
    }
    shown
}

/// The cohort table's rows each hold their values apart, as many months
/// as its header shows: the retention table's header starts at +1, the
/// revenue table's at +0.
fn check_cohorts(shown: &str, cohorts: &[Cohort], fmt: funnel::i18n::Format, revenue: bool) {
    let lines: Vec<Vec<char>> = shown.lines().map(|l| l.chars().collect()).collect();
    let text = |l: &[char]| l.iter().collect::<String>();
    let (at, header) = lines
        .iter()
        .enumerate()
        .find(|(_, l)| {
            let t = text(l);
            t.contains(" +1 ") && t.contains(" +0 ") == revenue
        })
        .unwrap_or_else(|| panic!("no header in\n{shown}"));
    let month_word = fmt.words().ui.kpi.cohort_month;
    let header_text = text(header);
    let left = header_text
        .find(month_word)
        .map(|b| header_text[..b].chars().count())
        .expect("the month heading");
    let months = header_text
        .chars()
        .skip(left)
        .collect::<String>()
        .split_whitespace()
        .take_while(|t| !t.starts_with(['│', '|']))
        .filter(|t| t.starts_with('+'))
        .count();
    assert!(months > 0, "{header_text}");
    let first_k = usize::from(!revenue);
    let mut rows = 0;
    for line in &lines[at + 1..] {
        let row: String = line.iter().skip(left).collect();
        let Some(c) = cohorts
            .iter()
            .find(|c| row.starts_with(&c.month.format("%Y-%m ").to_string()))
        else {
            break;
        };
        rows += 1;
        let mut values = vec![fmt.count(funnel::domain::Amount::from_int(c.acquired))];
        for k in first_k..first_k + months {
            let reached = if revenue {
                k < c.revenue.len()
            } else {
                k <= c.ordered_again.len()
            };
            if !reached {
                continue;
            }
            let value = if revenue {
                c.revenue_per_customer(k)
                    .map(|a| fmt.count(funnel::domain::Amount::from_int(a.round_to_int())))
            } else {
                c.retained(k).map(|r| format!("{:.0}%", r * 100.0))
            };
            let mark = if c.is_to_date(k) { "*" } else { "" };
            values.push(format!("{}{mark}", value.as_deref().unwrap_or("—")));
        }
        assert_apart(&row[7..], &values);
    }
    assert!(rows > 3, "{rows} cohort rows in\n{shown}");
}

#[test]
fn funnel_and_cohort_frames() {
    for locale in [Locale::En, Locale::Vi] {
        for mode in [Mode::Ascii, Mode::NoColor] {
            let lang = match locale {
                Locale::En => "en",
                Locale::Vi => "vi",
            };
            let name = |what: &str, size: &str| format!("{what}_{lang}_{}_{size}", mode.name());
            let (_dir, mut app) = on_kpis(locale, mode);
            typed(&mut app, "v");
            insta::assert_snapshot!(name("funnel", "80x24"), check_funnel(&mut app, 80, 24));
            insta::assert_snapshot!(name("funnel", "160x48"), check_funnel(&mut app, 160, 48));
            let fmt = app.format();
            let cohorts = tab(&app).cohorts.clone().expect("the demo has orders");
            // c: the notes, then the charts; the cohorts are the 6th.
            typed(&mut app, "v");
            for _ in 0..7 {
                typed(&mut app, "c");
            }
            let shown = screen(&mut app, 80, 24);
            check_cohorts(&shown, &cohorts, fmt, false);
            insta::assert_snapshot!(name("cohorts", "80x24"), shown);
            typed(&mut app, "c");
            let shown = screen(&mut app, 80, 24);
            check_cohorts(&shown, &cohorts, fmt, true);
            insta::assert_snapshot!(name("cohort_revenue", "80x24"), shown);
            // Wide, the charts turn with c: the cohorts' two tables first.
            tab_view(&mut app, 5);
            let shown = screen(&mut app, 160, 48);
            check_cohorts(&shown, &cohorts, fmt, false);
            check_cohorts(&shown, &cohorts, fmt, true);
            insta::assert_snapshot!(name("cohorts", "160x48"), shown);
            if matches!(mode, Mode::Ascii) {
                let odd: Vec<char> = shown
                    .chars()
                    .filter(|c| ('\u{2500}'..='\u{28ff}').contains(c) || *c == '◀')
                    .collect();
                assert!(odd.is_empty(), "{odd:?}");
            }
        }
    }
}

/// Presses `c` until the tab's view is `view`.
fn tab_view(app: &mut App, view: usize) {
    for _ in 0..funnel::app::kpis::VIEWS {
        if tab(app).view == view {
            return;
        }
        typed(app, "c");
    }
    panic!("view {view} never came");
}

/// The funnel's footnote names what its changes are against: the period
/// before or a year earlier, with the span, in both locales.
#[test]
fn the_footnote_names_the_real_comparison() {
    let cases = [
        (Locale::En, "", "Change: vs previous (2026-10 to 22 Oct)"),
        (
            Locale::En,
            "y",
            "Change: vs a year earlier (2025-11 to 22 Nov)",
        ),
        (
            Locale::Vi,
            "",
            "Thay đổi: so với kỳ trước (2026-10 đến 22/10)",
        ),
        (
            Locale::Vi,
            "y",
            "Thay đổi: so với cùng kỳ năm trước (2025-11 đến 22/11)",
        ),
    ];
    for (locale, keys, said) in cases {
        let (_dir, mut app) = on_kpis(locale, Mode::NoColor);
        typed(&mut app, keys);
        typed(&mut app, "v");
        let shown = screen(&mut app, 120, 40);
        assert!(
            shown.contains(said),
            "{locale:?} {keys:?}: {said:?}\n{shown}"
        );
    }
}
