//! Period figures assembled from a real store: precedence of order-derived
//! customer metrics over recorded ones, segments, and objective progress.

use chrono::{NaiveDate, Weekday};
use funnel::analysis::{Analysis, CustomerSource};
use funnel::config::Config;
use funnel::domain::{
    Amount, Dimension, Direction, Objective, ObjectiveId, SegmentId, ValueSource,
};
use funnel::metrics::objective::ObjectiveStatus;
use funnel::metrics::{Granularity, Period};
use funnel::store::Store;
use funnel::store::kpis::KpiInput;
use funnel::store::orders::OrderInput;
use funnel::store::strategy::Named;

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
        s.resolve(Named::Segment, "Retail").expect("segment"),
    ));
    let vip = Dimension::Segment(SegmentId(
        s.resolve(Named::Segment, "VIP").expect("segment"),
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
    // W = 90. a: first order 2026-01-05 (Retail), active to 04-04 and,
    // after 03-01 (VIP), to 05-29. b: 01-20 (Retail), active to 04-19.
    // c: 02-10 (VIP), active to 05-10.
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
    let cohort = |m: u32, acquired: i64, active_after: &[i64]| funnel::metrics::Cohort {
        month: day(2026, m, 1),
        acquired,
        active_after: active_after.to_vec(),
    };
    // Month ends on or before 04-15: 01-31, 02-28, 03-31.
    assert_eq!(
        analysis.cohorts(Dimension::Total).expect("cohorts"),
        Some(vec![
            cohort(1, 2, &[2, 2]),
            cohort(2, 1, &[1]),
            cohort(3, 0, &[]),
            cohort(4, 0, &[]),
        ])
    );
    // In VIP, a is new on 03-01 (their first VIP order).
    let vip = Dimension::Segment(SegmentId(
        s.resolve(Named::Segment, "VIP").expect("segment"),
    ));
    assert_eq!(
        analysis.cohorts(vip).expect("cohorts"),
        Some(vec![
            cohort(2, 1, &[1]),
            cohort(3, 1, &[]),
            cohort(4, 0, &[])
        ])
    );
    let empty = Dimension::Segment(SegmentId(
        s.resolve(Named::Segment, "Empty").expect("segment"),
    ));
    assert_eq!(analysis.cohorts(empty).expect("cohorts"), None);
    let channel = Dimension::Channel(funnel::domain::ChannelId(1));
    assert_eq!(analysis.cohorts(channel).expect("cohorts"), None);
}
