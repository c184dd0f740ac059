//! The small demo's SMART objectives, with baselines and targets read from
//! its own orders and KPIs, so that one is met and one is at risk.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::super::calendar::{days_between, shift, ymd};
use super::{first_of_month, last_of_month, round_to};
use crate::domain::{
    Amount, ChannelId, Dimension, Direction, KpiValue, Objective, ObjectiveId, Order, SegmentId,
};

/// Active customers (an order in the 90 days ending `d`) and loyal ones
/// (of those, at least 3 orders by `d`).
pub(in crate::demo) fn customers_on(orders: &[Order], d: NaiveDate) -> (i64, i64) {
    let mut seen: HashMap<&str, (u32, NaiveDate)> = HashMap::new();
    for o in orders.iter().take_while(|o| o.day <= d) {
        let e = seen.entry(o.customer.as_str()).or_insert((0, o.day));
        e.0 += 1;
        e.1 = o.day;
    }
    let active = seen
        .values()
        .filter(|(_, last)| days_between(*last, d) < 90);
    let (mut n, mut loyal) = (0, 0);
    for (count, _) in active {
        n += 1;
        loyal += i64::from(*count >= 3);
    }
    (n, loyal)
}

fn sum_kpi(
    values: &[KpiValue],
    metric: &str,
    dim: Dimension,
    from: NaiveDate,
    to: NaiveDate,
) -> i64 {
    values
        .iter()
        .filter(|v| v.metric == metric && v.dimension == dim && from <= v.day && v.day <= to)
        .map(|v| v.value.round_to_int())
        .sum()
}

pub(super) fn objectives(
    today: NaiveDate,
    orders: &[Order],
    values: &[KpiValue],
) -> Vec<Objective> {
    let vn = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    let mut out = Vec::new();
    let mut push = |title: String,
                    metric: &str,
                    baseline: i64,
                    target: i64,
                    direction,
                    span: (NaiveDate, NaiveDate),
                    segment,
                    channel| {
        out.push(Objective {
            id: ObjectiveId(out.len() as i64 + 1),
            title,
            metric: metric.to_string(),
            baseline: Amount::from_int(baseline),
            target: Amount::from_int(target),
            direction,
            start: span.0,
            deadline: span.1,
            segment,
            channel,
        });
    };

    // 1. At risk: a big jump in active customers by the end of the quarter.
    let start = shift(today, -75);
    let quarter_end = {
        let soon = shift(today, 21);
        let last_month = (soon.month0() / 3) * 3 + 3;
        last_of_month(ymd(soon.year(), last_month, 1, soon))
    };
    let (base, _) = customers_on(orders, start);
    let (now, _) = customers_on(orders, today);
    let target = round_to((now as f64 * 1.3).max(base as f64 * 1.4), 50);
    push(
        format!(
            "Tăng khách hàng hoạt động từ {base} lên {target} trước {}",
            vn(quarter_end)
        ),
        "customers",
        base,
        target,
        Direction::Increase,
        (start, quarter_end),
        None,
        None,
    );

    // 2. Organic visits from the SEO blog over six months, 30% above the
    // pace of the month before (a counter objective: a total by the deadline).
    let start = shift(today, -120);
    let month_before = sum_kpi(
        values,
        "visits",
        Dimension::Channel(ChannelId(4)),
        shift(start, -30),
        shift(start, -1),
    );
    let target = round_to(month_before as f64 * 6.0 * 1.3, 1000);
    push(
        format!("SEO blog: {target} lượt truy cập trong 6 tháng (+30%)"),
        "visits",
        0,
        target,
        Direction::Increase,
        (start, shift(start, 180)),
        None,
        Some(ChannelId(4)),
    );

    // 3. Met: loyal customers, deadline passed.
    let (start, deadline) = (shift(today, -200), shift(today, -20));
    let (_, base) = customers_on(orders, start);
    let (_, reached) = customers_on(orders, deadline);
    let target = (base + (reached - base).max(2) / 2).min(reached.max(base + 1));
    push(
        format!("Loyal customers from {base} to {target}"),
        "loyal_customers",
        base,
        target,
        Direction::Increase,
        (start, deadline),
        None,
        None,
    );

    // 4. New corporate gift customers this year, 25% above last year's pace.
    let (start, deadline) = (
        ymd(today.year(), 1, 1, today),
        ymd(today.year(), 12, 31, today),
    );
    let mut firsts: HashMap<&str, (NaiveDate, Option<SegmentId>)> = HashMap::new();
    for o in orders {
        firsts
            .entry(o.customer.as_str())
            .or_insert((o.day, o.segment));
    }
    let base = firsts
        .values()
        .filter(|(d, s)| *s == Some(SegmentId(2)) && shift(start, -365) <= *d && *d < start)
        .count() as i64;
    let target = round_to(base as f64 * 1.25, 10).max(base + 10);
    push(
        format!("Khách doanh nghiệp mới năm {}: {target}", today.year()),
        "new_customers",
        base,
        target,
        Direction::Increase,
        (start, deadline),
        Some(SegmentId(2)),
        None,
    );

    // 5. Spend this month at most 15% over last month's: a ceiling, paced
    // through the month.
    let (start, deadline) = (first_of_month(today), last_of_month(today));
    let last = shift(start, -1);
    let base = sum_kpi(
        values,
        "spend",
        Dimension::Total,
        first_of_month(last),
        last,
    );
    let target = round_to(base as f64 * 1.15, 1_000_000);
    push(
        format!(
            "Chi phí marketing tháng {} không vượt {} triệu ₫",
            today.format("%m/%Y"),
            target / 1_000_000
        ),
        "spend",
        base,
        target,
        Direction::Decrease,
        (start, deadline),
        None,
        None,
    );
    out
}
