//! Forecasts on the Strategy tab (objectives and budgets) and the KPIs
//! charts without colour: reviewed frames in both locales at 80x24 and
//! 160x48, and columns that never touch.

use super::*;

/// Runs `f` with its snapshots beside the other reviewed frames.
fn reviewed(f: impl FnOnce()) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.bind(f);
}

fn on_strategy(locale: Locale) -> App {
    let mut app = demo(locale);
    typed(&mut app, "1");
    app
}

/// Asserts that in the objective rows of `shown` the percent, the status,
/// the deadline (and the forecast after it) stand apart: each followed by
/// a space, never run into the next.
fn columns_apart(app: &App, shown: &str) {
    let fmt = app.format();
    let s = app.strategy.as_ref().expect("loaded");
    assert!(!s.objectives.is_empty());
    for o in &s.objectives {
        let pct = o.progress.done.map(|d| fmt.percent(d)).expect("progress");
        let status = fmt.words().objective_status(o.progress.status);
        let date = fmt.date(o.objective.deadline);
        let line = shown
            .lines()
            .find(|l| l.contains(&format!("{pct} ")) && l.contains(status))
            .unwrap_or_else(|| panic!("a row with {pct} {status} in\n{shown}"));
        let at = line.find(&format!("{pct} ")).expect("percent");
        let rest = &line[at + pct.len()..];
        assert!(rest.starts_with(' '), "{line}");
        let rest = rest.trim_start();
        assert!(rest.starts_with(status), "status after the percent: {line}");
        let rest = &rest[status.len()..];
        assert!(rest.starts_with(' '), "status runs into the date: {line}");
        let rest = rest.trim_start();
        assert!(rest.starts_with(&date), "date after the status: {line}");
        let rest = &rest[date.len()..];
        assert!(
            rest.is_empty() || rest.starts_with(' '),
            "date runs into the next column: {line}"
        );
    }
}

#[test]
fn objective_rows_never_run_into_the_next_column() {
    for locale in [Locale::En, Locale::Vi] {
        for (w, h) in [(80, 24), (160, 48)] {
            let mut app = on_strategy(locale);
            let shown = screen(&mut app, w, h);
            columns_apart(&app, &shown);
        }
    }
}

#[test]
fn objectives_with_forecasts_in_both_locales_at_80x24_and_160x48() {
    reviewed(|| {
        let mut app = on_strategy(Locale::En);
        insta::assert_snapshot!("objectives_en_160x48", screen(&mut app, 160, 48));
        let mut app = on_strategy(Locale::Vi);
        insta::assert_snapshot!("objectives_vi_80x24", screen(&mut app, 80, 24));
        // The SEO blog objective, on pace: its target day and weekly need.
        typed(&mut app, "jjj");
        insta::assert_snapshot!("objective_on_pace_vi_80x24", screen(&mut app, 80, 24));
    });
}

#[test]
fn the_running_budget_says_when_it_runs_out() {
    let mut app = on_strategy(Locale::En);
    // Resources: the latest budgets first; November is the third.
    typed(&mut app, "lllljj");
    let shown = screen(&mut app, 80, 24);
    assert!(
        shown.contains("At this pace: ≈ 50,740,909 ₫ at the end · lasts the period"),
        "{shown}"
    );
    reviewed(|| insta::assert_snapshot!("budget_forecast_en_80x24", shown));
}

/// How the KPIs tab is drawn: under `NO_COLOR` (the mono theme, no
/// braille), on a plain `TERM=xterm` (colour, but no braille without
/// `COLORTERM`), and with `--ascii`.
#[derive(Clone, Copy, Debug)]
enum Plain {
    NoColor,
    Xterm,
    Ascii,
}

fn kpis_plain(locale: Locale, how: Plain) -> App {
    let mut s = settings(locale, false, Keymap::default());
    s.config.braille = false;
    match how {
        Plain::NoColor => s.config.theme = funnel::config::Theme::Mono,
        Plain::Xterm => {}
        Plain::Ascii => s.ascii = true,
    }
    let mut app = App::new(demo_store(), s).expect("app");
    typed(&mut app, "4");
    app
}

/// The customers chart at 80x24 (c: the notes, c: the first chart).
fn customers_chart(app: &mut App) -> String {
    typed(app, "cc");
    screen(app, 80, 24)
}

#[test]
fn without_colour_the_line_and_its_target_and_the_bar_pair_have_their_own_marks() {
    for locale in [Locale::En, Locale::Vi] {
        for how in [Plain::NoColor, Plain::Xterm, Plain::Ascii] {
            let mut app = kpis_plain(locale, how);
            let shown = customers_chart(&mut app);
            let (line, target, new, churned) = match how {
                Plain::Ascii => ('*', '=', '#', 'x'),
                _ => ('•', '┄', '█', '▒'),
            };
            let lines: Vec<&str> = shown.lines().collect();
            let legend = lines
                .iter()
                .find(|l| l.contains(&format!("{target} ")))
                .unwrap_or_else(|| panic!("{how:?}: a legend naming the target in\n{shown}"));
            assert!(
                legend.contains(&format!("{line} ")),
                "{how:?}: the legend shows the line's mark too: {legend}"
            );
            let target_row = format!("{target}{target}{target}{target}{target}");
            assert!(
                lines[3..].iter().any(|l| l.contains(&target_row)),
                "{how:?}: a target line of {target} in\n{shown}"
            );
            assert!(
                lines[3..].iter().any(|l| l.contains(line)),
                "{how:?}: the customers drawn with {line} in\n{shown}"
            );
            let bars_legend = lines
                .iter()
                .find(|l| l.contains(&format!("{new} ")) && l.contains(&format!("{churned} ")))
                .unwrap_or_else(|| panic!("{how:?}: the bars' legend in\n{shown}"));
            assert!(bars_legend.contains("188"), "{bars_legend}");
            let pair = format!("{new}{new}{churned}{churned}");
            assert!(
                shown.contains(&pair),
                "{how:?}: new and churned bars apart in\n{shown}"
            );
        }
    }
}

#[test]
fn kpis_without_colour_and_in_ascii_in_both_locales_at_two_sizes() {
    reviewed(|| {
        for (locale, tag) in [(Locale::En, "en"), (Locale::Vi, "vi")] {
            for (how, name) in [(Plain::NoColor, "no_color"), (Plain::Ascii, "ascii")] {
                let mut app = kpis_plain(locale, how);
                insta::assert_snapshot!(
                    format!("kpis_{name}_{tag}_160x48"),
                    screen(&mut app, 160, 48)
                );
                insta::assert_snapshot!(
                    format!("kpis_{name}_{tag}_80x24"),
                    customers_chart(&mut app)
                );
            }
        }
    });
}
