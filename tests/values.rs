//! What gets into the file can be read back, through the real binary on
//! temporary files: every way in (a JSON import, the command line, CSV
//! imports) refuses a value the store could not read or sum, naming where
//! it is; `funnel check` names a bad value planted by another tool instead
//! of failing on it; `funnel export` still writes such a file out.

use serde_json::{Value, json};

#[path = "support/sandbox.rs"]
mod sandbox;
use sandbox::Sandbox;
#[path = "support/commands.rs"]
mod commands;

impl Sandbox {
    /// Another database file in the sandbox.
    fn other(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// A small file with one of each record: a segment, a person, a
    /// campaign, two tasks, a note, KPI values and an order.
    fn small(&self) {
        self.ok(&["segment", "add", "Văn phòng"]);
        self.ok(&["person", "add", "An"]);
        self.ok(&[
            "campaign",
            "add",
            "Tết",
            "--start",
            "2026-12-01",
            "--end",
            "2027-02-10",
            "--budget",
            "3000000",
        ]);
        self.ok(&[
            "task",
            "add",
            "Post",
            "--campaign",
            "tết",
            "--due",
            "2026-12-01",
        ]);
        self.ok(&["task", "add", "Call", "--assignee", "an"]);
        self.ok(&[
            "note",
            "add",
            "Mưa lớn",
            "--category",
            "seasonality",
            "--period",
            "2026-10",
        ]);
        self.ok(&["kpi", "record", "2026-11-01", "visits=10", "spend=5"]);
        let orders = self.file(
            "orders.csv",
            "Order ID,Customer,Date,Total\nA1,an@x.vn,2026-11-01,10\n",
        );
        self.ok(&["orders", "import", &orders]);
    }
}

/// `line:column` (1-based, in characters) where `needle` first starts in
/// `text`.
fn place_of(text: &str, needle: &str) -> String {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in the file"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    format!("{line}:{column}")
}

/// `line:column` of the value of the last `key` before `anchor`.
fn place_before(text: &str, anchor: &str, key: &str) -> String {
    let end = text
        .find(anchor)
        .unwrap_or_else(|| panic!("{anchor} in the file"));
    let pattern = format!("\"{key}\": ");
    let at = text[..end].rfind(&pattern).expect("the key") + pattern.len();
    place_of(text, &text[at..])
}

/// `doc` with the value at `pointer` replaced, written pretty as the
/// export writes it.
fn with(doc: &Value, pointer: &str, value: Value) -> String {
    let mut doc = doc.clone();
    *doc.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = value;
    serde_json::to_string_pretty(&doc).expect("json")
}

#[test]
fn a_json_import_refuses_a_day_or_a_time_it_could_not_read_back() {
    let s = Sandbox::new();
    s.small();
    let doc = s.json(&["export"]);
    let copy = s.other("copy.db");
    for (pointer, value) in [
        ("/tasks/0/due", "+10000-01-01"),
        ("/tasks/0/due", "-0001-01-01"),
        ("/campaigns/0/start", "1899-12-31"),
        ("/notes/0/end", "3000-01-01"),
        ("/kpi_values/0/day", "0500-01-01"),
        ("/orders/0/day", "+12026-11-01"),
        ("/tasks/1/created_at", "+10000-01-01T00:00:00Z"),
        ("/tasks/1/updated_at", "9999-12-31T23:00:00-05:00"),
    ] {
        let text = with(&doc, pointer, json!(value));
        let file = s.file("bad.json", &text);
        let err = s.fails(&["--db", &copy, "import", &file]);
        let at = place_of(&text, &format!("\"{value}\""));
        assert!(
            err.contains(&format!("bad.json:{at}: ")) && err.contains("1900 to 2999"),
            "{pointer} = {value}: {err}"
        );
        assert!(err.contains("nothing was written"), "{err}");
    }
    // Nothing got in, and the copy reads.
    assert_eq!(
        s.json(&["--db", &copy, "task", "list", "--json"]),
        json!([])
    );
    s.ok(&["--db", &copy, "check"]);
}

#[test]
fn a_date_typed_far_ahead_is_refused_not_stored() {
    let s = Sandbox::new();
    let err = s.fails(&["task", "add", "x", "--due", "+100000m"]);
    assert!(
        err.contains("--due: '+100000m'") && err.contains("1900 to 2999"),
        "{err}"
    );
    let err = s.fails(&["kpi", "record", "-100000w", "visits=1"]);
    assert!(err.contains("DATE: '-100000w'"), "{err}");
    let csv = s.file(
        "orders.csv",
        "Order ID,Customer,Date,Total\nA1,an,2026-11-01,10\nA2,binh,0200-01-01,5\n",
    );
    let err = s.fails(&["orders", "import", &csv]);
    assert!(
        err.contains("orders.csv:3:3 (Date)") && err.contains("1900 to 2999"),
        "{err}"
    );
    s.ok(&["task", "add", "near", "--due", "+1m"]);
    assert_eq!(s.json(&["task", "list", "--json"])[0]["due"], "2026-12-22");
}

#[test]
fn check_names_a_value_it_cannot_read_and_export_still_writes_the_file_out() {
    let s = Sandbox::new();
    s.small();
    // Planted by another tool with raw SQL, past every rule of funnel's
    // (and, with the pragma, past the schema's CHECK constraints).
    let conn = rusqlite::Connection::open(&s.db).expect("sqlite");
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         UPDATE tasks SET due = '10000-01-01', priority = 'urgent' WHERE id = 1;
         UPDATE campaigns SET start_day = '2026-02-30';
         UPDATE notes SET created_at = 'yesterday';
         UPDATE kpi_values SET value = 'lots' WHERE metric = 'visits';
         UPDATE orders SET day = '2026-13-01';",
    )
    .expect("plant");
    drop(conn);

    let out = s.cmd().arg("check").assert().code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).expect("utf-8");
    let stderr = String::from_utf8(out.get_output().stderr.clone()).expect("utf-8");
    for want in [
        "tasks 1 due: '10000-01-01'",
        "tasks 1 priority: 'urgent'",
        "campaigns 1 start_day: '2026-02-30'",
        "notes 1 created_at: 'yesterday'",
        "kpi_values 1 value: 'lots'",
        "orders 1 day: '2026-13-01'",
    ] {
        assert!(stdout.contains(want), "{want:?} in:\n{stdout}");
    }
    // SQLite's integrity check finds the broken CHECK constraint too.
    assert!(stderr.contains("7 problems found"), "{stderr}\n{stdout}");

    // What reads the rows says what is wrong and what to do.
    let err = s.fails(&["task", "list"]);
    assert!(err.contains("funnel check"), "{err}");
    let frame = s.ok(&["snapshot", "--tab", "tasks", "--size", "120x20"]);
    assert!(frame.contains("funnel check"), "{frame}");

    // The export writes what is stored; the import refuses the first bad
    // value at its place until it is fixed, then takes the file.
    let text = s.ok(&["export"]);
    for stored in [
        "\"10000-01-01\"",
        "\"urgent\"",
        "\"2026-02-30\"",
        "\"lots\"",
    ] {
        assert!(text.contains(stored), "{stored} in the export");
    }
    let file = s.file("backup.json", &text);
    let copy = s.other("copy.db");
    let err = s.fails(&["--db", &copy, "import", &file]);
    let at = place_of(&text, "\"2026-02-30\"");
    assert!(err.contains(&format!("backup.json:{at}: ")), "{err}");
    let fixed = text
        .replace("\"2026-02-30\"", "\"2026-12-01\"")
        .replace("\"yesterday\"", "\"2026-11-01T08:00:00Z\"")
        .replace("\"10000-01-01\"", "\"2026-12-02\"")
        .replace("\"urgent\"", "\"high\"")
        .replace("\"lots\"", "10")
        .replace("\"2026-13-01\"", "\"2026-11-01\"");
    let file = s.file("fixed.json", &fixed);
    s.ok(&["--db", &copy, "import", &file]);
    assert!(s.ok(&["--db", &copy, "check"]).contains(": ok"));
    let t = &s.json(&["--db", &copy, "task", "list", "--json"])[0];
    assert_eq!(
        (t["due"].as_str(), t["priority"].as_str()),
        (Some("2026-12-02"), Some("high"))
    );
}

#[test]
fn json_import_errors_name_the_place_of_a_missing_reference_or_a_duplicate() {
    let s = Sandbox::new();
    s.small();
    let doc = s.json(&["export"]);
    let copy = s.other("copy.db");
    // Made and emptied, so that its export can be compared.
    s.ok(&["--db", &copy, "task", "add", "seed"]);
    s.ok(&["--db", &copy, "task", "rm", "1"]);
    let empty = s.json(&["--db", &copy, "export"]);
    let task = doc["tasks"][0].clone();
    // (the file, the value the error points at, and the key it is the
    // value of where that value is not unique, words of the message)
    type Case<'a> = (String, &'a str, Option<&'a str>, Vec<&'a str>);
    let cases: Vec<Case> = vec![
        // A reference to a record the file does not hold.
        (
            with(&doc, "/tasks/0/campaign", json!(990001)),
            "990001",
            None,
            vec!["campaign 990001", "not in the file"],
        ),
        (
            with(&doc, "/tasks/1/assignee", json!(990002)),
            "990002",
            None,
            vec!["person 990002"],
        ),
        (
            with(&doc, "/kpi_values/0/metric", json!("vistis")),
            "\"vistis\"",
            None,
            vec!["metric 'vistis'"],
        ),
        (
            with(&doc, "/orders/0/segment", json!(990003)),
            "990003",
            None,
            vec!["segment 990003"],
        ),
        // The same id, name or key twice.
        (
            {
                let mut d = doc.clone();
                let mut again = task.clone();
                again["title"] = json!("Again");
                d["tasks"].as_array_mut().expect("tasks").push(again);
                serde_json::to_string_pretty(&d).expect("json")
            },
            "\"Again\"",
            Some("id"),
            vec!["task id 1", "twice"],
        ),
        (
            {
                let mut d = doc.clone();
                // The same name in other capitals, as the database tells
                // names apart.
                let mut again = d["people"][0].clone();
                again["id"] = json!(9);
                again["name"] = json!("AN");
                d["people"].as_array_mut().expect("people").push(again);
                serde_json::to_string_pretty(&d).expect("json")
            },
            "\"AN\"",
            None,
            vec!["person named 'AN'", "twice", "also on line"],
        ),
        (
            {
                let mut d = doc.clone();
                let mut again = d["kpi_values"][0].clone();
                again["value"] = json!(777);
                d["kpi_values"].as_array_mut().expect("kpis").push(again);
                serde_json::to_string_pretty(&d).expect("json")
            },
            "777",
            Some("day"),
            vec!["twice"],
        ),
        // What the command line refuses, the import refuses too.
        (
            with(&doc, "/campaigns/0/budget", json!(-555)),
            "-555",
            None,
            vec!["campaign budget", "negative"],
        ),
        (
            with(&doc, "/kpi_values/1/value", json!(-333)),
            "-333",
            None,
            vec!["visits is a count"],
        ),
        (
            with(&doc, "/notes/0/end", json!("2026-09-01")),
            "\"2026-09-01\"",
            None,
            vec!["ends (2026-09-01) before it starts"],
        ),
        (
            with(&doc, "/tasks/0/status", json!("done")),
            "\"done\"",
            None,
            vec!["done", "done_at"],
        ),
        (
            with(&doc, "/orders/0/customer", json!("a\u{1b}[2Jb")),
            "\"a\\u001b[2Jb\"",
            None,
            vec!["customer", "U+001B"],
        ),
    ];
    for (text, value, key, words) in cases {
        let file = s.file("bad.json", &text);
        let err = s.fails(&["--db", &copy, "import", &file]);
        let at = match key {
            Some(key) => place_before(&text, value, key),
            None => place_of(&text, value),
        };
        assert!(err.contains(&format!("bad.json:{at}: ")), "{value}: {err}");
        for w in words.iter().chain(&["nothing was written"]) {
            assert!(err.contains(w), "{w:?} in {err}");
        }
        assert!(!err.contains("database error"), "{err}");
        assert_eq!(s.json(&["--db", &copy, "export"]), empty, "nothing written");
    }
}

#[test]
fn amounts_that_would_overflow_are_refused_not_clamped() {
    let s = Sandbox::new();
    // The largest amount taken; beside it, the largest an i64 holds would
    // make a sum no amount can hold, and one more unit a total past the
    // limit.
    s.ok(&["kpi", "record", "2026-11-01", "spend=100000000000000"]);
    let err = s.fails(&["kpi", "record", "2026-11-02", "spend=922337203685477"]);
    assert!(err.contains("too large"), "{err}");
    let err = s.fails(&["kpi", "record", "2026-11-03", "spend=1"]);
    assert!(
        err.contains("add up") && err.contains("nothing was written"),
        "{err}"
    );
    let shown = s.json(&["kpi", "show", "--period", "month", "--json"]);
    let november = shown
        .as_array()
        .and_then(|p| p.iter().find(|p| p["period"] == "2026-11"))
        .expect("november");
    assert_eq!(november["spend"], json!(100000000000000u64), "not clamped");
    let err = s.fails(&[
        "campaign",
        "add",
        "Tết",
        "--start",
        "2026-12-01",
        "--end",
        "2027-01-01",
        "--budget",
        "100000000000001",
    ]);
    assert!(
        err.contains("too large") && err.contains("100000000000000"),
        "{err}"
    );
    // Orders within the limit each, past it together.
    let csv = s.file(
        "orders.csv",
        "Order ID,Customer,Date,Total\nA1,an,2026-11-01,60000000000000\nA2,binh,2026-11-01,60000000000000\n",
    );
    let err = s.fails(&["orders", "import", &csv]);
    assert!(
        err.contains("orders.csv") && err.contains("add up") && err.contains("nothing was written"),
        "{err}"
    );
    let csv = s.file(
        "big.csv",
        "Order ID,Customer,Date,Total\nA1,an,2026-11-01,100000000000000.5\n",
    );
    let err = s.fails(&["orders", "import", &csv]);
    assert!(
        err.contains("big.csv:2:4") && err.contains("too large"),
        "{err}"
    );
    // A JSON import: at the value's place.
    let doc = s.json(&["export"]);
    let past: Value = serde_json::from_str("100000000000000.0001").expect("number");
    let text = with(&doc, "/kpi_values/0/value", past);
    let file = s.file("bad.json", &text);
    let err = s.fails(&["--db", &s.other("copy.db"), "import", &file]);
    let at = place_of(&text, "100000000000000.0001");
    assert!(
        err.contains(&format!("bad.json:{at}: ")) && err.contains("too large"),
        "{err}"
    );
    // Orders within the limit each, past it together: at the amount of
    // the order that goes past.
    let mut doc = doc;
    let order = |r: &str, amount: u64| json!({"order_ref": r, "customer": r, "day": "2026-11-02", "amount": amount, "segment": null});
    let orders = doc["orders"].as_array_mut().expect("orders");
    orders.push(order("B1", 60000000000000));
    orders.push(order("B2", 50000000000000));
    let text = serde_json::to_string_pretty(&doc).expect("json");
    let file = s.file("sum.json", &text);
    let err = s.fails(&["--db", &s.other("copy.db"), "import", &file]);
    let at = place_of(&text, "50000000000000");
    assert!(
        err.contains(&format!("sum.json:{at}: the amounts of all orders"))
            && err.contains("would add up to 110000000000000"),
        "{err}"
    );
    assert_eq!(err.matches("nothing was written").count(), 1, "{err}");
}
