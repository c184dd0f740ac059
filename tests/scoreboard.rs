//! Campaigns over budget and off pace, by one rule, as the command line
//! tells them on the demo the morning of 7 December.

#[path = "support/sandbox.rs"]
mod sandbox;
use sandbox::Sandbox;

/// Standard output of `funnel ARGS` run on `day`, which must succeed.
fn on(day: &str, s: &Sandbox, args: &[&str]) -> String {
    let out = s
        .cmd()
        .env("FUNNEL_TODAY", day)
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).expect("utf-8 output")
}

/// The same on 7 December, the day the demo is read as of.
fn on_7_december(s: &Sandbox, args: &[&str]) -> String {
    on("2026-12-07", s, args)
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
    let line = over
        .lines()
        .find(|l| l.contains("Black Friday 2026"))
        .unwrap_or_default();
    assert!(
        line.contains("15,285,000 ₫") && line.ends_with("101.9%"),
        "{over}"
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

#[test]
fn campaign_list_shows_the_scoreboard_columns_in_text_and_json() {
    let s = demo();
    let run = |args: &[&str]| on_7_december(&s, args);
    let text = run(&["campaign", "list"]);
    let header = text.lines().next().unwrap_or_default();
    for col in [
        "USED",
        "PACE",
        "CONV.",
        "COST/CONV.",
        "REVENUE",
        "ROAS",
        "TASKS",
    ] {
        assert!(header.contains(col), "{col} in {header}");
    }
    let black_friday = text
        .lines()
        .find(|l| l.contains("Black Friday 2026"))
        .unwrap_or_default();
    assert!(
        black_friday.contains("! 101.9%") && black_friday.contains("over budget"),
        "{black_friday}"
    );
    let vi = run(&["campaign", "list", "--locale", "vi"]);
    assert!(
        vi.contains("! 101,9%") && vi.contains("vượt ngân sách"),
        "{vi}"
    );
    let j: serde_json::Value =
        serde_json::from_str(&run(&["campaign", "list", "--json"])).expect("json");
    let over: Vec<&str> = j
        .as_array()
        .expect("a list")
        .iter()
        .filter(|k| k["over_budget"] == true)
        .filter_map(|k| k["name"].as_str())
        .collect();
    // Last year's Tri ân went 1.5 % over too; the report leaves it to
    // the past, the list keeps it.
    assert_eq!(over, ["Tri ân 20/11 2025", "Black Friday 2026"]);
    let bf = j
        .as_array()
        .and_then(|a| a.iter().find(|k| k["name"] == "Black Friday 2026"))
        .expect("Black Friday 2026");
    assert_eq!(
        (
            &bf["pace"],
            &bf["used"],
            &bf["tasks_done"],
            &bf["tasks_total"]
        ),
        (
            &serde_json::json!("over"),
            &serde_json::json!(1.019),
            &serde_json::json!(2),
            &serde_json::json!(4)
        )
    );
}

#[test]
fn a_campaigns_conversions_and_revenue_give_its_cost_per_conversion_and_roas() {
    let s = Sandbox::new();
    let on_5th = |args: &[&str]| on("2026-11-05", &s, args);
    on_5th(&[
        "campaign",
        "add",
        "Tết",
        "--start",
        "2026-11-01",
        "--end",
        "2026-11-10",
        "--budget",
        "1000000",
    ]);
    // Half through on the 5th: 400,000 of 1,000,000 is behind pace.
    for (day, spend, conv, rev) in [
        ("2026-11-02", "150000", "6", "500000"),
        ("2026-11-05", "250000", "10", "700000"),
    ] {
        on_5th(&[
            "kpi",
            "record",
            day,
            &format!("spend={spend}"),
            &format!("conversions={conv}"),
            &format!("revenue={rev}"),
            "--campaign",
            "Tết",
        ]);
    }
    let j: serde_json::Value =
        serde_json::from_str(&on_5th(&["campaign", "list", "--json"])).expect("json");
    let k = &j[0];
    assert_eq!(k["spent"], 400000);
    assert_eq!(k["allowance"], 500000);
    assert_eq!(k["pace"], "behind");
    assert_eq!(k["conversions"], 16);
    assert_eq!(k["cost_per_conversion"], 25000);
    assert_eq!(k["revenue"], 1200000);
    assert_eq!(k["return_on_ad_spend"], 3.0);
    let text = on_5th(&["campaign", "list"]);
    assert!(
        text.contains("~ 40.0%")
            && text.contains("behind pace")
            && text.contains("25,000 ₫")
            && text.contains("3.00×"),
        "{text}"
    );
}
