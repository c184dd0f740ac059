//! The real `funnel` binary on temporary database files: every command a
//! user types, its output, its exit status, and that bad input changes
//! nothing.

use std::path::Path;

use serde_json::Value;

#[path = "support/sandbox.rs"]
mod sandbox;
use sandbox::Sandbox;
#[path = "support/commands.rs"]
mod commands;
#[path = "cli/errors_vi.rs"]
mod errors_vi;
#[path = "cli/names.rs"]
mod names;
#[path = "cli/printed.rs"]
mod printed;

impl Sandbox {
    fn export(&self) -> Value {
        self.json(&["export"])
    }
}

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).expect("read db")
}

#[test]
fn tasks_are_added_listed_finished_edited_and_removed() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "An Nguyễn", "--role", "content"]);
    s.ok(&[
        "campaign",
        "add",
        "Tết 2027",
        "--start",
        "2026-12-01",
        "--end",
        "2027-02-10",
        "--budget",
        "30000000",
    ]);
    let out = s.ok(&[
        "task",
        "add",
        "Viết bài blog về trà ô long",
        "--campaign",
        "tết",
        "--due",
        "fri",
        "--assignee",
        "an",
        "--priority",
        "high",
        "--tag",
        "seo",
        "--tag",
        "#content",
    ]);
    assert_eq!(out, "Added task 1: Viết bài blog về trà ô long\n");
    s.ok(&["task", "add", "Late one", "--due", "2026-11-01"]);

    let list = s.json(&["task", "list", "--json"]);
    assert_eq!(list[0]["title"], "Late one", "ordered by due date");
    assert_eq!(list[0]["overdue"], true);
    let t = &list[1];
    assert_eq!(t["title"], "Viết bài blog về trà ô long");
    assert_eq!(t["due"], "2026-11-27", "fri after Sunday 22 Nov");
    assert_eq!(t["campaign_name"], "Tết 2027");
    assert_eq!(t["assignee_name"], "An Nguyễn");
    assert_eq!(t["tags"], serde_json::json!(["seo", "content"]));
    assert_eq!(t["status"], "todo");
    assert_eq!(t["overdue"], false);

    let text = s.ok(&["task", "list"]);
    assert!(text.contains("2 tasks, 1 overdue"), "{text}");

    s.ok(&["task", "start", "1"]);
    assert_eq!(
        s.json(&["task", "list", "--status", "doing", "--json"])[0]["id"],
        1
    );
    assert_eq!(
        s.ok(&["task", "done", "1", "2"]),
        "Task 1 done: Viết bài blog về trà ô long\nTask 2 done: Late one\n"
    );
    assert_eq!(s.json(&["task", "list", "--json"]), serde_json::json!([]));
    assert!(s.json(&["task", "list", "--all", "--json"])[0]["done_at"].is_string());

    s.ok(&[
        "task", "edit", "2", "--title", "Renamed", "--due", "none", "--status", "todo",
    ]);
    let t2 = &s.json(&["task", "list", "--json"])[0];
    assert_eq!(
        (
            t2["title"].as_str(),
            t2["due"].is_null(),
            t2["done_at"].is_null()
        ),
        (Some("Renamed"), true, true)
    );

    s.ok(&["task", "rm", "2"]);
    s.fails(&["task", "done", "2"]);
    assert!(s.ok(&["undo"]).starts_with("Undid: delete task 2"));
    assert_eq!(s.json(&["task", "list", "--json"])[0]["title"], "Renamed");
    s.ok(&["redo"]);
    assert_eq!(s.json(&["task", "list", "--json"]), serde_json::json!([]));
}

#[test]
fn a_bad_task_changes_nothing_and_says_what_is_wrong() {
    let s = Sandbox::new();
    s.ok(&["task", "add", "first"]);
    let before = bytes(&s.db);
    let err = s.fails(&["task", "add", "x", "--due", "someday"]);
    assert!(err.contains("'someday' is not a date"), "{err}");
    let err = s.fails(&["task", "add", "x", "--campaign", "nope"]);
    assert!(err.contains("campaign 'nope' not found"), "{err}");
    let err = s.fails(&["task", "add", "   "]);
    assert!(err.contains("task title is empty"), "{err}");
    let err = s.fails(&["task", "add", &"x".repeat(201)]);
    assert!(err.contains("too long"), "{err}");
    let err = s.fails(&["task", "done", "1", "99"]);
    assert!(err.contains("task '99' not found"), "{err}");
    assert_eq!(
        s.json(&["task", "list", "--json"])[0]["status"],
        "todo",
        "all or nothing"
    );
    s.cmd()
        .args(["task", "add", "x", "--priority", "urgent"])
        .assert()
        .code(2);
    s.cmd().args(["task", "frobnicate"]).assert().code(2);
    assert_eq!(bytes(&s.db), before, "the file is unchanged");
}

/// The test knobs refuse nonsense before anything is opened.
#[test]
fn a_nonsense_test_knob_is_refused_and_nothing_is_written() {
    let s = Sandbox::new();
    s.ok(&["task", "add", "first"]);
    let before = bytes(&s.db);
    for (knob, value) in [("FUNNEL_POLL_MS", "fast"), ("FUNNEL_BUSY_MS", "0")] {
        let out = s
            .cmd()
            .env(knob, value)
            .args(["task", "add", "second"])
            .assert()
            .code(1);
        let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(
            err.contains(&format!(
                "{knob}=\"{value}\" is not a whole number of milliseconds"
            )),
            "{err}"
        );
        assert!(err.contains("nothing was done"), "{err}");
    }
    let listed = s
        .cmd()
        .env("FUNNEL_POLL_MS", "50")
        .args(["task", "list"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&listed.get_output().stdout).contains("first"));
    assert_eq!(bytes(&s.db), before, "the file is unchanged");
}

#[test]
fn a_non_sqlite_file_as_db_is_refused_and_left_alone() {
    let s = Sandbox::new();
    let path = s.file("notes.txt", "just some notes\n");
    let err = {
        let out = s
            .cmd()
            .args(["--db", &path, "task", "list"])
            .assert()
            .code(1);
        String::from_utf8(out.get_output().stderr.clone()).expect("utf-8")
    };
    assert!(
        err.contains("notes.txt") && err.contains("not an SQLite file"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "just some notes\n"
    );
}

#[test]
fn orders_import_gives_exactly_the_spec_figures() {
    let s = Sandbox::new();
    // Window 90, loyalty 3, today 2026-11-22.
    // c1: 2026-08-01, 2026-09-15, 2026-10-05 → active all of Oct; loyal from 5 Oct.
    // c2: 2026-06-20 → active through 17 Sep (20 Jun + 89), churned 18 Sep.
    // c3: 2026-10-10 and 2026-10-10 again (two orders one day) → new 10 Oct.
    // c4: 2026-05-01, then 2026-10-20 → churned 30 Jul, reactivated 20 Oct.
    let csv = s.file(
        "orders.csv",
        "Order ID,Customer,Created at,Total\n\
         1,c1,2026-08-01,100\n2,c1,2026-09-15,100\n3,c1,2026-10-05,100\n\
         4,c2,2026-06-20,50\n5,c3,2026-10-10,70\n6,c3,2026-10-10,30\n\
         7,c4,2026-05-01,10\n8,c4,2026-10-20,10\n",
    );
    let out = s.ok(&["orders", "import", &csv]);
    assert!(out.contains("Imported: 8 new"), "{out}");
    let again = s.ok(&["orders", "import", &csv]);
    assert!(
        again.contains("Imported: 0 new, 0 updated, 8 unchanged"),
        "{again}"
    );

    let months = s.json(&[
        "kpi",
        "show",
        "--period",
        "month",
        "--from",
        "2026-09-01",
        "--to",
        "2026-10-31",
        "--json",
    ]);
    let sep = &months[0];
    assert_eq!(sep["period"], "2026-09");
    assert_eq!(sep["start"], "2026-09-01");
    assert_eq!(sep["end"], "2026-09-30");
    // 31 Aug: c1 (since 1 Aug), c2 (since 20 Jun) → 2. Sep: c2 churns on 18 Sep.
    assert_eq!(sep["customers_start"], 2);
    assert_eq!(sep["churned_customers"], 1);
    assert_eq!(sep["customers_end"], 1);
    assert_eq!(sep["churn_rate"], 0.5);
    assert_eq!(sep["retention_rate"], 0.5);
    assert_eq!(sep["growth_rate"], -0.5);
    let oct = &months[1];
    // Oct: start 1 (c1); new c3; reactivated c4; end 3; loyal c1 (3 orders).
    assert_eq!(oct["customers_start"], 1);
    assert_eq!(oct["new_customers"], 1);
    assert_eq!(oct["reactivated_customers"], 1);
    assert_eq!(oct["churned_customers"], 0);
    assert_eq!(oct["customers_end"], 3);
    assert_eq!(oct["loyal_customers"], 1);
    assert_eq!(oct["growth_rate"], 2.0);
    assert_eq!(oct["loyal_share"], 0.333333);
    // Nothing recorded: counters are null, and so is every ratio on them.
    assert!(oct["visits"].is_null() && oct["conversion_rate"].is_null());
    assert!(oct["cost_per_conversion"].is_null() && oct["customer_acquisition_cost"].is_null());
    let keys: Vec<&str> = oct
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "period",
            "start",
            "end",
            "customers_start",
            "customers_end",
            "new_customers",
            "churned_customers",
            "reactivated_customers",
            "loyal_customers",
            "visits",
            "leads",
            "conversions",
            "spend",
            "revenue",
            "growth_rate",
            "churn_rate",
            "retention_rate",
            "conversion_rate",
            "cost_per_conversion",
            "customer_acquisition_cost",
            "loyal_share",
            "return_on_ad_spend",
            "impressions",
            "clicks",
            "click_through_rate",
            "cost_per_click",
            "lead_rate",
            "lead_conversion_rate",
            "new_customer_rate",
            "through",
            "compared_with"
        ]
    );
}

#[test]
fn kpi_record_and_import_feed_the_derived_ratios() {
    let s = Sandbox::new();
    s.ok(&[
        "kpi",
        "record",
        "2026-10-01",
        "visits=1000",
        "conversions=25",
        "spend=500000",
        "revenue=2000000",
    ]);
    let csv = s.file(
        "ga.csv",
        "# Google Analytics export\nDate;Sessions;Conversions;Users\n02/10/2026;1.500;35;900\n03/10/2026;500;;100\n",
    );
    let dry = s.ok(&["kpi", "import", &csv, "--dry-run"]);
    assert!(dry.contains("Would record: 3 new"), "{dry}");
    assert!(dry.contains("Ignored columns: Users"), "{dry}");
    let oct = &s.json(&[
        "kpi",
        "show",
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-31",
        "--json",
    ])[0];
    assert_eq!(oct["visits"], 1000, "dry run wrote nothing");
    s.ok(&["kpi", "import", &csv]);
    let oct = &s.json(&[
        "kpi",
        "show",
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-31",
        "--json",
    ])[0];
    assert_eq!(oct["visits"], 3000);
    assert_eq!(oct["conversions"], 60);
    assert_eq!(oct["conversion_rate"], 0.02);
    assert_eq!(oct["spend"], 500000);
    // 500,000 / 60 = 8,333.3333
    assert_eq!(oct["cost_per_conversion"], 8333.3333);
    assert_eq!(oct["return_on_ad_spend"], 4.0);
    let again = s.ok(&["kpi", "import", &csv]);
    assert!(again.contains("0 new, 0 replaced, 3 unchanged"), "{again}");
    s.ok(&["kpi", "record", "2026-10-01", "visits=1100"]);
    let replaced = s.ok(&["kpi", "record", "2026-10-01", "visits=1200"]);
    assert!(
        replaced.contains("1 replaced") && replaced.contains("1100 → 1200"),
        "{replaced}"
    );
}

#[test]
fn bad_imports_name_the_place_and_write_nothing() {
    let s = Sandbox::new();
    s.ok(&["kpi", "record", "2026-10-01", "visits=1"]);
    let before = s.export();
    let bad_row = s.file("bad.csv", "Date,Sessions\n2026-10-02,10\n2026-10-03,1x0\n");
    let err = s.fails(&["kpi", "import", &bad_row]);
    assert!(err.contains("bad.csv:3") && err.contains("1x0"), "{err}");
    let err = s.fails(&["kpi", "record", "2026-10-02", "vistis=3"]);
    assert!(err.contains("unknown metric 'vistis'"), "{err}");
    let err = s.fails(&["kpi", "record", "31/02/2026", "visits=3"]);
    assert!(err.contains("'31/02/2026' is not a date"), "{err}");
    let orders = s.file(
        "o.csv",
        "Order ID,Customer,Date,Total\n1,a,2026-10-01,5\n2,b,2026-13-01,5\n",
    );
    let err = s.fails(&["orders", "import", &orders]);
    assert!(
        err.contains("o.csv:3") && err.contains("2026-13-01"),
        "{err}"
    );
    let err = s.fails(&[
        "kpi",
        "import",
        &s.file("m.csv", "Date,x\n2026-10-01,1\n"),
        "--map",
        "x=nope",
    ]);
    assert!(err.contains("unknown metric 'nope'"), "{err}");
    assert_eq!(s.export(), before);
}

#[test]
fn export_then_import_into_an_empty_file_gives_the_same_document() {
    let s = Sandbox::new();
    s.ok(&["segment", "add", "Văn phòng trẻ", "--market-size", "50000"]);
    s.ok(&[
        "channel",
        "add",
        "Facebook",
        "--kind",
        "social",
        "--segment",
        "văn phòng",
    ]);
    s.ok(&[
        "objective",
        "add",
        "More customers",
        "--metric",
        "customers",
        "--baseline",
        "800",
        "--target",
        "1200",
        "--deadline",
        "2026-12-31",
        "--start",
        "2026-10-01",
    ]);
    s.ok(&["task", "add", "Post", "--tag", "social"]);
    s.ok(&[
        "note",
        "add",
        "Đối thủ giảm giá",
        "--category",
        "competition",
        "--period",
        "2026-10",
    ]);
    s.ok(&[
        "kpi",
        "record",
        "today",
        "spend=1234.5",
        "--channel",
        "facebook",
    ]);
    let doc = s.export();
    let file = s.file("backup.json", &serde_json::to_string(&doc).expect("json"));
    let other = s.dir.path().join("copy.db");
    let other = other.to_str().expect("utf-8 path");
    s.ok(&["--db", other, "import", &file]);
    assert_eq!(s.json(&["--db", other, "export"]), doc);
    let err = s.fails(&["--db", other, "import", &file]);
    assert!(err.contains("empty database"), "{err}");
}

#[test]
fn report_shows_the_period_in_three_formats() {
    let s = Sandbox::new();
    s.ok(&[
        "kpi",
        "record",
        "2026-10-10",
        "visits=1000",
        "conversions=20",
        "spend=2000000",
    ]);
    s.ok(&[
        "kpi",
        "record",
        "2026-11-10",
        "visits=1500",
        "conversions=45",
        "spend=2500000",
    ]);
    s.ok(&["task", "add", "Overdue thing", "--due", "2026-11-01"]);
    s.ok(&[
        "campaign",
        "add",
        "Black Friday",
        "--start",
        "2026-11-01",
        "--end",
        "2026-11-30",
        "--budget",
        "1000000",
    ]);
    s.ok(&[
        "kpi",
        "record",
        "2026-11-05",
        "spend=1500000",
        "--campaign",
        "black",
    ]);
    let text = s.ok(&["report"]);
    assert!(text.contains("2026-11"), "{text}");
    assert!(
        text.contains("Conversion rate") && text.contains("3.0%") && text.contains("2.0%"),
        "{text}"
    );
    assert!(text.contains("+1.00 pt"), "{text}");
    assert!(
        text.contains("Overdue thing") && text.contains("Black Friday"),
        "{text}"
    );
    let md = s.ok(&["report", "--format", "markdown"]);
    assert!(
        md.starts_with("# ") && md.contains("| Visits | 1,500 | 1,000 | +500 (+50.0%) better |"),
        "{md}"
    );
    let vi = s.ok(&["report", "--locale", "vi"]);
    // 2,500,000 recorded on the 10th, and Black Friday's 1,500,000 on the
    // 5th, a day with no spend recorded for the whole business.
    assert!(
        vi.contains("Tỷ lệ chuyển đổi") && vi.contains("3,0%") && vi.contains("4.000.000 ₫"),
        "{vi}"
    );
    let j = s.json(&["report", "--format", "json"]);
    assert_eq!(j["period"], "2026-11");
    assert_eq!(j["figures"]["conversion_rate"], 0.03);
    assert_eq!(j["previous"]["conversion_rate"], 0.02);
    assert_eq!(j["overdue_tasks"][0]["days_late"], 21);
    assert_eq!(j["over_budget"][0]["spent"], 1500000);
    let oct = s.ok(&["report", "--at", "2026-10-15", "--period", "month"]);
    assert!(oct.contains("2026-10"), "{oct}");
}

#[test]
fn read_only_can_look_but_not_touch() {
    let s = Sandbox::new();
    s.ok(&["task", "add", "one"]);
    s.ok(&["--read-only", "task", "list"]);
    let err = s.fails(&["--read-only", "task", "done", "1"]);
    assert!(err.contains("read-only"), "{err}");
}

#[test]
fn check_passes_on_a_sound_file() {
    let s = Sandbox::new();
    s.ok(&["task", "add", "one"]);
    let out = s.ok(&["check"]);
    assert!(out.contains(": ok"), "{out}");
}

#[test]
fn plan_records_are_edited_removed_and_undone() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Hà", "--role", "lead"]);
    s.ok(&["segment", "add", "Người yêu trà"]);
    s.ok(&[
        "objective",
        "add",
        "Doanh thu Q4",
        "--metric",
        "revenue",
        "--baseline",
        "0",
        "--target",
        "500000000",
        "--start",
        "2026-10-01",
        "--deadline",
        "2026-12-31",
    ]);
    s.ok(&[
        "campaign",
        "add",
        "Trung Thu",
        "--start",
        "2026-09-01",
        "--end",
        "2026-09-30",
        "--budget",
        "3000000",
        "--objective",
        "1",
        "--owner",
        "hà",
    ]);
    s.ok(&[
        "campaign",
        "edit",
        "trung",
        "--end",
        "2026-10-05",
        "--status",
        "done",
    ]);
    let k = &s.json(&["campaign", "list", "--json"])[0];
    assert_eq!(
        (
            k["end"].as_str(),
            k["status"].as_str(),
            k["objective"].as_i64()
        ),
        (Some("2026-10-05"), Some("done"), Some(1))
    );
    let err = s.fails(&["campaign", "edit", "trung", "--end", "2026-08-01"]);
    assert!(
        err.contains("ends (2026-08-01) before it starts (2026-09-01)"),
        "{err}"
    );
    s.ok(&["undo"]);
    assert_eq!(
        s.json(&["campaign", "list", "--json"])[0]["end"],
        "2026-09-30"
    );

    s.ok(&["objective", "edit", "1", "--target", "400000000"]);
    let o = &s.json(&["objective", "list", "--json"])[0];
    assert_eq!(o["objective"]["target"], 400000000);
    assert_eq!(
        o["progress"]["status"], "no_data",
        "no revenue recorded yet"
    );
    s.ok(&["kpi", "record", "2026-10-20", "revenue=100000000"]);
    // 100M of 400M (0.25) after 52 of 91 days (0.57): at risk.
    let o = &s.json(&["objective", "list", "--json"])[0];
    assert_eq!(o["current"], 100000000);
    assert_eq!(o["progress"]["status"], "at_risk");
    s.ok(&["objective", "rm", "1"]);
    assert_eq!(
        s.json(&["campaign", "list", "--json"])[0]["objective"],
        Value::Null
    );
    s.ok(&["undo"]);
    assert_eq!(
        s.json(&["campaign", "list", "--json"])[0]["objective"],
        1,
        "undo restores the link too"
    );

    s.ok(&[
        "note",
        "add",
        "Hộp quà bán chạy",
        "--category",
        "product",
        "--period",
        "2026-09",
    ]);
    let n = &s.json(&["note", "list", "--period", "2026-09", "--json"])[0];
    assert_eq!(
        (n["start"].as_str(), n["end"].as_str()),
        (Some("2026-09-01"), Some("2026-09-30"))
    );
    let out = s
        .cmd()
        .args(["note", "add", "x", "--category", "weather"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("'weather' is not a cause category"), "{err}");

    s.ok(&["segment", "edit", "trà", "--market-size", "120000"]);
    assert_eq!(
        s.json(&["segment", "list", "--json"])[0]["market_size"],
        120000
    );
    let err = s.fails(&["segment", "add", "người yêu trà"]);
    assert!(err.contains("already exists"), "{err}");
    s.ok(&["person", "rm", "hà"]);
    assert_eq!(
        s.json(&["campaign", "list", "--json"])[0]["owner"],
        Value::Null
    );
}

#[test]
fn what_a_first_tester_broke_stays_fixed() {
    let s = Sandbox::new();
    let err = s.fails(&["report"]);
    assert!(err.contains("no database here yet"), "{err}");
    s.ok(&["task", "add", "first"]);
    let before = s.export();
    let err = s.fails(&["kpi", "record", "today", "spend=99999999999999999999999999"]);
    assert!(err.contains("too large"), "{err}");
    let err = s.fails(&["kpi", "record", "today", "visits=-5"]);
    assert!(err.contains("visits is a count"), "{err}");
    let err = s.fails(&["kpi", "record", "today", "visits=12.5"]);
    assert!(err.contains("whole number"), "{err}");
    let short = s.file(
        "short.csv",
        "date,visits,conversions\n2026-11-10,100,5\n2026-11-11,200\n",
    );
    let err = s.fails(&["kpi", "import", &short]);
    assert!(
        err.contains("short.csv:3") && err.contains("2 fields"),
        "{err}"
    );
    let open = s.file("open.csv", "date,visits\n2026-11-10,\"100\n2026-11-11,3\n");
    let err = s.fails(&["kpi", "import", &open]);
    assert!(
        err.contains("open.csv:2") && err.contains("never closed"),
        "{err}"
    );
    let err = s.fails(&["task", "edit", "1"]);
    assert!(err.contains("nothing to change"), "{err}");
    let err = s.fails(&["segment", "add", "X", "--market-size=-1"]);
    assert!(err.contains("market size: is negative"), "{err}");
    assert_eq!(s.export(), before, "nothing written");

    s.ok(&["task", "add", "two-digit year", "--due", "22/11/26"]);
    s.ok(&["task", "add", "minus", "--due", "-3d"]);
    let list = s.json(&["task", "list", "--json"]);
    let due: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|t| t["due"].as_str())
        .collect();
    assert_eq!(due, ["2026-11-19", "2026-11-22"]);

    let mixed = s.file("mixed.csv", "Order ID,Email,Created at,Total\n1,an@example.com,2026-10-01,5\n2,AN@Example.com,2026-10-02,5\n");
    s.ok(&["orders", "import", &mixed]);
    let oct = &s.json(&[
        "kpi",
        "show",
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-31",
        "--json",
    ])[0];
    assert_eq!(
        oct["new_customers"], 1,
        "one customer, whatever the case of the email"
    );
    assert_eq!(
        oct["revenue"], 10,
        "revenue from orders when none is recorded"
    );
}

#[test]
fn task_messages_speak_vietnamese_with_locale_vi() {
    let s = Sandbox::new();
    let out = s.ok(&[
        "--locale",
        "vi",
        "task",
        "add",
        "Viết bài Tết",
        "--due",
        "2026-11-27",
        "--priority",
        "high",
    ]);
    assert_eq!(out, "Đã thêm việc 1: Viết bài Tết\n");
    s.ok(&["task", "add", "Late one", "--due", "2026-11-01"]);
    s.ok(&["task", "start", "2"]);

    let text = s.ok(&["--locale", "vi", "task", "list"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("ID  TRẠNG THÁI  ƯU TIÊN  HẠN"),
        "{text}"
    );
    assert!(
        lines[1].contains("đang làm") && lines[1].contains("vừa"),
        "{text}"
    );
    assert!(lines[1].contains("01/11/2026 !"), "{text}");
    assert!(
        lines[2].contains("cần làm") && lines[2].contains("cao") && lines[2].contains("27/11/2026"),
        "{text}"
    );
    assert_eq!(lines[3], "2 việc, 1 quá hạn (!)", "{text}");

    // JSON is for scripts: the same in every locale.
    let j = s.json(&["--locale", "vi", "task", "list", "--json"]);
    assert_eq!(j, s.json(&["task", "list", "--json"]));
    assert_eq!(j[0]["status"], "doing");

    // One task is one task, not "1 tasks".
    assert!(
        s.ok(&["task", "list", "--status", "todo"])
            .ends_with("\n1 task, 0 overdue (!)\n"),
        "singular"
    );
    assert_eq!(
        s.ok(&["--locale", "vi", "task", "done", "1"]),
        "Việc 1 đã xong: Viết bài Tết\n"
    );
    assert_eq!(
        s.ok(&["--locale", "vi", "task", "rm", "2"]),
        "Đã xóa việc 2: Late one (funnel undo để khôi phục)\n"
    );
    let undo = s.ok(&["--locale", "vi", "undo"]);
    assert!(
        undo.starts_with("Đã hoàn tác: xóa việc 2 (thực hiện từ dòng lệnh, lúc ")
            && undo.ends_with(" UTC)\n"),
        "{undo}"
    );
    assert_eq!(
        s.ok(&["--locale", "vi", "task", "list", "--status", "blocked"]),
        "Không có việc nào khớp.\n"
    );
}

#[test]
fn entity_messages_and_lists_speak_vietnamese_with_locale_vi() {
    let s = Sandbox::new();
    let vi = |args: &[&str]| {
        let mut all = vec!["--locale", "vi"];
        all.extend_from_slice(args);
        s.ok(&all)
    };
    assert_eq!(
        vi(&["channel", "add", "Zalo", "--kind", "social"]),
        "Đã thêm kênh 1: Zalo (social)\n"
    );
    let list = vi(&["channel", "list"]);
    assert!(
        list.starts_with("ID  TÊN   LOẠI    HOẠT ĐỘNG  PHÂN KHÚC\n1   Zalo  social  có"),
        "{list}"
    );
    assert_eq!(vi(&["person", "list"]), "Chưa có gì.\n");
    let out = vi(&[
        "campaign",
        "add",
        "Tết 2027",
        "--start",
        "2026-12-01",
        "--end",
        "2027-02-10",
        "--budget",
        "30000000",
    ]);
    assert_eq!(out, "Đã thêm chiến dịch 1: Tết 2027\n");
    let list = vi(&["campaign", "list"]);
    assert!(
        list.contains("01/12/2026") && list.contains("30.000.000 ₫"),
        "{list}"
    );
    assert_eq!(
        vi(&["note", "add", "Mưa bão", "--period", "2026-11"]),
        "Đã thêm ghi chú nguyên nhân 1 cho kỳ 2026-11\n"
    );
    assert_eq!(
        s.ok(&[
            "note", "add", "Rain", "--period", "2026-11", "--kind", "review"
        ]),
        "Added review note 2 on 2026-11\n"
    );
    assert_eq!(
        vi(&["metric", "add", "zalo_follows", "--kind", "counter"]),
        "Đã thêm chỉ số zalo_follows (counter, number)\n"
    );
}

#[test]
fn kpi_and_order_summaries_speak_vietnamese_with_locale_vi() {
    let s = Sandbox::new();
    let out = s.ok(&[
        "--locale",
        "vi",
        "kpi",
        "record",
        "2026-11-20",
        "visits=1200",
        "spend=350000",
    ]);
    assert_eq!(out, "Đã ghi: 2 mới, 0 thay thế, 0 không đổi.\n");
    let out = s.ok(&[
        "--locale",
        "vi",
        "kpi",
        "record",
        "2026-11-20",
        "spend=1234.5",
    ]);
    assert_eq!(
        out,
        "Đã ghi: 0 mới, 1 thay thế, 0 không đổi.\n  20/11/2026 spend tổng: 350.000 → 1.234,5\n"
    );
    let orders = s.file(
        "o.csv",
        "order_id,customer,date,amount\nA1,c1,2026-10-01,100000\nA2,c2,2026-10-02,250000\n",
    );
    let out = s.ok(&["--locale", "vi", "orders", "import", &orders]);
    assert!(out.contains(": 2 đơn hàng (2 dòng); "), "{out}");
    assert!(
        out.contains("Đã nhập: 2 mới, 0 cập nhật, 0 không đổi."),
        "{out}"
    );
    let out = s.ok(&["--locale", "vi", "check"]);
    assert!(
        out.contains(": ổn (0 việc, 2 đơn hàng từ 2 khách hàng)"),
        "{out}"
    );
}

#[test]
fn the_dashboard_without_a_terminal_says_what_to_use_instead() {
    let s = Sandbox::new();
    s.ok(&["task", "add", "one"]);
    let err = s.fails(&[]);
    assert!(
        err.contains("needs a terminal") && err.contains("funnel report"),
        "{err}"
    );
}

#[test]
fn orders_import_leaves_the_customer_rollups_built_and_a_dry_run_does_not() {
    use funnel::store::Store;
    use funnel::store::rollup::RollupKey;
    let s = Sandbox::new();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let key = |window_days| RollupKey {
        segment: None,
        window_days,
        loyalty_threshold: 3,
    };
    let csv = s.file(
        "orders.csv",
        "order,customer,date,amount\n1,c1,2026-08-01,100\n2,c2,2026-10-05,40\n",
    );
    s.ok(&["orders", "import", "--dry-run", &csv]);
    let store = Store::open_read_only(&s.db).expect("open");
    assert_eq!(store.valid_rollup(key(90), today).expect("read"), None);
    drop(store);
    s.ok(&["orders", "import", &csv]);
    s.ok(&["--churn-window", "30", "orders", "import", &csv]);
    // A read-only look with yet another window builds in memory only.
    s.ok(&["--read-only", "--churn-window", "60", "kpi", "show"]);
    let store = Store::open_read_only(&s.db).expect("open");
    let built = store.valid_rollup(key(90), today).expect("read");
    assert_eq!(
        built.and_then(|r| r.last_order_day),
        chrono::NaiveDate::from_ymd_opt(2026, 10, 5)
    );
    assert!(store.valid_rollup(key(30), today).expect("read").is_some());
    assert_eq!(store.valid_rollup(key(60), today).expect("read"), None);
}

#[test]
fn check_finds_a_rollup_that_disagrees_with_the_orders_and_drops_it() {
    use funnel::metrics::{CustomerParams, CustomerTimeline, series};
    use funnel::store::Store;
    use funnel::store::rollup::{EncodedOrders, Rollup};
    let s = Sandbox::new();
    let csv = s.file(
        "orders.csv",
        "order,customer,date,amount\n1,c1,2026-08-01,100\n2,c2,2026-10-05,40\n",
    );
    s.ok(&["orders", "import", &csv]);
    assert!(s.ok(&["check"]).contains(": ok"));
    // As if the file were edited behind funnel's back: a rollup of other
    // orders under the current generation.
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).expect("date");
    let other = CustomerTimeline::build(&[(0, day(3, 1))], CustomerParams::default(), day(11, 22));
    let store = Store::open(&s.db).expect("open");
    let generation = store.orders_generation().expect("generation");
    let wrong = Rollup {
        segment: None,
        last_order_day: Some(day(3, 1)),
        encoded: Some(EncodedOrders {
            timeline: other.encode(),
            revenue: series::encode(&[]),
        }),
    };
    assert!(
        store
            .save_rollups(generation, 90, 3, &[wrong])
            .expect("save")
    );
    drop(store);
    let err = s.cmd().arg("check").assert().code(1);
    let out = String::from_utf8(err.get_output().stdout.clone()).expect("utf-8");
    assert!(
        out.contains("the stored customer rollup disagrees with the orders"),
        "{out}"
    );
    assert!(out.contains("of the whole business"), "{out}");
    assert!(s.ok(&["check"]).contains(": ok"), "dropped and built again");
}

/// Forecasts on the demo as a user reads it on the morning of 7 December:
/// `objective list --json` and `funnel report` in three formats.
mod forecasts {
    use super::*;

    fn on_7_december() -> Sandbox {
        let s = Sandbox::new();
        s.cmd()
            .env("FUNNEL_TODAY", "2026-12-07")
            .arg("demo")
            .assert()
            .success();
        s
    }

    fn run(s: &Sandbox, args: &[&str]) -> String {
        let out = s
            .cmd()
            .env("FUNNEL_TODAY", "2026-12-07")
            .args(args)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).expect("utf-8")
    }

    fn by_metric<'a>(list: &'a Value, metric: &str) -> &'a Value {
        list.as_array()
            .expect("a list")
            .iter()
            .find(|o| o["objective"]["metric"] == metric)
            .unwrap_or_else(|| panic!("an objective on {metric} in {list}"))
    }

    /// A whole number as English reads it: 1,518.
    fn grouped(v: f64) -> String {
        let digits = format!("{}", v.round() as i64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    fn num(v: &Value) -> f64 {
        v.as_f64().unwrap_or_else(|| panic!("a number, got {v}"))
    }

    #[test]
    fn objective_list_json_gives_each_forecast_by_its_documented_fields() {
        let s = on_7_december();
        let list: Value =
            serde_json::from_str(&run(&s, &["objective", "list", "--json"])).expect("JSON");
        // December's spend ceiling, 1–31 December: 7 days counted of 31,
        // 24 left; the limit holds at this pace.
        let spend = by_metric(&list, "spend");
        let f = &spend["forecast"];
        let (now, limit) = (num(&spend["current"]), num(&spend["objective"]["target"]));
        assert_eq!(f["outlook"], "projected");
        assert!((num(&f["pace_per_day"]) - now / 7.0).abs() < 1e-3, "{f}");
        assert!(
            (num(&f["at_deadline"]) - now * 31.0 / 7.0).abs() < 1e-3,
            "{f}"
        );
        assert!(now * 31.0 / 7.0 < limit, "the demo spends within the month");
        assert_eq!(f["target_on"], Value::Null, "stays within: no day");
        assert!((num(&f["needed_per_day"]) - (limit - now) / 24.0).abs() < 1e-3);
        assert!((num(&f["needed_per_week"]) - (limit - now) * 7.0 / 24.0).abs() < 1e-3);
        assert_eq!(f["days_left"], 24);
        // Organic visits, a total over 180 days from 9 August: 121 days
        // counted; the day it reaches its target is an ISO date.
        let seo = by_metric(&list, "visits");
        let f = &seo["forecast"];
        let (now, target) = (num(&seo["current"]), num(&seo["objective"]["target"]));
        assert_eq!(seo["objective"]["start"], "2026-08-09");
        let days = ((target - now) * 121.0 / now).ceil() as u64;
        let expected = chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
            .and_then(|d| d.checked_add_days(chrono::Days::new(days)))
            .expect("date");
        assert_eq!(f["target_on"], expected.to_string(), "{f}");
        // Met already, and a deadline passed: said, nothing projected.
        assert_eq!(
            by_metric(&list, "new_customers")["forecast"]["outlook"],
            "met"
        );
        let loyal = &by_metric(&list, "loyal_customers")["forecast"];
        assert_eq!(loyal["outlook"], "ended");
        for k in [
            "at_deadline",
            "target_on",
            "needed_per_day",
            "needed_per_week",
        ] {
            assert_eq!(loyal[k], Value::Null, "{k}");
        }
    }

    #[test]
    fn the_reports_objectives_name_their_metrics_in_the_readers_words() {
        let s = on_7_december();
        let ids = ["customers", "new_customers", "spend", "visits"];
        for (locale, words) in [
            (
                "vi",
                ["Khách hàng", "Khách hàng mới", "Chi phí", "Lượt truy cập"],
            ),
            ("en", ["Customers", "New customers", "Spend", "Visits"]),
        ] {
            let text = run(&s, &["report", "--locale", locale]);
            // A table's cells are two spaces or more apart.
            let cells: Vec<&str> = text
                .lines()
                .flat_map(|l| l.split("  "))
                .map(str::trim)
                .collect();
            for id in ids {
                assert!(!cells.contains(&id), "{id} as a cell in\n{text}");
            }
            for w in words {
                assert!(cells.contains(&w), "{w} as a cell in\n{text}");
            }
        }
        // The JSON keeps the ids.
        let j: Value =
            serde_json::from_str(&run(&s, &["report", "--format", "json", "--locale", "vi"]))
                .expect("JSON");
        by_metric(&j["objectives"], "new_customers");
    }

    #[test]
    fn the_report_says_where_each_pace_leads_in_three_formats() {
        let s = on_7_december();
        let j: Value =
            serde_json::from_str(&run(&s, &["report", "--format", "json"])).expect("JSON");
        let customers = by_metric(&j["objectives"], "customers");
        let f = &customers["forecast"];
        // Active customers: from the baseline on 23 September (75 days
        // ago) to today's count, a straight line to 31 December, 24 days on.
        let (base, now) = (
            num(&customers["objective"]["baseline"]),
            num(&customers["current"]),
        );
        let lands = now + (now - base) * 24.0 / 75.0;
        assert!((num(&f["at_deadline"]) - lands).abs() < 1e-3, "{f}");
        assert_eq!(f["target_on"], Value::Null, "behind: not by the deadline");
        let december = &j["budgets"][0];
        assert_eq!(december["budget"]["period"], "2026-12");
        assert_eq!(december["end"], "2026-12-31");
        assert_eq!(december["forecast"]["outlook"], "projected");

        let text = run(&s, &["report"]);
        let need = (num(&customers["objective"]["target"]) - now) * 7.0 / 24.0;
        for line in [
            "Forecasts at the current pace",
            &format!("≈ {} at the deadline", grouped(lands)),
            "not by the deadline at this pace",
            &format!("needs +{} a week", grouped(need)),
            "already met",
            "stays within the limit",
            "lasts the period",
        ] {
            assert!(text.contains(line), "{line:?} in\n{text}");
        }
        let md = run(&s, &["report", "--format", "markdown"]);
        assert!(
            md.contains("## Forecasts at the current pace\n| Objectives | At this pace | Target day | Needed from now |"),
            "{md}"
        );
        let vi = run(&s, &["report", "--locale", "vi"]);
        for line in [
            "Dự báo theo nhịp hiện tại",
            "không kịp hạn với nhịp này",
            "đủ đến hết kỳ",
        ] {
            assert!(vi.contains(line), "{line:?} in\n{vi}");
        }
    }
}

/// October: 1000 visits, 100 leads (10 %), 20 conversions (20 %), 10 new
/// customers (50 %). November: 1500, 300 (20 %), 45 (15 %), 30 (66.7 %):
/// conversions lose the most.
#[test]
fn report_has_the_funnel_with_its_step_rates_and_biggest_drop() {
    let s = Sandbox::new();
    for (day, values) in [
        (
            "2026-10-10",
            [
                "visits=1000",
                "leads=100",
                "conversions=20",
                "new_customers=10",
            ],
        ),
        (
            "2026-11-10",
            [
                "visits=1500",
                "leads=300",
                "conversions=45",
                "new_customers=30",
            ],
        ),
    ] {
        let mut args = vec!["kpi", "record", day];
        args.extend(values);
        s.ok(&args);
    }
    let text = s.ok(&["report"]);
    let row = |label: &str| {
        text.lines()
            .skip_while(|l| *l != "Funnel")
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} row in\n{text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(row("Visits"), "Visits 1,500 +50.0%");
    assert_eq!(row("Leads"), "Leads 300 +200.0% 20.0% +10.00 pt");
    assert_eq!(
        row("Conversions"),
        "Conversions 45 +125.0% 15.0% -5.00 pt biggest drop"
    );
    assert_eq!(
        row("New customers"),
        "New customers 30 +200.0% 66.7% +16.67 pt"
    );
    let md = s.ok(&["report", "--format", "markdown"]);
    assert!(
        md.contains("## Funnel")
            && md.contains("| Conversions | 45 | +125.0% | 15.0% | -5.00 pt | biggest drop |"),
        "{md}"
    );
    let vi = s.ok(&["report", "--locale", "vi"]);
    assert!(
        vi.contains("Phễu chuyển đổi") && vi.contains("rơi nhiều nhất"),
        "{vi}"
    );
    let j = s.json(&["report", "--format", "json"]);
    let steps = &j["funnel"]["steps"];
    assert_eq!(steps[0]["key"], "visits");
    assert_eq!(steps[0]["rate"], serde_json::Value::Null);
    assert_eq!(steps[1]["rate_key"], "lead_rate");
    assert_eq!(steps[1]["rate"], 0.2);
    assert_eq!(steps[1]["rate_previous"], 0.1);
    assert_eq!(steps[2]["rate_key"], "lead_conversion_rate");
    assert_eq!(steps[2]["rate"], 0.15);
    assert_eq!(steps[2]["biggest_drop"], true);
    assert_eq!(steps[3]["rate_key"], "new_customer_rate");
    assert_eq!(steps[3]["count"], 30);
    let drops = (0..4).filter(|&i| steps[i]["biggest_drop"] == true).count();
    assert_eq!(drops, 1);
}

/// The funnel's footnote names the comparison its changes are against:
/// the period before or a year earlier, with the span, in both locales.
#[test]
fn report_funnel_footnote_names_the_real_comparison() {
    let s = Sandbox::new();
    for day in ["2025-11-10", "2026-10-10", "2026-11-10"] {
        s.ok(&["kpi", "record", day, "visits=1000", "leads=100"]);
    }
    for (args, said) in [
        (vec!["report"], "Change: vs previous (2026-10 to 22 Oct)"),
        (
            vec!["report", "--compare", "year"],
            "Change: vs a year earlier (2025-11 to 22 Nov)",
        ),
        (
            vec!["report", "--compare", "year", "--locale", "vi"],
            "Thay đổi: so với cùng kỳ năm trước (2025-11 đến 22/11)",
        ),
    ] {
        let text = s.ok(&args);
        assert!(text.contains(said), "{args:?}: {said:?}\n{text}");
    }
}

/// No funnel figures at all: the section says so instead of a table of
/// dashes, and the JSON has the steps with nulls and no drop.
#[test]
fn report_without_funnel_figures_says_so() {
    let s = Sandbox::new();
    s.ok(&["task", "add", "A store with no figures"]);
    let text = s.ok(&["report"]);
    assert!(
        text.contains("No visits, leads, conversions or new customers in this period."),
        "{text}"
    );
    let j = s.json(&["report", "--format", "json"]);
    let steps = j["funnel"]["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 4);
    assert!(
        steps
            .iter()
            .all(|s| s["count"].is_null() && s["biggest_drop"] == false)
    );
}

#[test]
fn task_add_reads_quick_add_tokens_in_the_title_and_refuses_unknown_names() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Lê Bảo Ngọc"]);
    s.ok(&["person", "add", "Nguyễn Thu Hà"]);
    s.ok(&[
        "campaign",
        "add",
        "Quà Tết 2027",
        "--start",
        "2026-12-01",
        "--end",
        "2027-02-10",
    ]);
    let out = s.ok(&[
        "task",
        "add",
        "Gọi xưởng in due:fri @ngoc #ops p:high campaign:tet",
    ]);
    assert_eq!(out, "Added task 1: Gọi xưởng in\n");
    let list = s.json(&["task", "list", "--json"]);
    let t = &list[0];
    assert_eq!(t["title"], "Gọi xưởng in");
    assert_eq!(t["due"], "2026-11-27", "Friday after Sunday the 22nd");
    assert_eq!(t["assignee_name"], "Lê Bảo Ngọc");
    assert_eq!(t["campaign_name"], "Quà Tết 2027");
    assert_eq!(t["priority"], "high");
    assert_eq!(t["tags"], serde_json::json!(["ops"]));
    // Quotes keep tokens in the title; options add to the tokens.
    s.ok(&["task", "add", "Blog \"#1 @home\" #seo", "--tag", "content"]);
    let list = s.json(&["task", "list", "--json"]);
    assert_eq!(list[1]["title"], "Blog \"#1 @home\"");
    assert_eq!(list[1]["tags"], serde_json::json!(["seo", "content"]));

    let before = bytes(&s.db);
    for (title, extra, says) in [
        (
            "Call @lan",
            None,
            "'@lan': no person of that name; nothing was written",
        ),
        (
            "x @ng",
            None,
            "'@ng' could be any of: Lê Bảo Ngọc, Nguyễn Thu Hà",
        ),
        (
            "x campaign:summer",
            None,
            "'campaign:summer': no campaign of that name",
        ),
        (
            "x due:someday",
            None,
            "'due:someday': 'someday' is not a date",
        ),
        ("x p:urgent", None, "'p:urgent': not a priority"),
        (
            "x due:fri",
            Some(["--due", "mon"]),
            "the title's due: and --due both set it",
        ),
        (
            "x @ngoc",
            Some(["--assignee", "ha"]),
            "the title's @name and --assignee",
        ),
    ] {
        let mut args = vec!["task", "add", title];
        args.extend(extra.iter().flatten());
        let err = s.fails(&args);
        assert!(err.contains(says), "{title}: {err}");
        assert!(err.contains("nothing was written"), "{title}: {err}");
        assert_eq!(bytes(&s.db), before, "{title}: nothing written");
    }
}
