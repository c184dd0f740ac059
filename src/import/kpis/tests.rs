use super::money::convert;
use super::*;
use crate::domain::Unit;
use crate::import::error::ImportError;

const KNOWN: &[(&str, Unit)] = &[
    ("customers", Unit::Count),
    ("new_customers", Unit::Count),
    ("visits", Unit::Count),
    ("leads", Unit::Count),
    ("conversions", Unit::Count),
    ("spend", Unit::Money),
    ("revenue", Unit::Money),
];

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn read(csv: &str, cols: &KpiColumns) -> Result<KpiFile, ImportError> {
    read_kpis("kpi.csv", csv.as_bytes(), cols, KNOWN)
}

fn fails(csv: &str, cols: &KpiColumns) -> String {
    read(csv, cols).expect_err("an import error").to_string()
}

/// `(line, day, metric, value)` of each row.
fn brief(f: &KpiFile) -> Vec<(usize, NaiveDate, String, String)> {
    f.rows
        .iter()
        .map(|r| (r.line, r.day, r.metric.clone(), r.value.to_string()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

const ANALYTICS: &str = "# ----------------------------------------\n\
        # Property: Shop\n\
        # ----------------------------------------\n\
        \n\
        Date,Sessions,Conversions,Users\n\
        20260105,120,3,100\n\
        20260106,\"1,340\",,90\n";

#[test]
fn analytics_export_after_its_preamble() {
    let f = read(ANALYTICS, &KpiColumns::default()).expect("analytics export");
    let d5 = day(2026, 1, 5);
    assert_eq!(
        brief(&f),
        [
            (6, d5, "visits".into(), "120".into()),
            (6, d5, "conversions".into(), "3".into()),
            (7, day(2026, 1, 6), "visits".into(), "1340".into()),
        ]
    );
    assert_eq!(
        f.mapped,
        pairs(&[("Sessions", "visits"), ("Conversions", "conversions")])
    );
    assert_eq!(f.ignored_columns, ["Users"]);
    assert!(
        f.rows
            .iter()
            .all(|r| r.segment.is_none() && r.channel.is_none())
    );
}

#[test]
fn map_entries_override_recognition() {
    let cols = KpiColumns {
        map: pairs(&[("users", "Customers"), ("Sessions", "leads")]),
        ..KpiColumns::default()
    };
    let f = read(ANALYTICS, &cols).expect("mapped");
    assert_eq!(
        f.mapped,
        pairs(&[
            ("Sessions", "leads"),
            ("Conversions", "conversions"),
            ("Users", "customers")
        ])
    );
    assert!(f.ignored_columns.is_empty());
    assert_eq!(f.rows.len(), 5);
    assert_eq!(f.rows[4].metric, "customers");
    assert_eq!(f.rows[4].value, Amount::from_int(90));
}

#[test]
fn map_errors() {
    let unknown = KpiColumns {
        map: pairs(&[("Users", "buyers")]),
        ..KpiColumns::default()
    };
    assert_eq!(
        fails(ANALYTICS, &unknown),
        "kpi.csv:5: unknown metric 'buyers' (known: customers, new_customers, visits, leads, conversions, spend, revenue)"
    );
    let missing = KpiColumns {
        map: pairs(&[("Visitors", "visits")]),
        ..KpiColumns::default()
    };
    assert_eq!(
        fails(ANALYTICS, &missing),
        "kpi.csv:5: --map names the column 'Visitors', which is not in the header (columns: Date, Sessions, Conversions, Users)"
    );
    assert_eq!(
        fails("Date,Users\n2026-01-05,3\n", &KpiColumns::default()),
        "kpi.csv:1: no metric column found (columns: Date, Users); map one with --map COLUMN=METRIC \
             (known: customers, new_customers, visits, leads, conversions, spend, revenue)"
    );
    assert_eq!(
        fails("When,Visits\n2026-01-05,3\n", &KpiColumns::default()),
        "kpi.csv:1: no date column found (columns: When, Visits); name it with --date-column COLUMN"
    );
    let when = KpiColumns {
        date: Some("when".into()),
        ..KpiColumns::default()
    };
    let f = read("When,Visits\n2026-01-05,3\n", &when).expect("--date-column");
    assert_eq!(f.rows[0].day, day(2026, 1, 5));
}

#[test]
fn vietnamese_export_with_a_channel() {
    let csv = "Ngày;Kênh;Lượt truy cập;Chi phí (VND);Doanh thu;Khách hàng mới\n\
            05/01/2026;Facebook;1.200;1.500.000,5;;\n\
            06/01/2026;;80;0;2.000.000;4\n";
    let f = read(csv, &KpiColumns::default()).expect("vietnamese kpis");
    let d5 = day(2026, 1, 5);
    let d6 = day(2026, 1, 6);
    assert_eq!(
        brief(&f),
        [
            (2, d5, "visits".into(), "1200".into()),
            (2, d5, "spend".into(), "1500000.5".into()),
            (3, d6, "visits".into(), "80".into()),
            (3, d6, "spend".into(), "0".into()),
            (3, d6, "revenue".into(), "2000000".into()),
        ]
    );
    assert_eq!(f.rows[0].channel.as_deref(), Some("Facebook"));
    assert_eq!(f.rows[2].channel, None);
    assert_eq!(
        f.ignored_columns,
        ["Khách hàng mới"],
        "a Vietnamese name is no metric name"
    );
    let f =
        read("Date,New customers\n2026-01-05,4\n", &KpiColumns::default()).expect("metric name");
    assert_eq!(f.mapped, pairs(&[("New customers", "new_customers")]));
}

#[test]
fn row_errors() {
    let two_dims = "Date,Segment,Channel,Visits\n2026-01-05,,Email,3\n2026-01-05,VIP,Email,3\n";
    assert_eq!(
        fails(two_dims, &KpiColumns::default()),
        "kpi.csv:3:3 (Channel): a row can name only one of segment, channel and campaign (this row also has segment 'VIP')"
    );
    let bad = "Date,Sessions\n2026-01-05,4\n2026-01-06,12x\n";
    assert_eq!(
        fails(bad, &KpiColumns::default()),
        "kpi.csv:3:2 (Sessions): '12x' is not a number"
    );
    let no_date = "Date,Sessions\n2026-01-05,4\n,5\n2026-01-06,4\n";
    assert_eq!(
        fails(no_date, &KpiColumns::default()),
        "kpi.csv:3:1 (Date): the date is empty"
    );
    // Undated rows after the last dated one are totals.
    let totals = "Date,Sessions\n2026-01-05,4\n,4\nTotal: Account,--\n";
    let f = read(totals, &KpiColumns::default()).expect("totals");
    assert_eq!((f.rows.len(), f.skipped_totals), (1, vec![3, 4]));
}

#[test]
fn repeated_day_metric_and_dimension() {
    let same = "Date,Campaign,Visits\n2026-01-05,Tết,4\n2026-01-05,Hè,4\n2026-01-05,Tết,4.0\n";
    let f = read(same, &KpiColumns::default()).expect("equal repeat");
    assert_eq!(f.rows.len(), 2);
    assert_eq!(f.rows[1].campaign.as_deref(), Some("Hè"));
    let different = "Date,Campaign,Visits\n2026-01-05,Tết,4\n2026-01-05,Tết,5\n";
    assert_eq!(
        fails(different, &KpiColumns::default()),
        "kpi.csv:3:3 (Visits): visits for 2026-01-05 (campaign 'Tết') is also on line 2 with 4 (here '5')"
    );
}

#[test]
fn money_converts_at_the_rate_to_the_minor_unit() {
    let a = |t: &str| t.parse::<Amount>().expect("amount");
    assert_eq!(convert(a("12.5"), a("25400"), 0), Some(a("317500")));
    assert_eq!(convert(a("0.01"), a("25412.5"), 0), Some(a("254")));
    assert_eq!(convert(a("12.345"), a("1.0805"), 2), Some(a("13.34")));
    assert_eq!(convert(a("100000000000"), a("25400"), 0), None);
    assert_eq!(header_currency("Amount spent (usd)"), Some("USD".into()));
    assert_eq!(header_currency("Cost (per click)"), None);
    let usd = KpiColumns {
        money: Money {
            rates: vec![("USD".into(), a("25000"))],
            ..Money::default()
        },
        ..KpiColumns::default()
    };
    let f = read(
        "Date,Spend,Tiền tệ\n2026-01-05,\"1,000.50\",usd\n2026-01-06,7,\n",
        &usd,
    )
    .expect("converted");
    assert_eq!(brief(&f)[0].3, "25012500");
    assert_eq!(brief(&f)[1].3, "7");
    assert_eq!(
        f.converted,
        [Converted {
            metric: "spend".into(),
            from: "USD".into(),
            rate: a("25000"),
            values: 1
        }]
    );
    assert_eq!(
        fails("Date,Spend (EUR),Currency\n2026-01-05,3,USD\n", &usd),
        "kpi.csv:2:2 (Spend (EUR)): this spend is said to be both in EUR and in USD, so it cannot be read"
    );
    assert_eq!(
        fails("Date,Spend,Currency\n2026-01-05,3,dollars\n", &usd),
        "kpi.csv:2:3 (Currency): 'dollars' is not a currency code (such as VND or USD)"
    );
    assert_eq!(
        fails("Date,Visits\n2026-01-05,3%\n", &usd),
        "kpi.csv:2:2 (Visits): '3%' is a percentage, but visits is not"
    );
}

#[test]
fn google_ads_comma_csv_with_its_title_and_date_range() {
    let csv = "Campaign report\nSeptember 29, 2026 - October 2, 2026\n\
            Day,Campaign,Currency code,Cost,Conversions\n\
            2026-09-29,Brand,VND,\"1,250,000.00\",3.50\n\
            2026-09-30,Brand,VND,\"980,000.00\",--\n\
            Total: Account,--,VND,\"2,230,000.00\",3.50\n";
    let f = read(csv, &KpiColumns::default()).expect("google ads csv");
    assert_eq!(f.profile, Profile::GoogleAds);
    assert_eq!(
        brief(&f),
        [
            (4, day(2026, 9, 29), "spend".into(), "1250000".into()),
            (4, day(2026, 9, 29), "conversions".into(), "3.5".into()),
            (5, day(2026, 9, 30), "spend".into(), "980000".into()),
        ]
    );
    assert_eq!(f.skipped_totals, [6]);
    assert_eq!(f.rows[0].campaign.as_deref(), Some("Brand"));
}

#[test]
fn a_row_over_a_range_is_no_day() {
    let csv = "Reporting starts,Reporting ends,Campaign name,Amount spent (VND)\n\
            2026-10-01,2026-10-31,,900\n\
            2026-10-01,2026-10-01,Tết,400\n\
            2026-10-01,2026-10-31,Hè,500\n";
    assert_eq!(
        fails(csv, &KpiColumns::default()),
        "kpi.csv:4:2 (Reporting ends): this row covers 2026-10-01 to 2026-10-31, not one day: export it broken down by day"
    );
    let summary_only = "Reporting starts,Reporting ends,Campaign name,Amount spent (VND)\n\
            2026-10-01,2026-10-31,,900\n\
            2026-10-01,2026-10-01,Tết,400\n";
    let f = read(summary_only, &KpiColumns::default()).expect("summary skipped");
    assert_eq!(f.profile, Profile::MetaAds);
    assert_eq!(
        f.skipped_summaries,
        [(2, day(2026, 10, 1), day(2026, 10, 31))]
    );
    assert_eq!(
        brief(&f),
        [(3, day(2026, 10, 1), "spend".into(), "400".into())]
    );
}
