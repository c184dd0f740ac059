//! A shop's orders simulated customer by customer: acquisition that grows
//! and peaks with the season, one-time, occasional and loyal buyers who
//! stop buying after a while (so customers churn), and the daily sales
//! the KPI series are built from.

use chrono::NaiveDate;
use fastrand::Rng;

use super::calendar::{days_between, season, season_max, shift};
use crate::domain::{Amount, Order, SegmentId};

/// How one segment's customers buy.
#[derive(Debug, Clone, Copy)]
pub(super) struct SegmentProfile {
    pub id: SegmentId,
    /// Relative share of new customers.
    pub weight: f64,
    pub min_vnd: i64,
    pub max_vnd: i64,
    /// Gift buyers: sharp seasonal peaks and bigger baskets at them.
    pub gifts: bool,
    /// Share of the segment's customers who become loyal buyers.
    pub loyal: f64,
}

/// The shape of a simulated shop.
#[derive(Debug, Clone)]
pub(super) struct Shop<'a> {
    pub start: NaiveDate,
    pub today: NaiveDate,
    pub customers: usize,
    pub segments: &'a [SegmentProfile],
    /// Growth of daily acquisition from the first to the last day (1.0:
    /// twice as many new customers a day at the end).
    pub growth: f64,
    pub one_time: f64,
    /// Mean days between orders, and mean buying life, of loyal buyers.
    pub loyal_gap: f64,
    pub loyal_life: f64,
    pub occasional_gap: f64,
    pub occasional_life: f64,
    /// Periods (first day, last day, factor) when demand is unusual: a
    /// competitor's price cut, a website outage.
    pub dips: &'a [(NaiveDate, NaiveDate, f64)],
    /// Width of the customer number: `KH00123` is 5.
    pub customer_digits: usize,
    pub order_digits: usize,
}

/// The simulated orders, oldest first, and the sales per day and segment.
#[derive(Debug, Clone, Default)]
pub(super) struct Sales {
    pub orders: Vec<Order>,
    pub days: usize,
    pub segments: usize,
    /// `[day * segments + segment]`: number of orders and revenue in VND.
    pub count: Vec<u32>,
    pub revenue: Vec<i64>,
}

impl Sales {
    pub fn day_count(&self, day: usize) -> u32 {
        self.count[day * self.segments..(day + 1) * self.segments]
            .iter()
            .sum()
    }

    pub fn day_revenue(&self, day: usize) -> i64 {
        self.revenue[day * self.segments..(day + 1) * self.segments]
            .iter()
            .sum()
    }
}

/// One order before it becomes a record: compact, so a million sort fast.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Raw {
    day: u32,
    customer: u32,
    amount_vnd: i64,
    segment: u16,
}

fn exponential(rng: &mut Rng, mean: f64) -> f64 {
    -mean * (1.0 - rng.f64()).ln()
}

fn pick(rng: &mut Rng, weights: &[f64], total: f64) -> usize {
    let mut x = rng.f64() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len().saturating_sub(1)
}

/// A basket in VND rounded to 1,000 ₫, mostly near the low end.
fn basket(rng: &mut Rng, p: &SegmentProfile, peak: bool) -> i64 {
    let u = rng.f64();
    let mut vnd = p.min_vnd as f64 + (p.max_vnd - p.min_vnd) as f64 * u * u;
    if peak && p.gifts {
        vnd = (vnd * 1.5).min(p.max_vnd as f64 * 1.2);
    }
    ((vnd / 1000.0).round() as i64) * 1000
}

impl Shop<'_> {
    pub fn simulate(&self, rng: &mut Rng) -> Sales {
        let days = usize::try_from(days_between(self.start, self.today) + 1).unwrap_or(1);
        let nseg = self.segments.len().max(1);
        let dip = |d: NaiveDate| -> f64 {
            self.dips
                .iter()
                .filter(|(a, b, _)| *a <= d && d <= *b)
                .map(|(_, _, f)| *f)
                .product()
        };
        // Demand per day for ordinary and for gift buyers, computed once.
        let mut demand = [Vec::with_capacity(days), Vec::with_capacity(days)];
        for i in 0..days {
            let d = shift(self.start, i as i64);
            let extra = dip(d);
            demand[0].push(season(d, false) * extra);
            demand[1].push(season(d, true) * extra);
        }
        let max = [season_max(false), season_max(true)];

        // New customers per day: growth times an average of both demands.
        let acquisition: Vec<f64> = (0..days)
            .map(|i| {
                let g = 1.0 + self.growth * i as f64 / days as f64;
                g * (0.8 * demand[0][i] + 0.2 * demand[1][i])
            })
            .collect();
        let total: f64 = acquisition.iter().sum();
        let weights: Vec<f64> = self.segments.iter().map(|s| s.weight).collect();
        let weight_total: f64 = weights.iter().sum();

        let mut raw = Vec::with_capacity(self.customers * 10);
        let mut acquired = 0usize;
        let mut expected = 0.0;
        for (first_day, a) in acquisition.iter().enumerate() {
            expected += a / total * self.customers as f64;
            let until = (expected.round() as usize).min(self.customers);
            while acquired < until {
                let customer = acquired as u32;
                acquired += 1;
                let s = pick(rng, &weights, weight_total);
                let profile = &self.segments[s];
                let g = usize::from(profile.gifts);
                let kind = rng.f64();
                let (gap, life) = if kind < self.one_time {
                    (0.0, 0.0)
                } else if kind < self.one_time + (1.0 - self.one_time) * profile.loyal {
                    (self.loyal_gap, exponential(rng, self.loyal_life))
                } else {
                    (self.occasional_gap, exponential(rng, self.occasional_life))
                };
                let mut day = first_day;
                let last = (first_day + life as usize).min(days - 1);
                let mut t = first_day as f64;
                loop {
                    raw.push(Raw {
                        day: day as u32,
                        customer,
                        amount_vnd: basket(rng, profile, demand[g][day] > 1.4),
                        segment: s as u16,
                    });
                    if gap <= 0.0 {
                        break;
                    }
                    // Thinning: propose at the peak rate, keep by demand.
                    loop {
                        t += exponential(rng, gap / max[g]).max(1.0);
                        day = t as usize;
                        if day > last || rng.f64() * max[g] < demand[g][day] {
                            break;
                        }
                    }
                    if day > last {
                        break;
                    }
                }
            }
        }
        raw.sort_unstable();

        let customer_ids: Vec<String> = (1..=acquired)
            .map(|n| format!("KH{n:0width$}", width = self.customer_digits))
            .collect();
        let mut sales = Sales {
            orders: Vec::with_capacity(raw.len()),
            days,
            segments: nseg,
            count: vec![0; days * nseg],
            revenue: vec![0; days * nseg],
        };
        let day_of: Vec<NaiveDate> = (0..days).map(|i| shift(self.start, i as i64)).collect();
        for (n, r) in raw.iter().enumerate() {
            let cell = r.day as usize * nseg + r.segment as usize;
            sales.count[cell] += 1;
            sales.revenue[cell] += r.amount_vnd;
            sales.orders.push(Order {
                order_ref: Some(format!("DH{:0width$}", n + 1, width = self.order_digits)),
                customer: customer_ids[r.customer as usize].clone(),
                day: day_of[r.day as usize],
                amount: Amount::from_int(r.amount_vnd),
                segment: Some(self.segments[r.segment as usize].id),
            });
        }
        sales
    }
}
