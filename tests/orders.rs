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

impl Sandbox {
    /// The customer of each stored order, by day.
    fn customers(&self) -> Vec<String> {
        let export: Value = serde_json::from_str(&self.ok(&["export"])).expect("JSON");
        export["orders"]
            .as_array()
            .expect("orders")
            .iter()
            .map(|o| o["customer"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    fn month(&self, month: &str) -> Value {
        let (y, m) = month.split_once('-').expect("yyyy-mm");
        let from = format!("{y}-{m}-01");
        let out = self.ok(&[
            "kpi", "show", "--period", "month", "--from", &from, "--to", &from, "--json",
        ]);
        let months: Value = serde_json::from_str(&out).expect("JSON");
        months[0].clone()
    }
}

#[test]
fn cancelled_and_refunded_orders_are_no_revenue_partial_refunds_are_netted_and_a_pos_sale_is_no_customer()
 {
    let s = Sandbox::new();
    // #1002 voided, #1003 refunded in full, #1007 cancelled (`Cancelled
    // at`): left out. #1004 partly refunded: 200 − 30. #1005 a POS sale
    // without an email: an order of no customer. #1006 pending: counted.
    let csv = s.file(
        "orders_export.csv",
        "Name,Email,Financial Status,Created at,Total,Refunded Amount,Cancelled at\n\
         #1001,an@example.com,paid,2026-10-01 10:00:00 +0700,100.00,0.00,\n\
         #1002,binh@example.com,voided,2026-10-02 10:00:00 +0700,50.00,0.00,\n\
         #1003,chi@example.com,refunded,2026-10-03 10:00:00 +0700,80.00,80.00,\n\
         #1004,dung@example.com,partially_refunded,2026-10-04 10:00:00 +0700,200.00,30.00,\n\
         #1005,,paid,2026-10-05 10:00:00 +0700,40.00,0.00,\n\
         #1006,em@example.com,pending,2026-10-06 10:00:00 +0700,60.00,0.00,\n\
         #1007,gia@example.com,paid,2026-10-07 10:00:00 +0700,70.00,0.00,2026-10-08 09:00:00 +0700\n",
    );
    let out = s.ok(&["orders", "import", &csv]);
    assert!(out.contains(": 4 orders (7 rows); "), "{out}");
    assert!(
        out.contains(
            "\nskipped 2 cancelled or voided; 1 refunded (skipped: no revenue); 1 partly refunded: 30 ₫ netted; 1 without a customer (counted as orders and revenue, not as customers)\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("Imported: 4 new, 0 updated, 0 unchanged."),
        "{out}"
    );
    assert_eq!(
        s.months("2026-10-01", "2026-10-31"),
        [("2026-10".to_string(), "370".to_string(), 4, 3)]
    );
    assert!(s.ok(&["check"]).contains("4 orders from 3 customers"));
    let again = s.ok(&["orders", "import", &csv]);
    assert!(again.contains("0 new, 0 updated, 4 unchanged"), "{again}");

    // The next export shows #1006 cancelled: the stored copy goes, and
    // undo puts it back.
    let later = s.file(
        "later.csv",
        "Name,Email,Financial Status,Created at,Total\n\
         #1006,em@example.com,voided,2026-10-06 10:00:00 +0700,60.00\n",
    );
    let out = s.ok(&["orders", "import", &later]);
    assert!(
        out.contains("Removed 1 stored orders that this file shows cancelled or refunded."),
        "{out}"
    );
    assert_eq!(s.month("2026-10")["revenue"], 310);
    s.ok(&["undo"]);
    assert_eq!(s.month("2026-10")["revenue"], 370);
}

#[test]
fn walk_in_sales_are_orders_and_revenue_but_never_one_loyal_customer() {
    let s = Sandbox::new();
    // Five walk-in sales (`Khách lẻ`, or no customer at all) and one
    // known customer; the loyalty threshold is 3 orders.
    let csv = s.file(
        "hoa_don.csv",
        "Mã hóa đơn,Thời gian,Mã khách hàng,Khách hàng,Khách cần trả,Trạng thái\n\
         HD000001,01/10/2026 09:15,,Khách lẻ,\"120,000\",Hoàn thành\n\
         HD000002,02/10/2026 10:20,,Khách lẻ,\"80,000\",Hoàn thành\n\
         HD000003,03/10/2026 11:30,KH000001,Nguyễn Văn An,\"200,000\",Hoàn thành\n\
         HD000004,04/10/2026 12:40,,Khách lẻ,\"50,000\",Đã hủy\n\
         HD000005,05/10/2026 13:50,,,\"30,000\",Hoàn thành\n\
         HD000006,06/10/2026 14:00,,khách lẻ,\"10,000\",Hoàn thành\n",
    );
    let out = s.ok(&["--locale", "vi", "orders", "import", &csv]);
    assert!(out.contains(": 5 đơn hàng (6 dòng); "), "{out}");
    assert!(
        out.contains("bỏ qua 1 đơn đã hủy; 4 đơn không có khách hàng"),
        "{out}"
    );
    let oct = s.month("2026-10");
    assert_eq!(oct["revenue"], 440_000);
    assert_eq!(oct["new_customers"], 1);
    assert_eq!(oct["customers_end"], 1);
    assert_eq!(oct["loyal_customers"], 0);
    // A walk-in sale survives an export and an import into a new file.
    let t = Sandbox::new();
    t.ok(&["import", &t.file("backup.json", &s.ok(&["export"]))]);
    assert_eq!(t.month("2026-10")["revenue"], 440_000);
    assert!(t.ok(&["check"]).contains("5 orders from 1 customers"));
}

#[test]
fn the_customer_is_the_best_key_a_row_has_and_a_name_only_is_said() {
    let s = Sandbox::new();
    let csv = s.file(
        "don_hang.csv",
        "Mã đơn hàng,Ngày đặt hàng,Khách hàng,Số điện thoại,Email,Mã khách hàng,Tổng tiền\n\
         DH1,01/10/2026,An,0901000001,AN@example.com,KH01,100\n\
         DH2,02/10/2026,An,0901000001,an@example.com,,100\n\
         DH3,03/10/2026,Bình,0901000002,,,100\n\
         DH4,04/10/2026,Chi,,,,100\n\
         DH5,05/10/2026,Khách lẻ,,,,100\n",
    );
    let out = s.ok(&["orders", "import", &csv]);
    assert!(
        out.contains("customer ← Mã khách hàng, then Email, then Số điện thoại, then Khách hàng"),
        "{out}"
    );
    assert!(
        out.contains("1 without a customer (counted as orders and revenue, not as customers); 1 with a customer known by name only"),
        "{out}"
    );
    assert_eq!(
        s.customers(),
        ["KH01", "an@example.com", "0901000002", "Chi", ""]
    );
}

#[test]
fn a_vietnamese_import_summary_has_no_english_in_it() {
    let s = Sandbox::new();
    let csv = s.file(
        "hoa_don.csv",
        "Mã hóa đơn,Thời gian,Mã khách hàng,Điện thoại,Khách cần trả\n\
         HD000001,13/10/2026 09:15,KH000001,0901000001,120000\n\
         HD000002,14/10/2026 10:20,,0901000002,80000\n",
    );
    let out = s.ok(&["--locale", "vi", "orders", "import", &csv]);
    assert!(
        out.contains("khách hàng ← Mã khách hàng, nếu trống thì Điện thoại"),
        "{out}"
    );
    assert!(out.contains("ngày dạng dd/mm/yyyy (bỏ qua giờ)"), "{out}");
    for english in ["then", "time ignored", "order ←", "date ←", "amount ←"] {
        assert!(!out.contains(english), "{english:?} in {out}");
    }
    let csv = s.file(
        "don.csv",
        "Mã đơn,Ngày,Khách hàng,Tổng tiền\nDH1,01/05/2026,An,100\nDH2,02/05/2026,Bình,100\n",
    );
    let out = s.ok(&["--locale", "vi", "orders", "import", &csv]);
    assert!(
        out.contains("ngày dạng dd/mm/yyyy (ngày trước tháng: không phần nào lớn hơn 12 cho biết, nên giả định vậy)"),
        "{out}"
    );
    assert!(!out.contains("assumed"), "{out}");
}

#[test]
fn refund_rows_under_an_order_number_are_netted_into_it() {
    let s = Sandbox::new();
    // A report newest first: A2's refund row comes before A2. A1 is
    // refunded 30 of 100; A2 all of its 50; A0's order is not in the file.
    let csv = s.file(
        "orders.csv",
        "Order ID,Customer,Date,Amount\n\
         A2,binh,2026-10-16,-50\n\
         A1,an,2026-10-15,-30\n\
         A0,chi,2026-10-14,-10\n\
         A2,binh,2026-10-02,50\n\
         A1,an,2026-10-01,100\n",
    );
    let out = s.ok(&["orders", "import", &csv]);
    assert!(
        out.contains("1 refunded (skipped: no revenue); 1 refund rows of orders not in this file (not netted); 1 partly refunded: 30 ₫ netted"),
        "{out}"
    );
    assert_eq!(
        s.months("2026-10-01", "2026-10-31"),
        [("2026-10".to_string(), "70".to_string(), 1, 1)]
    );
}

/// `(month, revenue, orders, new customers)` of November and December
/// 2026, read on a day after both.
fn nov_dec(s: &Sandbox) -> Vec<(String, String, usize, i64)> {
    let out = s
        .cmd()
        .env("FUNNEL_TODAY", "2027-01-15")
        .args([
            "kpi",
            "show",
            "--period",
            "month",
            "--from",
            "2026-11-01",
            "--to",
            "2026-12-31",
            "--json",
        ])
        .assert()
        .success();
    let months: Value = serde_json::from_slice(&out.get_output().stdout).expect("JSON");
    let export: Value = serde_json::from_str(&s.ok(&["export"])).expect("JSON");
    let days: Vec<String> = export["orders"]
        .as_array()
        .expect("orders")
        .iter()
        .map(|o| o["day"].as_str().unwrap_or_default().to_string())
        .collect();
    months
        .as_array()
        .expect("months")
        .iter()
        .map(|m| {
            let period = m["period"].as_str().unwrap_or_default().to_string();
            let orders = days.iter().filter(|d| d.starts_with(&period)).count();
            let revenue = m["revenue"].to_string();
            (
                period,
                revenue,
                orders,
                m["new_customers"].as_i64().unwrap_or(-1),
            )
        })
        .collect()
}

#[test]
fn each_shop_export_imports_with_no_flags_to_the_hand_computed_figures() {
    // tests/fixtures/imports/README.md: where each layout comes from, and
    // how each figure below is worked out.
    let month = |m: &str, revenue: &str, orders: usize, new: i64| {
        (m.to_string(), revenue.to_string(), orders, new)
    };
    let cases = [
        (
            "shopify_orders_export.csv",
            "shopify",
            "5 orders (12 rows)",
            "skipped 2 cancelled or voided; 1 refunded (skipped: no revenue); 1 partly refunded: 150,000 ₫ netted; 1 without a customer",
            [
                month("2026-11", "1500000", 3, 2),
                month("2026-12", "370000", 2, 1),
            ],
        ),
        (
            "woocommerce_orders_report.csv",
            "woocommerce",
            "4 orders (8 rows)",
            "skipped 1 cancelled or voided; 1 refunded (skipped: no revenue); 1 partly refunded: 100,000 ₫ netted",
            [
                month("2026-11", "1250000", 3, 2),
                month("2026-12", "220000", 1, 1),
            ],
        ),
        (
            "haravan_don_hang.csv",
            "haravan",
            "4 orders (7 rows)",
            "skipped 1 cancelled or voided; 1 refunded (skipped: no revenue); 1 partly refunded: 200,000 ₫ netted",
            [
                month("2026-11", "1900000", 2, 2),
                month("2026-12", "450000", 2, 1),
            ],
        ),
        (
            "sapo_don_hang.csv",
            "sapo",
            "4 orders (7 rows)",
            "skipped 1 cancelled or voided; 1 without a customer",
            [
                month("2026-11", "670000", 2, 2),
                month("2026-12", "755000", 2, 0),
            ],
        ),
        (
            "kiotviet_hoa_don.csv",
            "kiotviet",
            "6 orders (7 rows)",
            "skipped 1 cancelled or voided; 3 without a customer",
            [
                month("2026-11", "750000", 4, 2),
                month("2026-12", "345000", 2, 0),
            ],
        ),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/imports");
    for (file, profile, read, said, months) in cases {
        let s = Sandbox::new();
        let path = dir.join(file).display().to_string();
        // A dry run says how the file is read and what would land.
        let dry = s.ok(&["orders", "import", &path, "--dry-run"]);
        assert!(
            dry.contains(&format!("Read as: {profile} (detected;")),
            "{file}: {dry}"
        );
        assert!(dry.contains(&format!("\n{said}")), "{file}: {dry}");
        for (month, revenue, orders, new) in &months {
            let revenue: i64 = revenue.parse().expect("revenue");
            let revenue = revenue
                .to_string()
                .as_bytes()
                .rchunks(3)
                .rev()
                .map(|c| std::str::from_utf8(c).expect("digits"))
                .collect::<Vec<_>>()
                .join(",");
            let land = format!(
                "Would land in {month}: orders {orders}, revenue {revenue} ₫, new_customers {new}"
            );
            assert!(dry.contains(&land), "{file}: {land} in {dry}");
        }
        assert!(
            s.ok(&["export"]).contains("\"orders\": []"),
            "{file}: a dry run writes nothing"
        );
        let out = s.ok(&["orders", "import", &path]);
        assert!(
            out.contains(&format!("Read as: {profile} (detected;")),
            "{out}"
        );
        assert!(out.contains(&format!("{file}: {read}; ")), "{out}");
        assert!(out.contains(&format!("\n{said}")), "{file}: {out}");
        assert_eq!(nov_dec(&s), months, "{file}");
        // Stored now: no customer of the file would be new.
        let dry = s.ok(&["orders", "import", &path, "--dry-run"]);
        assert!(
            dry.contains("new_customers 0") && !dry.contains("new_customers 1"),
            "{file}: {dry}"
        );
        let again = s.ok(&["orders", "import", &path]);
        assert!(
            again.contains("Imported: 0 new, 0 updated"),
            "{file}: {again}"
        );
        assert!(s.ok(&["check"]).contains(": ok"), "{file}");
    }
}

#[test]
fn spreadsheets_are_read_directly_under_the_same_rules() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/imports");
    // The same orders as the CSV fixtures: KiotViet's with date-time cells,
    // Sapo's with the order cells merged over the product lines.
    let month = |m: &str, revenue: &str, orders: usize, new: i64| {
        (m.to_string(), revenue.to_string(), orders, new)
    };
    for (file, read, months) in [
        (
            "kiotviet_hoa_don.xlsx",
            "6 orders (7 rows)",
            [
                month("2026-11", "750000", 4, 2),
                month("2026-12", "345000", 2, 0),
            ],
        ),
        (
            "sapo_don_hang.xlsx",
            "4 orders (7 rows)",
            [
                month("2026-11", "670000", 2, 2),
                month("2026-12", "755000", 2, 0),
            ],
        ),
    ] {
        let s = Sandbox::new();
        let path = dir.join(file).display().to_string();
        let out = s.ok(&["orders", "import", &path]);
        assert!(out.contains(&format!("{file}: {read}; ")), "{out}");
        assert_eq!(nov_dec(&s), months, "{file}");
        let again = s.ok(&["orders", "import", &path]);
        assert!(again.contains("Imported: 0 new, 0 updated"), "{again}");
    }
    // A bad cell is named as Excel numbers it (the table starts at B3),
    // and nothing is written.
    let s = Sandbox::new();
    let path = dir.join("kiotviet_bad_amount.xlsx").display().to_string();
    let out = s.cmd().args(["orders", "import", &path]).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("kiotviet_bad_amount.xlsx:5:5 (Khách cần trả): '80k' is not an amount"),
        "{err}"
    );
    assert!(!s.db.exists() || s.ok(&["check"]).contains("0 orders"));
    // Not a workbook at all, though it starts like one.
    let broken = s.dir.path().join("broken.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not really").expect("write");
    let out = s
        .cmd()
        .args(["orders", "import", &broken.display().to_string()])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("not a spreadsheet funnel can read"), "{err}");
}

impl Sandbox {
    fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().code(1);
        String::from_utf8(out.get_output().stderr.clone()).expect("utf-8")
    }
}

/// Money in another currency than the database's (VND here) is never
/// taken as dong: a `Currency` column, a `$` mark or a `(USD)` header is
/// refused naming both currencies until `--rate` says what one is worth.
#[test]
fn orders_in_another_currency_are_refused_until_a_rate_converts_them() {
    let s = Sandbox::new();
    let shopify = s.file(
        "usd.csv",
        "Name,Email,Currency,Total,Created at\n\
         #1001,an@example.com,USD,12.50,2026-11-03 09:12:45 +0700\n\
         #1002,binh@example.com,USD,20.00,2026-11-04 10:00:00 +0700\n",
    );
    let marked = s.file(
        "marked.csv",
        "Order ID,Email,Date,Amount\nA1,an@example.com,2026-11-03,$12.50\n",
    );
    let headed = s.file(
        "headed.csv",
        "Order ID,Email,Date,Total (USD)\nA1,an@example.com,2026-11-03,12.50\n",
    );
    s.ok(&["kpi", "record", "2026-11-01", "visits=1"]);
    let before = s.ok(&["export"]);
    for (file, line) in [(&shopify, ":2:"), (&marked, ":2:"), (&headed, ":2:")] {
        let err = s.fails(&["orders", "import", file]);
        assert!(
            err.contains(line)
                && err.contains("is in USD, but the database keeps money in VND")
                && err.contains("--rate USD=RATE")
                && err.contains("nothing was written"),
            "{err}"
        );
    }
    assert_eq!(s.ok(&["export"]), before, "nothing was written");
    let out = s.ok(&["orders", "import", &shopify, "--rate", "USD=25400"]);
    assert!(
        out.contains("2 orders converted from USD at 25400 VND per USD"),
        "{out}"
    );
    // 12.50 × 25,400 + 20 × 25,400
    assert_eq!(
        s.months("2026-11-01", "2026-11-30"),
        [("2026-11".into(), "825500".into(), 2, 2)]
    );
    // One order said in two currencies cannot be read.
    let both = s.file(
        "both.csv",
        "Order ID,Email,Date,Currency,Amount\nA9,an@example.com,2026-11-03,VND,$12.50\n",
    );
    let err = s.fails(&["orders", "import", &both, "--rate", "USD=25400"]);
    assert!(err.contains("both in VND and in USD"), "{err}");
}

/// `--from` reads a file as one shop's export: its own columns, refused
/// where the file has not got them.
#[test]
fn from_profile_reads_a_file_as_one_shop_s_export() {
    let s = Sandbox::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/imports");
    let shopify = dir.join("shopify_orders_export.csv").display().to_string();
    s.ok(&["kpi", "record", "2026-11-01", "visits=1"]);
    let before = s.ok(&["export"]);
    let err = s.fails(&["orders", "import", &shopify, "--from", "kiotviet"]);
    assert!(
        err.contains("shopify_orders_export.csv:1")
            && err.contains("read as a kiotviet export, but there is no 'Mã hóa đơn' column")
            && err.contains("nothing was written"),
        "{err}"
    );
    let err = s.fails(&["orders", "import", &shopify, "--from", "etsy"]);
    assert!(
        err.contains("--from 'etsy': not a shop's order export (one of: shopify, woocommerce, haravan, sapo, kiotviet, generic)"),
        "{err}"
    );
    assert_eq!(s.ok(&["export"]), before, "nothing was written");
    let out = s.ok(&["orders", "import", &shopify, "--from", "shopify"]);
    assert!(out.contains("Read as: shopify (--from)"), "{out}");
    // A plain list is read as no shop's.
    let plain = s.file("plain.csv", "Customer,Date,Amount\nAn,2026-11-03,100000\n");
    let out = s.ok(&["orders", "import", &plain]);
    assert!(out.contains("Read as: generic (detected;"), "{out}");
}

#[test]
fn an_import_is_undone_by_the_ids_it_gave_and_check_names_an_order_outside_them() {
    let s = Sandbox::new();
    let first = s.file(
        "first.csv",
        "Order ID,Customer,Date,Amount\nA1,an,2026-10-05,100\n",
    );
    s.ok(&["orders", "import", &first]);
    let second = s.file(
        "second.csv",
        "Order ID,Customer,Date,Amount\nB1,binh,2026-10-06,200\nB2,chi,2026-10-07,300\n",
    );
    s.ok(&["orders", "import", &second]);
    // Undo parks exactly the second import's two orders, redo brings
    // them back.
    s.ok(&["undo"]);
    assert_eq!(s.months("2026-10-01", "2026-10-31")[0].2, 1);
    s.ok(&["redo"]);
    assert_eq!(s.months("2026-10-01", "2026-10-31")[0].2, 3);
    assert!(s.ok(&["check"]).contains(": ok"));

    // A batch whose recorded ids leave out one of its orders would undo
    // only part of it: check names it.
    let conn = rusqlite::Connection::open(&s.db).expect("open");
    conn.execute(
        "UPDATE import_batches SET last_order = first_order WHERE file LIKE '%second.csv'",
        [],
    )
    .expect("plant");
    drop(conn);
    let out = s.cmd().args(["check"]).assert().code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains("orders: 1 orders of batch 2 outside the ids it records"),
        "{text}"
    );
}
