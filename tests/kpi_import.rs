//! `funnel kpi import` on files as platforms and spreadsheets write them:
//! numbers in either convention, money in another currency.

use serde_json::Value;

#[path = "support/sandbox.rs"]
mod sandbox;
use sandbox::Sandbox;

impl Sandbox {
    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).expect("utf-8 output")
    }

    fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().code(1);
        let err = String::from_utf8(out.get_output().stderr.clone()).expect("utf-8");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        err
    }

    fn file(&self, name: &str, text: &str) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).expect("write file");
        p.display().to_string()
    }

    fn export(&self) -> Value {
        serde_json::from_str(&self.ok(&["export"])).expect("valid JSON")
    }

    /// The `kpi show --json` object of one month.
    fn month(&self, first: &str, last: &str) -> Value {
        let all: Value = serde_json::from_str(
            &self.ok(&["kpi", "show", "--from", first, "--to", last, "--json"]),
        )
        .expect("valid JSON");
        all[0].clone()
    }

    /// The stored values of one metric, as `(day, value)` text.
    fn stored(&self, metric: &str) -> Vec<(String, String)> {
        self.export()["kpi_values"]
            .as_array()
            .expect("kpi_values")
            .iter()
            .filter(|v| v["metric"] == metric)
            .map(|v| (v["day"].to_string(), v["value"].to_string()))
            .collect()
    }
}

#[test]
fn grouped_thousands_in_a_vnd_database_are_not_decimals() {
    let s = Sandbox::new();
    // VND has no minor unit and visits are whole: `850.000` can only be
    // eight hundred fifty thousand, `1.234` one thousand two hundred.
    let csv = s.file(
        "spend.csv",
        "Date,Amount spent (VND),Sessions\n2026-10-01,850.000,1.234\n2026-10-02,120.000,980\n",
    );
    s.ok(&["kpi", "import", &csv]);
    let oct = s.month("2026-10-01", "2026-10-31");
    assert_eq!(oct["spend"], 970_000);
    assert_eq!(oct["visits"], 2214);
}

#[test]
fn a_column_read_two_ways_is_refused_until_a_flag_says_which() {
    let s = Sandbox::new();
    s.ok(&["metric", "add", "position", "--kind", "gauge"]);
    let csv = s.file(
        "rank.csv",
        "Date,Position\n2026-10-01,2\n2026-10-02,1.250\n",
    );
    let before = s.export();
    let err = s.fails(&["kpi", "import", &csv]);
    assert!(err.contains("rank.csv:3:2 (Position)"), "{err}");
    assert!(
        err.contains("'1.250' could be 1.25 (a decimal point) or 1250 (a thousands separator)"),
        "{err}"
    );
    assert!(
        err.contains("--decimal-point") && err.contains("--decimal-comma"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(s.export(), before);
    s.ok(&["kpi", "import", &csv, "--decimal-point"]);
    assert_eq!(s.stored("position")[1].1, "1.25");
    s.ok(&["kpi", "import", &csv, "--decimal-comma"]);
    assert_eq!(s.stored("position")[1].1, "1250");
}

#[test]
fn money_in_another_currency_is_refused_unless_a_rate_is_given() {
    let s = Sandbox::new();
    s.ok(&["kpi", "record", "2026-09-01", "visits=1"]);
    let before = s.export();
    let meta = s.file(
        "meta.csv",
        "Date,Amount spent (USD)\n2026-10-01,12.50\n2026-10-02,\"1,000.00\"\n",
    );
    let err = s.fails(&["kpi", "import", &meta]);
    assert!(err.contains("meta.csv:2:2 (Amount spent (USD))"), "{err}");
    assert!(
        err.contains("in USD") && err.contains("in VND") && err.contains("--rate USD="),
        "{err}"
    );
    let ads = s.file(
        "ads.csv",
        "Day,Cost,Currency code\n2026-10-03,10.00,VND\n2026-10-04,10.00,USD\n",
    );
    let err = s.fails(&["kpi", "import", &ads]);
    assert!(err.contains("ads.csv:3:2 (Cost)"), "{err}");
    assert!(err.contains("in USD") && err.contains("in VND"), "{err}");
    let marked = s.file("marked.csv", "Date,Spend\n2026-10-05,$12.50\n");
    let err = s.fails(&["kpi", "import", &marked]);
    assert!(
        err.contains("marked.csv:2:2 (Spend)") && err.contains("in USD"),
        "{err}"
    );
    assert_eq!(s.export(), before, "nothing was written");

    let out = s.ok(&["kpi", "import", &meta, "--rate", "USD=25400"]);
    assert!(
        out.contains("2 spend values converted from USD at 25400 VND per USD"),
        "{out}"
    );
    s.ok(&["kpi", "import", &ads, "--rate", "USD=25400"]);
    let viet = s.file("vn.csv", "Ngày,Chi phí,Tiền tệ\n2026-10-06,500.000,VND\n");
    s.ok(&["kpi", "import", &viet]);
    // (12.50 + 1,000.00 + 10.00) × 25,400 + 10 + 500,000
    let oct = s.month("2026-10-01", "2026-10-31");
    assert_eq!(oct["spend"], 26_471_510);
}
