//! Forecasts on the Strategy tab (objectives and budgets) and the KPIs
//! charts without colour: reviewed frames in both locales at 80x24 and
//! 160x48, and columns that never touch.

use super::*;

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
