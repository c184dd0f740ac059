//! The real `funnel` binary: every record a user names on the command
//! line is found by its name (or title) as well as by its id.

use serde_json::Value;

use super::Sandbox;

fn with_an_objective() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&[
        "objective",
        "add",
        "Tăng khách quay lại",
        "--metric",
        "revenue",
        "--baseline",
        "0",
        "--target",
        "500000000",
        "--deadline",
        "2026-12-31",
    ]);
    s
}

fn objectives(s: &Sandbox) -> Vec<Value> {
    s.json(&["objective", "list", "--json"])
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn an_objective_is_edited_and_removed_by_its_title() {
    let s = with_an_objective();
    s.ok(&["objective", "edit", "tang khach", "--target", "400000000"]);
    assert_eq!(objectives(&s)[0]["objective"]["target"], 400000000);
    let out = s.ok(&["objective", "rm", "Tăng khách quay lại"]);
    assert!(out.contains("Tăng khách quay lại"), "{out}");
    assert!(objectives(&s).is_empty());
}

#[test]
fn a_campaign_links_its_objective_by_title() {
    let s = with_an_objective();
    s.ok(&[
        "campaign",
        "add",
        "Tết 2027",
        "--start",
        "2026-12-01",
        "--end",
        "2027-02-10",
        "--objective",
        "khách quay lại",
    ]);
    let k = &s.json(&["campaign", "list", "--json"])[0];
    assert_eq!(k["objective"].as_i64(), Some(1), "{k}");
}

#[test]
fn an_unknown_objective_title_is_refused_and_nothing_is_written() {
    let s = with_an_objective();
    let err = s.fails(&["objective", "rm", "Doanh thu"]);
    assert!(err.contains("objective 'Doanh thu' not found"), "{err}");
    assert_eq!(objectives(&s).len(), 1);
}
