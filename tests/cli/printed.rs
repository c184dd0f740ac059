//! What `funnel snapshot` and `funnel report` print for a cron mail or a
//! pipe: the content without the dashboard's chrome, marks that need no
//! colour, tables that fit 100 columns, and this week's tasks.

use super::*;

/// The demo as it stands on Monday 7 December 2026.
fn on_7_december() -> Sandbox {
    let s = Sandbox::new();
    s.cmd()
        .env("FUNNEL_TODAY", "2026-12-07")
        .arg("demo")
        .assert()
        .success();
    s
}

fn run(s: &Sandbox, args: &[&str], no_color: bool) -> String {
    let mut cmd = s.cmd();
    cmd.env("FUNNEL_TODAY", "2026-12-07").args(args);
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let out = cmd.assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("utf-8")
}

/// Columns a line takes in a terminal (each character here is one wide).
fn columns(line: &str) -> usize {
    line.chars().count()
}

/// The row of the task whose title starts with `title`.
fn row<'a>(frame: &'a str, title: &str) -> &'a str {
    frame
        .lines()
        .find(|l| l.contains(title))
        .unwrap_or_else(|| panic!("no row of {title:?} in\n{frame}"))
}

#[test]
fn a_snapshot_into_a_pipe_is_the_tab_without_tab_bar_hints_or_example() {
    let s = on_7_december();
    for (locale, tab, hint) in [("en", "Tasks", "? help"), ("vi", "Công việc", "? trợ giúp")]
    {
        let plain = run(
            &s,
            &["snapshot", "--size", "100x30", "--locale", locale],
            false,
        );
        let first = plain.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!("funnel · {tab} · ")),
            "a title line first: {plain}"
        );
        for chrome in [" 1 ", hint, "status:doing", "campaign:\"Tết\""] {
            assert!(!plain.contains(chrome), "{chrome:?} in\n{plain}");
        }
        assert!(plain.contains("Chuỗi 3 email countdown"), "{plain}");

        let full = run(
            &s,
            &["snapshot", "--size", "100x30", "--locale", locale, "--full"],
            false,
        );
        for chrome in [" 1 ", hint, "status:doing"] {
            assert!(full.contains(chrome), "{chrome:?} in\n{full}");
        }
    }
    let both = s
        .cmd()
        .args(["snapshot", "--plain", "--full"])
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&both.get_output().stderr).to_string();
    assert!(err.contains("--full"), "{err}");
}

#[test]
fn a_plain_snapshot_shows_a_filter_only_where_one_is_set() {
    let s = on_7_december();
    let plain = run(&s, &["snapshot", "--size", "100x30"], false);
    assert!(!plain.contains("Filter"), "{plain}");
}

#[test]
fn without_colour_an_overdue_date_and_today_carry_a_text_mark() {
    let s = on_7_december();
    let args = ["snapshot", "--size", "120x40", "--full"];
    let mono = run(&s, &args, true);
    // Due 19 November, 18 days late; the newsletter is due today.
    assert!(
        row(&mono, "Chuỗi 3 email countdown").contains("2026-11-19!"),
        "{mono}"
    );
    let today = row(&mono, "Newsletter thứ Năm");
    assert!(
        today.contains("Today") && !today.contains("2026-12-07"),
        "{today}"
    );
    // A task due later carries no mark.
    let later = row(&mono, "Trả lời câu hỏi tồn đọng");
    assert!(
        later.contains("2026-12-08") && !later.contains("2026-12-08!"),
        "{later}"
    );

    let vi = run(
        &s,
        &["snapshot", "--size", "120x40", "--full", "--locale", "vi"],
        true,
    );
    assert!(
        row(&vi, "Chuỗi 3 email countdown").contains("19/11/2026!"),
        "{vi}"
    );
    assert!(row(&vi, "Newsletter thứ Năm").contains("Hôm nay"), "{vi}");

    // Printed text has no colour even where colour is on: the same marks,
    // with the dashboard's chrome (--full) or without it.
    for args in [&args[..], &args[..3]] {
        let printed = run(&s, args, false);
        assert!(
            row(&printed, "Chuỗi 3 email countdown").contains("2026-11-19!"),
            "{args:?}: {printed}"
        );
        assert!(
            row(&printed, "Newsletter thứ Năm").contains("Today"),
            "{args:?}: {printed}"
        );
    }
}

/// A change on the KPIs tab printed into a pipe says whether it is good
/// news, as it does without colour: a drop in spend is better, a drop in
/// visits worse.
#[test]
fn a_kpis_snapshot_into_a_pipe_says_better_or_worse() {
    let s = on_7_december();
    for full in [false, true] {
        let mut args = vec!["snapshot", "--tab", "kpis", "--size", "120x40"];
        if full {
            args.push("--full");
        }
        let printed = run(&s, &args, false);
        let mono = run(&s, &args, true);
        assert!(
            printed.contains(" better") || printed.contains(" worse"),
            "--full {full}: no word for a change in\n{printed}"
        );
        assert_eq!(printed, mono, "--full {full}: a pipe is no colour");
    }
}

#[test]
fn the_filter_line_with_no_filter_says_so_before_its_example() {
    let s = on_7_december();
    let full = run(&s, &["snapshot", "--size", "120x40", "--full"], true);
    let line = full.lines().nth(1).unwrap_or_default();
    assert!(
        line.starts_with("Filter: none; / to filter, e.g. "),
        "{line}"
    );
    let vi = run(
        &s,
        &["snapshot", "--size", "120x40", "--full", "--locale", "vi"],
        true,
    );
    let line = vi.lines().nth(1).unwrap_or_default();
    assert!(
        line.starts_with("Lọc: không có; / để lọc, ví dụ: "),
        "{line}"
    );
}

#[test]
fn the_status_line_counts_done_tasks_that_are_hidden() {
    let s = on_7_december();
    let done = s
        .json(&["task", "list", "--status", "done", "--json"])
        .as_array()
        .map_or(0, Vec::len);
    assert!(done > 0, "the demo has done tasks");
    let frame = run(&s, &["snapshot", "--size", "120x40"], false);
    let status = frame.lines().last().unwrap_or_default();
    assert!(status.contains(&format!("{done} done")), "{status}");
}

#[test]
fn the_reports_objectives_and_task_lists_fit_100_columns_in_both_locales() {
    let s = on_7_december();
    for locale in ["en", "vi"] {
        let text = run(&s, &["report", "--locale", locale], false);
        let sections: Vec<&str> = text.split("\n\n").collect();
        // The objectives, their forecasts and the task lists.
        for heading in [
            ["Objectives", "Mục tiêu"],
            ["Forecasts at the current pace", "Dự báo theo nhịp hiện tại"],
            ["Overdue tasks", "Việc quá hạn"],
            ["Due this week", "Đến hạn trong tuần này"],
        ] {
            let name = if locale == "en" {
                heading[0]
            } else {
                heading[1]
            };
            let section = sections
                .iter()
                .find(|s| s.starts_with(&format!("{name}\n")))
                .unwrap_or_else(|| panic!("no {name} in\n{text}"));
            for line in section.lines() {
                assert!(columns(line) <= 100, "{} columns: {line}", columns(line));
            }
        }
    }
}

/// Every line of the text report, headline figures included, fits 100
/// columns in both locales, for a month, a quarter and a week, and
/// compared with a year before.
#[test]
fn every_line_of_the_text_report_fits_100_columns_in_both_locales() {
    let s = on_7_december();
    for locale in ["en", "vi"] {
        for span in [
            &["--period", "month"][..],
            &["--period", "quarter"],
            &["--period", "week"],
            &["--compare", "year"],
        ] {
            let mut args = vec!["report", "--locale", locale];
            args.extend_from_slice(span);
            let text = run(&s, &args, false);
            for line in text.lines() {
                assert!(
                    columns(line) <= 100,
                    "{args:?}: {} columns: {line}",
                    columns(line)
                );
            }
        }
    }
}

#[test]
fn a_task_one_day_late_is_one_day_late() {
    let s = Sandbox::new();
    run(
        &s,
        &["task", "add", "Late by one", "--due", "2026-12-06"],
        false,
    );
    run(
        &s,
        &["task", "add", "Late by two", "--due", "2026-12-05"],
        false,
    );
    let text = run(&s, &["report"], false);
    assert!(row(&text, "Late by one").contains("(1 day late)"), "{text}");
    assert!(
        row(&text, "Late by two").contains("(2 days late)"),
        "{text}"
    );
    let vi = run(&s, &["report", "--locale", "vi"], false);
    assert!(row(&vi, "Late by one").contains("(trễ 1 ngày)"), "{vi}");
}

#[test]
fn the_report_lists_tasks_due_today_and_this_week_but_not_later_or_done() {
    let s = on_7_december();
    let tasks = s.json(&["task", "list", "--all", "--json"]);
    let tasks = tasks.as_array().expect("a list");
    let due = |t: &Value| t["due"].as_str().unwrap_or_default().to_string();
    // Monday 7 December: the week runs to Sunday the 13th.
    let wanted: Vec<i64> = tasks
        .iter()
        .filter(|t| t["status"] != "done")
        .filter(|t| ("2026-12-07".."2026-12-14").contains(&due(t).as_str()))
        .filter_map(|t| t["id"].as_i64())
        .collect();
    assert!(wanted.len() >= 3, "the demo has tasks due this week");
    let j: Value =
        serde_json::from_str(&run(&s, &["report", "--format", "json"], false)).expect("JSON");
    let mut listed: Vec<i64> = j["due_this_week"]
        .as_array()
        .expect("due_this_week")
        .iter()
        .filter_map(|t| t["id"].as_i64())
        .collect();
    listed.sort_unstable();
    let mut wanted_sorted = wanted.clone();
    wanted_sorted.sort_unstable();
    assert_eq!(listed, wanted_sorted);

    let text = run(&s, &["report"], false);
    let week = text
        .split("\n\n")
        .find(|s| s.starts_with("Due this week\n"))
        .expect("a Due this week section");
    assert!(week.contains("2026-12-07 (today)"), "{week}");
    assert!(!week.contains("2026-12-14"), "{week}");
    let vi = run(&s, &["report", "--locale", "vi"], false);
    assert!(vi.contains("07/12/2026 (hôm nay)"), "{vi}");
}

/// `--ascii` is for a terminal that cannot show more than ASCII: every
/// tab's frame, in both locales, says its truncations, separators, arrows
/// and bars in ASCII. Letters are the data's own (a Vietnamese name stays
/// as it is written).
#[test]
fn an_ascii_frame_has_no_symbol_outside_ascii() {
    let s = on_7_december();
    for locale in ["en", "vi"] {
        for tab in ["tasks", "kpis", "plan", "strategy"] {
            for size in ["80x24", "200x50"] {
                let plain = run(
                    &s,
                    &[
                        "snapshot", "--tab", tab, "--size", size, "--ascii", "--plain", "--locale",
                        locale,
                    ],
                    true,
                );
                let symbols: String = plain
                    .chars()
                    .filter(|c| !c.is_ascii() && !c.is_alphabetic() && *c != '₫')
                    .collect();
                assert!(
                    symbols.is_empty(),
                    "{locale} {tab} {size}: {symbols:?} in\n{plain}"
                );
            }
        }
    }
}
