//! Period figures assembled from a real store: precedence of order-derived
//! customer metrics over recorded ones, segments, and objective progress.

use chrono::{NaiveDate, Weekday};
use funnel::analysis::{Analysis, CustomerSource};
use funnel::config::Config;
use funnel::domain::RecordKind;
use funnel::domain::{
    Amount, Dimension, Direction, Objective, ObjectiveId, SegmentId, ValueSource,
};
use funnel::metrics::objective::ObjectiveStatus;
use funnel::metrics::{Granularity, Period};
use funnel::store::Store;
use funnel::store::kpis::KpiInput;
use funnel::store::orders::OrderInput;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn month(y: i32, m: u32) -> Period {
    Period::containing(Granularity::Month, day(y, m, 1), Weekday::Mon)
}

fn order(r: &str, customer: &str, d: NaiveDate, segment: &str) -> OrderInput {
    OrderInput {
        order_ref: Some(r.into()),
        customer: customer.into(),
        day: d,
        amount: Amount::from_int(100),
        segment: Some(segment.into()),
    }
}

fn kpi(d: NaiveDate, metric: &str, value: i64, dimension: Dimension) -> KpiInput {
    KpiInput {
        day: d,
        metric: metric.into(),
        dimension,
        value: Amount::from_int(value),
    }
}

#[test]
fn recorded_customers_are_used_until_orders_exist_then_orders_win() {
    let mut s = Store::open_in_memory().expect("store");
    let config = Config::default();
    let today = day(2026, 11, 22);
    s.record_kpis(
        &[
            kpi(day(2026, 9, 30), "customers", 40, Dimension::Total),
            kpi(day(2026, 10, 31), "customers", 44, Dimension::Total),
            kpi(day(2026, 10, 12), "new_customers", 6, Dimension::Total),
            kpi(day(2026, 10, 20), "churned_customers", 2, Dimension::Total),
        ],
        ValueSource::Recorded,
        "r",
        true,
    )
    .expect("record");
    let oct = [month(2026, 10)];
    let f = Analysis::new(&s, &config, today)
        .figures(&oct, Dimension::Total)
        .expect("figures");
    assert_eq!(f.customer_source, CustomerSource::Recorded);
    let o = &f.figures[0];
    assert_eq!(o.customers_start, Some(Amount::from_int(40)));
    assert_eq!(o.customers_end, Some(Amount::from_int(44)));
    assert_eq!(o.new_customers, Some(Amount::from_int(6)));
    assert_eq!(o.churn_rate(), Some(0.05));

    s.import_orders("o.csv", &[order("1", "a", day(2026, 10, 3), "VIP")], true)
        .expect("orders");
    let f = Analysis::new(&s, &config, today)
        .figures(&oct, Dimension::Total)
        .expect("figures");
    assert_eq!(f.customer_source, CustomerSource::Orders);
    assert_eq!(f.figures[0].customers_start, Some(Amount::ZERO));
    assert_eq!(f.figures[0].customers_end, Some(Amount::from_int(1)));
}

#[test]
fn a_customer_who_moves_segment_counts_in_each_segment_by_its_orders() {
    let mut s = Store::open_in_memory().expect("store");
    let config = Config::default();
    let today = day(2026, 11, 22);
    // One customer orders as "Retail" in January, then as "VIP" in April.
    s.import_orders(
        "o.csv",
        &[
            order("1", "c", day(2026, 1, 10), "Retail"),
            order("2", "c", day(2026, 4, 15), "VIP"),
        ],
        true,
    )
    .expect("orders");
    let retail = Dimension::Segment(SegmentId(
        s.resolve(RecordKind::Segment, "Retail").expect("segment"),
    ));
    let vip = Dimension::Segment(SegmentId(
        s.resolve(RecordKind::Segment, "VIP").expect("segment"),
    ));
    let months = [month(2026, 1), month(2026, 4)];
    let r = Analysis::new(&s, &config, today)
        .figures(&months, retail)
        .expect("retail");
    let v = Analysis::new(&s, &config, today)
        .figures(&months, vip)
        .expect("vip");
    let t = Analysis::new(&s, &config, today)
        .figures(&months, Dimension::Total)
        .expect("total");
    // Retail: new in January; churned 10 Apr (10 Jan + 90 days).
    assert_eq!(r.figures[0].new_customers, Some(Amount::from_int(1)));
    assert_eq!(r.figures[1].churned_customers, Some(Amount::from_int(1)));
    // VIP: the first VIP order makes them new to the segment in April.
    assert_eq!(v.figures[1].new_customers, Some(Amount::from_int(1)));
    // In total they churned 10 Apr and came back 15 Apr.
    assert_eq!(t.figures[1].churned_customers, Some(Amount::from_int(1)));
    assert_eq!(
        t.figures[1].reactivated_customers,
        Some(Amount::from_int(1))
    );
    assert_eq!(t.figures[1].new_customers, Some(Amount::ZERO));
}

#[test]
fn objective_progress_reads_counters_since_start_and_gauges_today() {
    let mut s = Store::open_in_memory().expect("store");
    let config = Config::default();
    let today = day(2026, 11, 15);
    s.record_kpis(
        &[
            kpi(day(2026, 9, 30), "visits", 999, Dimension::Total),
            kpi(day(2026, 10, 5), "visits", 300, Dimension::Total),
            kpi(day(2026, 11, 5), "visits", 200, Dimension::Total),
        ],
        ValueSource::Recorded,
        "r",
        true,
    )
    .expect("record");
    let visits = Objective {
        id: ObjectiveId(0),
        title: "1000 visits in Q4".into(),
        metric: "visits".into(),
        baseline: Amount::ZERO,
        target: Amount::from_int(1000),
        direction: Direction::Increase,
        start: day(2026, 10, 1),
        deadline: day(2026, 12, 31),
        segment: None,
        channel: None,
    };
    let o = s.save_objective(&visits).expect("objective");
    let st = Analysis::new(&s, &config, today)
        .objective_state(&o, today)
        .expect("state");
    // 300 + 200 since 1 Oct (the 999 of 30 Sep is before the start).
    assert_eq!(st.current, Some(Amount::from_int(500)));
    // Half the way after 45 of 91 days: on track.
    assert_eq!(st.progress.status, ObjectiveStatus::OnTrack);
}

#[test]
fn cohorts_of_the_business_and_a_segment_none_for_a_channel_or_a_scope_without_orders() {
    let mut s = Store::open_in_memory().expect("store");
    let config = Config::default();
    let today = day(2026, 4, 15);
    // Every order is 100. a: first order 2026-01-05 (Retail), again on
    // 03-01 (VIP); b: 01-20 (Retail); c: 02-10 (VIP). April is running.
    s.import_orders(
        "o.csv",
        &[
            order("1", "a", day(2026, 1, 5), "Retail"),
            order("2", "b", day(2026, 1, 20), "Retail"),
            order("3", "c", day(2026, 2, 10), "VIP"),
            order("4", "a", day(2026, 3, 1), "VIP"),
        ],
        true,
    )
    .expect("orders");
    s.save_segment(&funnel::domain::Segment {
        id: SegmentId(0),
        name: "Empty".into(),
        description: String::new(),
        demographics: String::new(),
        needs: String::new(),
        habits: String::new(),
        market_size: None,
    })
    .expect("segment");
    let analysis = Analysis::new(&s, &config, today);
    let cohort = |m: u32, acquired: i64, again: &[i64], revenue: &[i64]| funnel::metrics::Cohort {
        month: day(2026, m, 1),
        acquired,
        ordered_again: again.to_vec(),
        revenue: revenue.iter().map(|&a| Amount::from_int(a)).collect(),
        running: true,
    };
    // January's a and b: a orders again in March (k = 2).
    assert_eq!(
        analysis.cohorts(Dimension::Total).expect("cohorts"),
        Some(vec![
            cohort(1, 2, &[0, 1, 0], &[200, 0, 100, 0]),
            cohort(2, 1, &[0, 0], &[100, 0, 0]),
            cohort(3, 0, &[0], &[0, 0]),
            cohort(4, 0, &[], &[0]),
        ])
    );
    // In VIP, a is new on 03-01 (their first VIP order).
    let vip = Dimension::Segment(SegmentId(
        s.resolve(RecordKind::Segment, "VIP").expect("segment"),
    ));
    assert_eq!(
        analysis.cohorts(vip).expect("cohorts"),
        Some(vec![
            cohort(2, 1, &[0, 0], &[100, 0, 0]),
            cohort(3, 1, &[0], &[100, 0]),
            cohort(4, 0, &[], &[0])
        ])
    );
    let empty = Dimension::Segment(SegmentId(
        s.resolve(RecordKind::Segment, "Empty").expect("segment"),
    ));
    assert_eq!(analysis.cohorts(empty).expect("cohorts"), None);
    let channel = Dimension::Channel(funnel::domain::ChannelId(1));
    assert_eq!(analysis.cohorts(channel).expect("cohorts"), None);
}

/// A small fixed set of recorded values around a new year, read at every
/// granularity and checked against figures worked out by hand: counters
/// summed, gauges read on the last day (carried from before where the
/// period has none), every ratio, an empty period, zero denominators, an
/// ISO week crossing the year boundary, and the first period's comparison.
#[test]
fn derived_figures_by_hand_at_every_granularity() {
    use funnel::report::{Figure, headlines};
    let mut s = Store::open_in_memory().expect("store");
    let config = Config::default();
    let today = day(2026, 3, 31);
    let t = Dimension::Total;
    s.record_kpis(
        &[
            // customers (gauge): 100 on 28 Dec, 110 on 3 Jan, 120 on 31 Jan;
            // nothing in February, so February carries 120.
            kpi(day(2025, 12, 28), "customers", 100, t),
            kpi(day(2026, 1, 3), "customers", 110, t),
            kpi(day(2026, 1, 31), "customers", 120, t),
            kpi(day(2026, 1, 31), "loyal_customers", 30, t),
            // counters: Dec 30 and Jan 2 inside ISO week 2026-W01.
            kpi(day(2025, 12, 30), "visits", 1000, t),
            kpi(day(2025, 12, 30), "conversions", 20, t),
            kpi(day(2025, 12, 30), "spend", 400, t),
            kpi(day(2026, 1, 2), "visits", 500, t),
            kpi(day(2026, 1, 2), "conversions", 5, t),
            kpi(day(2026, 1, 2), "spend", 100, t),
            kpi(day(2026, 1, 2), "revenue", 2000, t),
            kpi(day(2026, 1, 2), "new_customers", 12, t),
            kpi(day(2026, 1, 20), "churned_customers", 5, t),
            // March: visits but no conversions, spend but no new customers.
            kpi(day(2026, 3, 5), "visits", 300, t),
            kpi(day(2026, 3, 5), "spend", 50, t),
        ],
        ValueSource::Recorded,
        "r",
        true,
    )
    .expect("record");
    let a = Analysis::new(&s, &config, today);
    let n = |v: i64| Some(Amount::from_int(v));
    let one = |p: Period| {
        a.figures(&[p], t)
            .expect("figures")
            .figures
            .into_iter()
            .next()
            .expect("one")
    };

    // ISO week 2026-W01: Mon 29 Dec 2025 – Sun 4 Jan 2026.
    let w01 = Period::containing(Granularity::Week, day(2026, 1, 1), Weekday::Mon);
    assert_eq!(w01.label(), "2026-W01");
    let f = one(w01);
    assert_eq!((f.visits, f.conversions, f.spend), (n(1500), n(25), n(500)));
    assert_eq!(f.customers_start, n(100), "on 28 Dec, the day before");
    assert_eq!(f.customers_end, n(110), "on 3 Jan, the last value by 4 Jan");
    assert_eq!(f.conversion_rate(), Some(25.0 / 1500.0));
    assert_eq!(f.cost_per_conversion(), n(20));
    assert_eq!(f.customer_acquisition_cost(), "41.6667".parse().ok());
    assert_eq!(f.return_on_ad_spend(), Some(4.0));
    assert_eq!(f.growth_rate(), Some(0.1));

    // January: 5 churned of the 100 at its start (28 Dec's value, the last
    // on or before 31 Dec).
    let jan = one(month(2026, 1));
    assert_eq!(jan.customers_start, n(100));
    assert_eq!(jan.customers_end, n(120));
    assert_eq!(jan.churn_rate(), Some(0.05));
    assert_eq!(jan.retention_rate(), Some(0.95));
    assert_eq!(jan.loyal_share(), Some(0.25));
    assert_eq!((jan.visits, jan.spend), (n(500), n(100)));

    // February: nothing recorded. Counters are missing, the gauge carries.
    let feb = one(month(2026, 2));
    assert_eq!(feb.visits, None);
    assert_eq!((feb.customers_start, feb.customers_end), (n(120), n(120)));
    assert_eq!(feb.growth_rate(), Some(0.0));
    assert_eq!(feb.churn_rate(), None, "no churned_customers recorded");
    assert_eq!(feb.conversion_rate(), None);

    // March: zero conversions and no new customers: ratios are undefined.
    let mar = one(month(2026, 3));
    assert_eq!(mar.conversion_rate(), None, "no conversions recorded");
    assert_eq!(mar.cost_per_conversion(), None);
    assert_eq!(mar.customer_acquisition_cost(), None);

    // Quarter 1 and the year 2026 sum the counters of January to March.
    let q1 = one(Period::containing(
        Granularity::Quarter,
        day(2026, 2, 1),
        Weekday::Mon,
    ));
    assert_eq!(
        (q1.visits, q1.spend, q1.conversions),
        (n(800), n(150), n(5))
    );
    assert_eq!(q1.customers_end, n(120));
    let y = one(Period::containing(
        Granularity::Year,
        day(2026, 6, 1),
        Weekday::Mon,
    ));
    assert_eq!(y.visits, n(800), "the year so far");
    assert_eq!(y.customers_start, n(100));

    // The first period with data against the empty one before it: no
    // change can be computed, and none is made up.
    let nov = one(month(2025, 11));
    let heads = headlines(&one(month(2025, 12)), &nov);
    let visits = heads.iter().find(|h| h.key == "visits").expect("row");
    assert_eq!(visits.current, Some(Figure::Amount(Amount::from_int(1000))));
    assert_eq!(visits.previous, None);
}

/// An objective on a derived figure: churn rate down from 10% to 5% over
/// January, read over its span like any other gauge-like aim, and never
/// recorded by hand.
#[test]
fn an_objective_can_target_the_churn_rate_and_the_rate_cannot_be_recorded() {
    let mut s = Store::open_in_memory().expect("store");
    let config = Config::default();
    let t = Dimension::Total;
    s.record_kpis(
        &[
            kpi(day(2025, 12, 31), "customers", 200, t),
            kpi(day(2026, 1, 10), "churned_customers", 6, t),
            kpi(day(2026, 1, 20), "churned_customers", 2, t),
        ],
        ValueSource::Recorded,
        "r",
        true,
    )
    .expect("record");
    let o = s
        .save_objective(&Objective {
            id: ObjectiveId(0),
            title: "Churn under 5%".into(),
            metric: "churn_rate".into(),
            baseline: Amount::from_int(10),
            target: Amount::from_int(5),
            direction: Direction::Decrease,
            start: day(2026, 1, 1),
            deadline: day(2026, 1, 31),
            segment: None,
            channel: None,
        })
        .expect("an objective on a derived figure");
    let a = Analysis::new(&s, &config, day(2026, 1, 31));
    let state = a.objective_state(&o, day(2026, 1, 31)).expect("state");
    // 8 churned of the 200 at the start: 4%, past the 5% target.
    assert_eq!(state.current, Some(Amount::from_int(4)));
    assert_eq!(state.progress.status, ObjectiveStatus::Met);
    assert_eq!(state.progress.done, Some(1.2), "(4 − 10) / (5 − 10)");
    // Mid-month: 6 churned of 200 is 3% so far.
    let mid = a.objective_state(&o, day(2026, 1, 15)).expect("state");
    assert_eq!(mid.current, Some(Amount::from_int(3)));

    let err = s
        .record_kpis(
            &[kpi(day(2026, 1, 5), "churn_rate", 3, t)],
            ValueSource::Recorded,
            "r",
            true,
        )
        .expect_err("refused");
    assert!(err.to_string().contains("cannot be recorded"), "{err}");
}
