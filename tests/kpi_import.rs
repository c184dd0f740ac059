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

/// A fixture of `tests/fixtures/kpi` (see its README for the sources).
fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/kpi/{name}", env!("CARGO_MANIFEST_DIR"))
}

impl Sandbox {
    /// `kpi show --json` for September and October 2026, for one scope.
    fn autumn(&self, scope: &[&str]) -> [Value; 2] {
        let mut args = vec![
            "kpi",
            "show",
            "--from",
            "2026-09-01",
            "--to",
            "2026-10-31",
            "--json",
        ];
        args.extend_from_slice(scope);
        let all: Value = serde_json::from_str(&self.ok(&args)).expect("valid JSON");
        [all[0].clone(), all[1].clone()]
    }

    /// The sum of the stored values of `metric`, per month `(Sep, Oct)`.
    fn stored_by_month(&self, metric: &str) -> (f64, f64) {
        let mut sums = (0.0, 0.0);
        for (day, value) in self.stored(metric) {
            let v: f64 = value.trim_matches('"').parse().expect("a number");
            if day.contains("2026-09") {
                sums.0 += v;
            } else {
                sums.1 += v;
            }
        }
        sums
    }
}

#[test]
fn ga4_report_with_a_channel_column_imports_with_no_flags() {
    let s = Sandbox::new();
    let out = s.ok(&["kpi", "import", &fixture("ga4_traffic_acquisition.csv")]);
    assert!(
        out.contains("Sessions → visits, Key events → conversions, Total revenue → revenue"),
        "{out}"
    );
    assert!(
        out.contains("Skipped totals rows at the end: 1 (lines 20)."),
        "{out}"
    );
    assert!(
        out.contains("Created channels: Organic Search, Paid Social"),
        "{out}"
    );
    let [sep, oct] = s.autumn(&["--channel", "Organic Search"]);
    // 412 + 388; 4 + 3; 1,850,000 + 1,240,000
    assert_eq!(
        (&sep["visits"], &sep["conversions"], &sep["revenue"]),
        (&800.into(), &7.into(), &3_090_000.into())
    );
    // 1,046 + 965; 9 + 7; 4,120,000 + 2,990,000
    assert_eq!(
        (&oct["visits"], &oct["conversions"], &oct["revenue"]),
        (&2011.into(), &16.into(), &7_110_000.into())
    );
    let [sep, oct] = s.autumn(&["--channel", "paid social"]);
    assert_eq!(
        (&sep["visits"], &sep["conversions"]),
        (&423.into(), &5.into())
    );
    assert_eq!(
        (&oct["visits"], &oct["conversions"]),
        (&588.into(), &6.into())
    );
    let again = s.ok(&["kpi", "import", &fixture("ga4_traffic_acquisition.csv")]);
    assert!(again.contains("0 new, 0 replaced, 24 unchanged"), "{again}");
    assert!(!again.contains("Created"), "{again}");
}

#[test]
fn a_channel_that_does_not_exist_is_refused_with_no_create() {
    let s = Sandbox::new();
    s.ok(&["channel", "add", "Organic Search", "--kind", "seo"]);
    let before = s.export();
    let err = s.fails(&[
        "kpi",
        "import",
        &fixture("ga4_traffic_acquisition.csv"),
        "--no-create",
    ]);
    assert!(
        err.contains(":13:2 (Session primary channel group (Default Channel Group)): channel 'Paid Social' not found; without --no-create the import creates it"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(s.export(), before);
}

#[test]
fn universal_analytics_daily_block_and_not_its_summary() {
    let s = Sandbox::new();
    let out = s.ok(&["kpi", "import", &fixture("ua_audience_overview.csv")]);
    assert!(
        out.contains("Day Index") || out.contains("Sessions → visits"),
        "{out}"
    );
    assert!(
        out.contains("Skipped totals rows at the end: 1 (lines 13)."),
        "{out}"
    );
    assert!(
        out.contains("Not read: the table that starts on line 15"),
        "{out}"
    );
    let [sep, oct] = s.autumn(&[]);
    // 1,210 + 980; 1,105 + 1,050 + 870
    assert_eq!(
        (&sep["visits"], &oct["visits"]),
        (&2190.into(), &3025.into())
    );
}

#[test]
fn google_ads_excel_csv_in_utf16_with_totals_and_fractional_conversions() {
    let s = Sandbox::new();
    let out = s.ok(&["kpi", "import", &fixture("google_ads_campaigns.csv")]);
    assert!(
        out.contains("Cost → spend") && out.contains("Conversions → conversions"),
        "{out}"
    );
    assert!(
        out.contains("Skipped totals rows at the end: 3 (lines 8, 9, 10)."),
        "{out}"
    );
    assert!(
        out.contains("Created campaigns: Trà ô long - Search (2026-09-29 – 2026-10-02)"),
        "{out}"
    );
    let [sep, oct] = s.autumn(&["--campaign", "Trà ô long - Search"]);
    // 1,250,000 + 1,180,000; 3.50 + `--`
    assert_eq!(
        (&sep["spend"], &sep["conversions"]),
        (&2_430_000.into(), &3.5.into())
    );
    // 1,320,500 + 1,209,500; 4.25 + 2.00
    assert_eq!(
        (&oct["spend"], &oct["conversions"]),
        (&2_530_000.into(), &6.25.into())
    );
    let campaigns = &s.export()["campaigns"];
    assert_eq!(campaigns[0]["start"], "2026-09-29");
    assert_eq!(campaigns[0]["end"], "2026-10-02");
    assert_eq!(campaigns[0]["status"], "done");
    let shown = s.ok(&[
        "kpi",
        "show",
        "--from",
        "2026-09-01",
        "--to",
        "2026-10-31",
        "--campaign",
        "trà ô long - search",
    ]);
    let row = shown
        .lines()
        .find(|l| l.trim_start().starts_with("conversions"))
        .expect("a conversions row");
    assert!(row.contains("3.5") && row.contains("6.25"), "{row}");
}

#[test]
fn meta_ads_summary_row_is_no_day() {
    let s = Sandbox::new();
    let out = s.ok(&["kpi", "import", &fixture("meta_ads_campaigns.csv")]);
    assert!(
        out.contains("Amount spent (VND) → spend") && out.contains("Purchases → conversions"),
        "{out}"
    );
    assert!(
        out.contains("Skipped the summary row on line 2 (2026-09-29 to 2026-10-02)"),
        "{out}"
    );
    assert!(out.contains("Created campaigns: Trung Thu 2026"), "{out}");
    let [sep, oct] = s.autumn(&["--campaign", "Trung Thu 2026"]);
    // 1,250,000 + 1,180,000; 5 + 4
    assert_eq!(
        (&sep["spend"], &sep["conversions"]),
        (&2_430_000.into(), &9.into())
    );
    // 1,320,000 + 1,210,000; 6 + 4
    assert_eq!(
        (&oct["spend"], &oct["conversions"]),
        (&2_530_000.into(), &10.into())
    );
}

#[test]
fn search_console_dates_into_clicks_and_impressions() {
    let s = Sandbox::new();
    let out = s.ok(&["kpi", "import", &fixture("search_console_Dates.csv")]);
    assert!(
        out.contains("Clicks → clicks, Impressions → impressions"),
        "{out}"
    );
    assert!(out.contains("Ignored columns: CTR, Position"), "{out}");
    // 28 + 31, 35 + 25; 990 + 1,030, 1,100 + 1,200
    assert_eq!(s.stored_by_month("clicks"), (59.0, 60.0));
    assert_eq!(s.stored_by_month("impressions"), (2020.0, 2300.0));
}

#[test]
fn ad_exports_land_clicks_and_impressions_with_their_ratios() {
    let s = Sandbox::new();
    let out = s.ok(&["kpi", "import", &fixture("meta_ads_campaigns.csv")]);
    assert!(
        out.contains("Impressions → impressions, Link clicks → clicks"),
        "{out}"
    );
    let [sep, oct] = s.autumn(&["--campaign", "Trung Thu 2026"]);
    // 48,000 + 45,200; 560 + 530; 2,430,000 spent
    assert_eq!(
        (&sep["impressions"], &sep["clicks"]),
        (&93_200.into(), &1090.into())
    );
    assert_eq!(sep["click_through_rate"], 0.011695); // 1,090 / 93,200
    assert_eq!(sep["cost_per_click"], 2229.3578); // 2,430,000 / 1,090
    // 49,700 + 44,500; 590 + 530; 2,530,000 spent
    assert_eq!(oct["click_through_rate"], 0.011890); // 1,120 / 94,200
    assert_eq!(oct["cost_per_click"], 2258.9286); // 2,530,000 / 1,120
    // Summed up to the whole business as spend is.
    let [sep, _] = s.autumn(&[]);
    assert_eq!(sep["clicks"], 1090);
    s.ok(&["kpi", "import", &fixture("google_ads_campaigns.csv")]);
    let [sep, _] = s.autumn(&["--campaign", "Trà ô long - Search"]);
    // 310 + 295; 5,400 + 5,120
    assert_eq!(
        (&sep["clicks"], &sep["impressions"]),
        (&605.into(), &10_520.into())
    );
    // No clicks, no cost per click: null, never 0 or infinity.
    s.ok(&[
        "campaign",
        "add",
        "Quiet",
        "--start",
        "2026-09-01",
        "--end",
        "2026-10-31",
    ]);
    s.ok(&[
        "kpi",
        "record",
        "2026-09-03",
        "spend=100000",
        "impressions=0",
        "--campaign",
        "Quiet",
    ]);
    let [sep, _] = s.autumn(&["--campaign", "Quiet"]);
    assert_eq!(sep["click_through_rate"], Value::Null);
    assert_eq!(sep["cost_per_click"], Value::Null);
    let shown = s.ok(&[
        "kpi",
        "show",
        "--from",
        "2026-09-01",
        "--to",
        "2026-09-30",
        "--campaign",
        "Quiet",
    ]);
    let row = shown
        .lines()
        .find(|l| l.trim_start().starts_with("cost_per_click"))
        .expect("a cost_per_click row");
    assert!(row.contains('—'), "{row}");
}

#[test]
fn mailchimp_campaign_report_creates_its_campaigns() {
    let s = Sandbox::new();
    s.ok(&[
        "metric", "add", "opens", "--kind", "counter", "--unit", "count",
    ]);
    let out = s.ok(&["kpi", "import", &fixture("mailchimp_campaigns.csv")]);
    assert!(
        out.contains("Unique Opens → opens")
            && out.contains("Unique Clicks → clicks")
            && out.contains("Total Revenue → revenue"),
        "{out}"
    );
    assert!(
        out.contains("Created campaigns: Trà mới tháng 9 (2026-09-02 – 2026-09-02), Trung Thu 2026 (2026-10-01 – 2026-10-01)"),
        "{out}"
    );
    let [sep, _] = s.autumn(&["--campaign", "Trà mới tháng 9"]);
    assert_eq!(sep["revenue"], 2_870_000);
    let [_, oct] = s.autumn(&["--campaign", "Trung Thu 2026"]);
    assert_eq!(oct["revenue"], 2_310_000);
    assert_eq!(s.stored_by_month("clicks"), (141.0, 118.0));
    assert_eq!(s.stored_by_month("opens"), (702.0, 655.0));
}

#[test]
fn channel_and_campaign_values_add_up_to_the_whole_business_never_twice() {
    let s = Sandbox::new();
    s.ok(&["kpi", "import", &fixture("ga4_traffic_acquisition.csv")]);
    s.ok(&["kpi", "import", &fixture("meta_ads_campaigns.csv")]);
    s.ok(&["kpi", "import", &fixture("google_ads_campaigns.csv")]);
    let [sep, oct] = s.autumn(&[]);
    // Visits, conversions and revenue per channel (GA4); no spend per
    // channel, so spend per campaign (Meta + Google Ads). Conversions per
    // campaign are the same purchases seen from the ads: not added.
    assert_eq!(sep["visits"], 1223);
    assert_eq!(sep["conversions"], 12);
    assert_eq!(sep["revenue"], 4_955_000);
    assert_eq!(sep["spend"], 4_860_000);
    assert_eq!(sep["cost_per_conversion"], 405_000);
    assert_eq!(oct["visits"], 2599);
    assert_eq!(oct["conversions"], 22);
    assert_eq!(oct["spend"], 5_060_000);
    assert_eq!(oct["cost_per_conversion"], 230_000);
    // 9,380,000 / 5,060,000
    assert_eq!(oct["return_on_ad_spend"], 1.853755);

    // A value for the whole business wins on its day; on a day with spend
    // per channel, the campaigns' spend is not added to it.
    s.ok(&["kpi", "record", "2026-10-01", "spend=1000000"]);
    s.ok(&[
        "kpi",
        "record",
        "2026-10-02",
        "spend=500000",
        "--channel",
        "paid social",
    ]);
    let [_, oct] = s.autumn(&[]);
    assert_eq!(oct["spend"], 1_500_000);
    let shown = s.ok(&["kpi", "show", "--from", "2026-09-01", "--to", "2026-10-31"]);
    assert!(
        shown.contains("Whole business spend: as recorded; summed over channels on days without a total; summed over campaigns on days without a total or channel values."),
        "{shown}"
    );
    assert!(
        shown.contains("Whole business visits: summed over channels on days without a total."),
        "{shown}"
    );
}

#[test]
fn dry_run_says_how_the_file_is_read_and_what_would_land() {
    let s = Sandbox::new();
    s.ok(&["kpi", "record", "2026-09-01", "visits=1"]);
    let before = s.export();
    let out = s.ok(&[
        "kpi",
        "import",
        &fixture("meta_ads_campaigns.csv"),
        "--dry-run",
    ]);
    assert!(out.contains("Read as: meta-ads (detected"), "{out}");
    assert!(
        out.contains("Amount spent (VND) → spend, Impressions → impressions, Link clicks → clicks, Purchases → conversions"),
        "{out}"
    );
    assert!(out.contains("Skipped the summary row on line 2"), "{out}");
    assert!(
        out.contains("Would create campaigns: Trung Thu 2026"),
        "{out}"
    );
    assert!(
        out.contains("Would land in 2026-09: clicks 1,090, conversions 9, impressions 93,200, spend 2,430,000 ₫"),
        "{out}"
    );
    assert!(
        out.contains("Would land in 2026-10: clicks 1,120, conversions 10, impressions 94,200, spend 2,530,000 ₫"),
        "{out}"
    );
    assert!(out.contains("Would record: 16 new"), "{out}");
    assert_eq!(s.export(), before, "a dry run writes nothing");
}

#[test]
fn from_profile_overrides_detection() {
    let s = Sandbox::new();
    let csv = s.file("days.csv", "Day Index,Sessions\n3/1/26,10\n3/2/26,20\n");
    // Universal Analytics writes US dates: 1 and 2 March.
    let out = s.ok(&["kpi", "import", &csv, "--dry-run"]);
    assert!(out.contains("Read as: ua (detected"), "{out}");
    assert!(out.contains("Would land in 2026-03: visits 30"), "{out}");
    // Read as a plain table, they are day first: 3 January and 3 February.
    let out = s.ok(&["kpi", "import", &csv, "--from", "generic"]);
    assert!(out.contains("Read as: generic (--from)"), "{out}");
    let days: Vec<String> = s.stored("visits").into_iter().map(|(d, _)| d).collect();
    assert_eq!(days, ["\"2026-01-03\"", "\"2026-02-03\""]);
    let err = s.fails(&[
        "kpi",
        "import",
        &fixture("ga4_traffic_acquisition.csv"),
        "--from",
        "ua",
    ]);
    assert!(
        err.contains("--from ua: this file has no 'Day Index' column, so it is not that export"),
        "{err}"
    );
    let err = s.fails(&["kpi", "import", &csv, "--from", "shopify"]);
    assert!(
        err.contains("'shopify': not a KPI export profile (one of: ga4, ua, google-ads, meta-ads, search-console, mailchimp, generic)"),
        "{err}"
    );
}

#[test]
fn a_percent_cell_is_a_percent_only_for_a_percent_metric() {
    let s = Sandbox::new();
    s.ok(&[
        "metric", "add", "ctr", "--kind", "gauge", "--unit", "percent",
    ]);
    let csv = s.file("ctr.csv", "Date,CTR,Sessions\n2026-10-01,3.01%,120\n");
    s.ok(&["kpi", "import", &csv]);
    assert_eq!(s.stored("ctr"), [("\"2026-10-01\"".into(), "3.01".into())]);
    let bad = s.file("bad.csv", "Date,Sessions\n2026-10-01,12%\n");
    let err = s.fails(&["kpi", "import", &bad]);
    assert!(
        err.contains("bad.csv:2:2 (Sessions): '12%' is a percentage, but visits is not"),
        "{err}"
    );
}

#[test]
fn a_rate_is_a_code_and_a_positive_number() {
    let s = Sandbox::new();
    let csv = s.file("usd.csv", "Date,Amount spent (USD)\n2026-10-01,12.50\n");
    for bad in [
        "USD",
        "USD=0",
        "USD=-3",
        "USD=abc",
        "dollars=25400",
        "VND=1",
    ] {
        let err = s.fails(&["kpi", "import", &csv, "--rate", bad]);
        assert!(
            err.contains(&format!(
                "--rate '{bad}' is not CODE=RATE, as USD=25400 (VND for 1 USD)"
            )),
            "{bad}: {err}"
        );
    }
    let err = s.fails(&["kpi", "import", &csv, "--rate", "EUR=27000"]);
    assert!(err.contains("convert it with --rate USD=RATE"), "{err}");
}

#[test]
fn order_amounts_grouped_by_a_dot_are_thousands_in_a_vnd_database() {
    let s = Sandbox::new();
    let csv = s.file(
        "orders.csv",
        "Order ID,Customer,Date,Total\n1,an@example.vn,2026-10-01,850.000\n2,binh@example.vn,2026-10-02,120.000\n",
    );
    s.ok(&["orders", "import", &csv]);
    let oct = s.month("2026-10-01", "2026-10-31");
    assert_eq!(oct["revenue"], 970_000);
}

/// An export made before clicks and impressions were built in carries a
/// user's own `clicks` among its metrics: it still loads, its values into
/// the built-in one.
#[test]
fn an_export_with_its_own_clicks_from_before_loads_into_the_built_in() {
    let old = Sandbox::new();
    old.ok(&["kpi", "record", "2026-11-20", "clicks=120"]);
    let mut doc = old.export();
    doc["metrics"] = serde_json::json!([{
        "name": "clicks",
        "kind": "counter",
        "unit": "count",
        "builtin": false,
        "description": "ad clicks"
    }]);
    let file = old.file("before.json", &doc.to_string());
    let s = Sandbox::new();
    s.ok(&["import", &file]);
    assert_eq!(
        s.stored("clicks"),
        [("\"2026-11-20\"".into(), "120".into())]
    );
    // A metric of that name that reads otherwise is still refused.
    doc["metrics"][0]["kind"] = "gauge".into();
    let file = old.file("gauge.json", &doc.to_string());
    let other = Sandbox::new();
    let err = other.fails(&["import", &file]);
    assert!(err.contains("metric 'clicks' is built in"), "{err}");
}

/// A spreadsheet is read as its first sheet under the same rules: Meta's
/// export saved as .xlsx (days as date cells, figures as numbers; see
/// `tests/fixtures/kpi/make_xlsx.py`) lands what the CSV lands.
#[test]
fn a_spreadsheet_export_lands_what_its_csv_lands() {
    let s = Sandbox::new();
    let out = s.ok(&["kpi", "import", &fixture("meta_ads_campaigns.xlsx")]);
    assert!(out.contains("Read as: meta-ads (detected"), "{out}");
    assert!(
        out.contains("Skipped the summary row on line 2 (2026-09-29 to 2026-10-02)"),
        "{out}"
    );
    let [sep, oct] = s.autumn(&["--campaign", "Trung Thu 2026"]);
    assert_eq!(
        (&sep["spend"], &sep["conversions"], &sep["clicks"]),
        (&2_430_000.into(), &9.into(), &1090.into())
    );
    assert_eq!(
        (&oct["spend"], &oct["conversions"], &oct["impressions"]),
        (&2_530_000.into(), &10.into(), &94_200.into())
    );
}
