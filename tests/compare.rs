//! Like-for-like comparison on the demo: a period still running is
//! compared with the same days of the period before, so a morning check
//! on 7 December reads no false drop.

use serde_json::Value;

#[path = "support/sandbox.rs"]
mod sandbox;
use sandbox::Sandbox;
#[path = "support/columns.rs"]
mod columns;
use columns::assert_columns_apart;

/// A demo database built as of 7 December 2026, and commands run then.
struct December(Sandbox);

impl December {
    fn new() -> December {
        let s = Sandbox::new();
        s.cmd()
            .env("FUNNEL_TODAY", "2026-12-07")
            .arg("demo")
            .assert()
            .success();
        December(s)
    }

    fn ok(&self, args: &[&str]) -> String {
        run(&self.0, "2026-12-07", args)
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("valid JSON")
    }
}

/// Standard output of a command run on `today` that must succeed.
fn run(s: &Sandbox, today: &str, args: &[&str]) -> String {
    let out = s
        .cmd()
        .env("FUNNEL_TODAY", today)
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).expect("utf-8 output")
}

fn headline<'a>(report: &'a Value, key: &str) -> &'a Value {
    report["headlines"]
        .as_array()
        .and_then(|h| h.iter().find(|x| x["key"] == key))
        .unwrap_or_else(|| panic!("no headline {key} in {report}"))
}

#[test]
fn the_report_on_the_seventh_compares_with_the_first_seven_days_before() {
    let d = December::new();
    let r = d.json(&["report", "--format", "json"]);
    assert_eq!(r["previous"]["start"], "2026-11-01", "{}", r["previous"]);
    assert_eq!(r["previous"]["end"], "2026-11-07", "{}", r["previous"]);
    // The demo's business runs at about the same pace from month to month:
    // seven days against seven days moves by far less than half.
    for key in ["new_customers", "visits", "conversions", "revenue", "spend"] {
        let ratio = headline(&r, key)["change_ratio"]
            .as_f64()
            .unwrap_or_else(|| panic!("{key} has a change"));
        assert!(ratio.abs() < 0.5, "{key} moved {ratio} like for like");
    }
    let text = d.ok(&["report"]);
    assert!(!text.contains("(-8"), "a false drop in:\n{text}");
}

#[test]
fn the_report_says_the_span_and_judges_each_change_by_which_way_is_good() {
    let d = December::new();
    let text = d.ok(&["report"]);
    assert!(
        text.contains("compared with 2026-11 (2026-11-01 – 2026-11-07)"),
        "{text}"
    );
    assert!(
        text.contains("2026-12 to 7 Dec  2026-11 to 7 Nov"),
        "{text}"
    );
    let row = |t: &str, label: &str| {
        t.lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} row in:\n{t}"))
            .to_string()
    };
    // On the demo, spend fell: good news, said in words.
    let spend = row(&text, "Spend");
    assert!(
        spend.contains("(-") && spend.ends_with(" better"),
        "{spend}"
    );
    let vi = d.ok(&["report", "--locale", "vi", "--compare", "year"]);
    assert!(vi.contains("2026-12 đến 07/12  2025-12 đến 07/12"), "{vi}");
    assert!(vi.contains("so với cùng kỳ năm trước"), "{vi}");
    let r = d.json(&["report", "--format", "json", "--compare", "year"]);
    assert_eq!(r["compare"], "year");
    assert_eq!(
        (&r["previous"]["start"], &r["previous"]["end"]),
        (&Value::from("2025-12-01"), &Value::from("2025-12-07"))
    );
    let churn = headline(&r, "churn_rate");
    let up = churn["change"].as_f64().expect("a change") > 0.0;
    assert_eq!(churn["verdict"], if up { "worse" } else { "better" });
}

#[test]
fn the_first_period_says_there_is_nothing_before_it() {
    let s = Sandbox::new();
    run(
        &s,
        "2026-11-22",
        &["kpi", "record", "2026-11-03", "visits=100"],
    );
    let text = run(&s, "2026-11-22", &["report"]);
    assert!(
        text.contains("nothing recorded before to compare with"),
        "{text}"
    );
    let r: Value = serde_json::from_str(&run(&s, "2026-11-22", &["report", "--format", "json"]))
        .expect("valid JSON");
    assert_eq!(r["previous"], Value::Null);
    assert_eq!(headline(&r, "visits")["change"], Value::Null);
}

#[test]
fn kpi_show_says_the_span_and_judges_the_last_period() {
    let d = December::new();
    let rows = d.json(&["kpi", "show", "--json", "--from", "2026-11-01"]);
    let dec = &rows[1];
    assert_eq!(dec["period"], "2026-12");
    assert_eq!(dec["through"], "2026-12-07");
    assert_eq!(
        dec["compared_with"],
        serde_json::json!({"compare": "previous", "period": "2026-11",
            "start": "2026-11-01", "end": "2026-11-07"})
    );
    // A period over is compared whole with the whole one before.
    assert_eq!(rows[0]["through"], "2026-11-30");
    assert_eq!(rows[0]["compared_with"]["end"], "2026-10-31");
    let year = d.json(&["kpi", "show", "--json", "--compare", "year"]);
    let last = year.as_array().and_then(|r| r.last()).expect("rows");
    assert_eq!(last["compared_with"]["start"], "2025-12-01");
    let text = d.ok(&["kpi", "show", "--period", "week", "--from", "2026-11-30"]);
    assert!(
        text.contains("2026-W50 to 7 Dec: compared with 2026-W49 (2026-11-30 – 2026-11-30)"),
        "{text}"
    );
    let heading = text.lines().next().expect("a heading");
    assert!(heading.ends_with("vs 2026-W49 to 30 Nov"), "{heading}");
}

/// The table under a report's heading `title` (after its underline), to
/// the first blank line.
fn table_of<'a>(text: &'a str, title: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| *l != title)
        .skip(2)
        .take_while(|l| !l.is_empty())
        .collect()
}

#[test]
fn the_reports_columns_stand_apart_in_both_locales() {
    let d = December::new();
    for (locale, period, objectives) in [("en", "Period", "Objectives"), ("vi", "Kỳ", "Mục tiêu")]
    {
        let text = d.ok(&["report", "--locale", locale]);
        for title in [period, objectives] {
            let table = table_of(&text, title);
            assert!(table.len() > 2, "a {title} table in:\n{text}");
            let width = table.iter().map(|l| l.chars().count()).max().unwrap_or(0);
            assert_columns_apart(table[0], &table[1..], 0, width);
        }
    }
}

#[test]
fn gauges_meet_the_same_day() {
    let d = December::new();
    let r = d.json(&["report", "--format", "json"]);
    // The report as it read on 7 November, on the same database.
    let nov: Value = serde_json::from_str(&run(
        &d.0,
        "2026-11-07",
        &["report", "--format", "json", "--at", "2026-11-07"],
    ))
    .expect("valid JSON");
    assert_eq!(nov["figures"]["end"], "2026-11-07");
    for key in ["customers_end", "loyal_customers"] {
        assert_eq!(r["previous"][key], nov["figures"][key], "{key}");
    }
}
