//! `funnel orders import` on the exports shops really write, run as a user
//! runs it: the binary on a temporary file, then the figures it lands.

use serde_json::Value;

#[path = "support/sandbox.rs"]
mod sandbox;
use sandbox::Sandbox;

impl Sandbox {
    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).expect("utf-8 output")
    }

    fn file(&self, name: &str, text: &str) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).expect("write file");
        p.display().to_string()
    }

    /// `(month, revenue, orders, new customers)` of each month in the
    /// range: revenue and new customers as `kpi show` gives them, orders
    /// counted from `funnel export`.
    fn months(&self, from: &str, to: &str) -> Vec<(String, String, usize, i64)> {
        let out = self.ok(&[
            "kpi", "show", "--period", "month", "--from", from, "--to", to, "--json",
        ]);
        let months: Value = serde_json::from_str(&out).expect("JSON");
        let export: Value = serde_json::from_str(&self.ok(&["export"])).expect("JSON");
        let days: Vec<String> = export["orders"]
            .as_array()
            .expect("orders")
            .iter()
            .map(|o| o["day"].as_str().unwrap_or_default().to_string())
            .collect();
        months
            .as_array()
            .expect("an array of months")
            .iter()
            .map(|m| {
                let period = m["period"].as_str().unwrap_or_default().to_string();
                let orders = days.iter().filter(|d| d.starts_with(&period)).count();
                (
                    period,
                    m["revenue"].to_string(),
                    orders,
                    m["new_customers"].as_i64().unwrap_or(-1),
                )
            })
            .collect()
    }
}

#[test]
fn identical_rows_without_an_order_id_are_separate_orders_and_a_second_import_adds_nothing() {
    let s = Sandbox::new();
    // An bought the same tea for the same amount twice on 5 October; Bình
    // three times on 6 October. Five orders, 4 of them identical to another.
    let csv = s.file(
        "history.csv",
        "Customer,Date,Amount\n\
         an,2026-10-05,100\n\
         an,2026-10-05,100\n\
         binh,2026-10-06,50\n\
         binh,2026-10-06,50\n\
         binh,2026-10-06,50\n",
    );
    let out = s.ok(&["orders", "import", &csv]);
    assert!(
        out.contains("Imported: 5 new, 0 updated, 0 unchanged."),
        "{out}"
    );
    let again = s.ok(&["orders", "import", &csv]);
    assert!(
        again.contains("Imported: 0 new, 0 updated, 5 unchanged."),
        "{again}"
    );
    let check = s.ok(&["check"]);
    assert!(check.contains("5 orders from 2 customers"), "{check}");
    assert_eq!(
        s.months("2026-10-01", "2026-10-31"),
        [("2026-10".to_string(), "350".to_string(), 5, 2)]
    );
}

#[test]
fn orders_stored_before_repeats_were_told_apart_keep_their_key_and_the_lost_repeat_comes_back() {
    let s = Sandbox::new();
    // What funnel stored of the history below before this change: the
    // second of two identical rows fell on the first one's key.
    let before = s.file("before.csv", "Customer,Date,Amount\nan,2026-10-05,100\n");
    s.ok(&["orders", "import", &before]);
    let history = s.file(
        "history.csv",
        "Customer,Date,Amount\nan,2026-10-05,100\nan,2026-10-05,100\n",
    );
    let out = s.ok(&["orders", "import", &history]);
    assert!(
        out.contains("Imported: 1 new, 0 updated, 1 unchanged."),
        "{out}"
    );
    let conn = rusqlite::Connection::open(&s.db).expect("open");
    let mut stmt = conn
        .prepare("SELECT order_key FROM orders ORDER BY id")
        .expect("query");
    let keys: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("keys");
    assert_eq!(keys, ["cda:an|2026-10-05|100", "cda:an|2026-10-05|100#2"]);
    drop(stmt);
    drop(conn);
    assert!(s.ok(&["check"]).contains(": ok"));
    // Undo takes back only the repeat this import added.
    s.ok(&["undo"]);
    assert_eq!(s.months("2026-10-01", "2026-10-31")[0].2, 1);
}

#[test]
fn identical_orders_survive_an_export_and_import_and_check_names_a_bad_occurrence() {
    let s = Sandbox::new();
    let csv = s.file(
        "history.csv",
        "Customer,Date,Amount\nan,2026-10-05,100\nan,2026-10-05,100\nan,2026-10-05,100\n",
    );
    s.ok(&["orders", "import", &csv]);
    let export = s.ok(&["export"]);
    let t = Sandbox::new();
    let path = t.file("backup.json", &export);
    t.ok(&["import", &path]);
    assert_eq!(t.months("2026-10-01", "2026-10-31")[0].2, 3);
    assert!(t.ok(&["check"]).contains(": ok"));
    let again = t.ok(&[
        "orders",
        "import",
        &t.file("h.csv", &std::fs::read_to_string(&csv).expect("csv")),
    ]);
    assert!(again.contains("0 new, 0 updated, 3 unchanged"), "{again}");

    // A key no import gives (`#1`, `#02`) would let the next import add the
    // order again: check names it.
    let conn = rusqlite::Connection::open(&t.db).expect("open");
    conn.execute(
        "UPDATE orders SET order_key = order_key || '#1' WHERE order_key NOT LIKE '%#%'",
        [],
    )
    .expect("plant");
    drop(conn);
    let out = t.cmd().args(["check"]).assert().code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains(
            "stored key 'cda:an|2026-10-05|100#1' but its content gives 'cda:an|2026-10-05|100'"
        ),
        "{text}"
    );
}
