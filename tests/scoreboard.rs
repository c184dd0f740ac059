//! Campaigns over budget and off pace, by one rule, as the command line
//! tells them on the demo the morning of 7 December.

#[path = "support/sandbox.rs"]
mod sandbox;
use sandbox::Sandbox;

/// Standard output of `funnel ARGS` on 7 December, the day the demo is
/// read as of, which must succeed.
fn on_7_december(s: &Sandbox, args: &[&str]) -> String {
    let out = s
        .cmd()
        .env("FUNNEL_TODAY", "2026-12-07")
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).expect("utf-8 output")
}

/// The demo, made on 7 December.
fn demo() -> Sandbox {
    let s = Sandbox::new();
    on_7_december(&s, &["demo"]);
    s
}

/// The section of a text report under `heading`, up to the next one.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let from = text.find(heading).map_or(text.len(), |i| i + heading.len());
    let rest = &text[from..];
    let to = rest.find("\n\n").unwrap_or(rest.len());
    &rest[..to]
}

#[test]
fn the_morning_report_names_the_campaign_the_plan_shows_over_budget() {
    let s = demo();
    let run = |args: &[&str]| on_7_december(&s, args);
    // Black Friday 2026 ran 24–30 November and spent 15,285,000 of
    // 15,000,000: the Plan tab says 101.9 %.
    let report = run(&["report"]);
    let over = section(&report, "Campaigns over budget");
    assert!(
        over.contains("Black Friday 2026"),
        "the report must name it: {over}"
    );
    let j: serde_json::Value =
        serde_json::from_str(&run(&["report", "--format", "json"])).expect("json");
    let names: Vec<&str> = j["over_budget"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(names, ["Black Friday 2026"]);
}
