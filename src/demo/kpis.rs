//! Daily KPI series consistent with the simulated orders: conversions are
//! the day's orders, revenue their exact sum, visits and leads follow from
//! a conversion rate, and every split (by channel, by segment) adds up to
//! the total.

use chrono::NaiveDate;
use fastrand::Rng;

use super::calendar::shift;
use super::kpi;
use super::sales::Sales;
use crate::domain::{Amount, CampaignId, ChannelId, Dimension, KpiValue, SegmentId};

/// How the business's traffic and spend spread over its channels.
#[derive(Debug, Clone)]
pub(super) struct ChannelMix {
    pub ids: Vec<ChannelId>,
    pub visit_share: Vec<f64>,
    pub conversion_share: Vec<f64>,
    /// Always-on spend per day in VND, at the start (it grows by half).
    pub base_spend: Vec<i64>,
}

/// A campaign's spend: so much a day while it runs, on its channel.
#[derive(Debug, Clone, Copy)]
pub(super) struct CampaignSpend {
    pub id: CampaignId,
    pub channel: usize,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub daily_vnd: i64,
}

/// `total` split in proportion to `weights`, exactly: the parts add up.
pub(super) fn split(total: i64, weights: &[f64], parts: &mut Vec<i64>) {
    parts.clear();
    let sum: f64 = weights.iter().sum();
    if weights.is_empty() {
        return;
    }
    if sum <= 0.0 {
        parts.resize(weights.len(), 0);
        parts[0] = total;
        return;
    }
    for w in weights {
        parts.push((total as f64 * w / sum).floor() as i64);
    }
    let mut rest = total - parts.iter().sum::<i64>();
    let n = parts.len() as i64;
    let mut i = 0;
    while rest != 0 {
        let step = rest.signum();
        parts[(i % n) as usize] += step;
        rest -= step;
        i += 1;
    }
}

fn jitter(rng: &mut Rng, spread: f64) -> f64 {
    1.0 - spread + 2.0 * spread * rng.f64()
}

/// Whole thousands of VND.
fn thousands(vnd: f64) -> i64 {
    (vnd / 1000.0).round() as i64
}

/// The day's visits and leads for its conversions.
fn traffic(rng: &mut Rng, conversions: u32, progress: f64) -> (i64, i64) {
    let rate = 0.021 + 0.008 * progress + 0.004 * (rng.f64() - 0.5);
    let visits = ((f64::from(conversions) / rate).round() as i64).max(40);
    let leads = (visits as f64 * (0.03 + 0.02 * rng.f64())).round() as i64;
    (visits, leads)
}

/// Weights for the day: the base shares with some noise; organic search
/// grows over time where `seo` names its channel.
fn day_weights(rng: &mut Rng, base: &[f64], seo: Option<usize>, progress: f64, out: &mut Vec<f64>) {
    out.clear();
    for (i, w) in base.iter().enumerate() {
        let growth = if Some(i) == seo {
            0.7 + 0.6 * progress
        } else {
            1.0
        };
        out.push(w * growth * jitter(rng, 0.15));
    }
}

/// Small scale: Total visits, leads, conversions, spend and revenue; per
/// channel visits, conversions and spend; spend per running campaign, and
/// its conversions and revenue: its spend's share of its channel's
/// conversions that day, at the day's revenue per conversion (worked out
/// without drawing from `rng`, so every other value stays as it was).
pub(super) fn small(
    rng: &mut Rng,
    sales: &Sales,
    start: NaiveDate,
    mix: &ChannelMix,
    seo: Option<usize>,
    campaigns: &[CampaignSpend],
) -> Vec<KpiValue> {
    let n = mix.ids.len();
    let mut out = Vec::with_capacity(sales.days * (5 + 3 * n + 3));
    let (mut weights, mut parts) = (Vec::new(), Vec::new());
    let mut spend = vec![0i64; n];
    let mut running: Vec<(CampaignId, usize, i64)> = Vec::new();
    for day in 0..sales.days {
        let d = shift(start, day as i64);
        let progress = day as f64 / sales.days as f64;
        let conversions = sales.day_count(day);
        let (visits, leads) = traffic(rng, conversions, progress);

        for (c, s) in spend.iter_mut().enumerate() {
            *s = thousands(mix.base_spend[c] as f64 * (1.0 + 0.5 * progress) * jitter(rng, 0.15));
        }
        running.clear();
        for k in campaigns.iter().filter(|k| k.start <= d && d <= k.end) {
            let s = thousands(k.daily_vnd as f64 * jitter(rng, 0.3));
            spend[k.channel] += s;
            running.push((k.id, k.channel, s));
            out.push(kpi(
                d,
                "spend",
                Dimension::Campaign(k.id),
                Amount::from_int(s * 1000),
            ));
        }

        day_weights(rng, &mix.visit_share, seo, progress, &mut weights);
        split(visits, &weights, &mut parts);
        for (c, v) in parts.iter().enumerate() {
            out.push(kpi(
                d,
                "visits",
                Dimension::Channel(mix.ids[c]),
                Amount::from_int(*v),
            ));
        }
        day_weights(rng, &mix.conversion_share, seo, progress, &mut weights);
        split(i64::from(conversions), &weights, &mut parts);
        for (c, v) in parts.iter().enumerate() {
            let dim = Dimension::Channel(mix.ids[c]);
            out.push(kpi(d, "conversions", dim, Amount::from_int(*v)));
            out.push(kpi(d, "spend", dim, Amount::from_int(spend[c] * 1000)));
        }
        let per_conversion = sales
            .day_revenue(day)
            .checked_div(i64::from(conversions))
            .unwrap_or(0);
        for &(id, c, s) in &running {
            let (Some(of), Some(&channel)) = (spend.get(c), parts.get(c)) else {
                continue;
            };
            let won = (channel * s).checked_div(*of).unwrap_or(0);
            let dim = Dimension::Campaign(id);
            out.push(kpi(d, "conversions", dim, Amount::from_int(won)));
            out.push(kpi(
                d,
                "revenue",
                dim,
                Amount::from_int(won * per_conversion),
            ));
        }

        let total_spend: i64 = spend.iter().sum();
        out.push(kpi(d, "visits", Dimension::Total, Amount::from_int(visits)));
        out.push(kpi(d, "leads", Dimension::Total, Amount::from_int(leads)));
        out.push(kpi(
            d,
            "conversions",
            Dimension::Total,
            Amount::from_int(conversions.into()),
        ));
        out.push(kpi(
            d,
            "spend",
            Dimension::Total,
            Amount::from_int(total_spend * 1000),
        ));
        out.push(kpi(
            d,
            "revenue",
            Dimension::Total,
            Amount::from_int(sales.day_revenue(day)),
        ));
    }
    out
}

/// Large scale: the five metrics for the Total, each segment and each
/// channel. Segment conversions and revenue are exact from the orders;
/// every other split adds up to the Total.
pub(super) fn large(
    rng: &mut Rng,
    sales: &Sales,
    start: NaiveDate,
    segments: &[SegmentId],
    segment_share: &[f64],
    mix: &ChannelMix,
) -> Vec<KpiValue> {
    const METRICS: [&str; 5] = ["visits", "leads", "conversions", "spend", "revenue"];
    let dims = 1 + segments.len() + mix.ids.len();
    let mut out = Vec::with_capacity(sales.days * dims * METRICS.len());
    let (mut weights, mut parts) = (Vec::new(), Vec::new());
    let mut by_segment = vec![[0i64; 5]; segments.len()];
    let mut by_channel = vec![[0i64; 5]; mix.ids.len()];
    for day in 0..sales.days {
        let d = shift(start, day as i64);
        let progress = day as f64 / sales.days as f64;
        let conversions = sales.day_count(day);
        let (visits, leads) = traffic(rng, conversions, progress);
        let revenue = sales.day_revenue(day);
        let spend_k: Vec<i64> = mix
            .base_spend
            .iter()
            .map(|b| thousands(*b as f64 * (1.0 + 0.5 * progress) * jitter(rng, 0.15)))
            .collect();
        let spend_total_k: i64 = spend_k.iter().sum();
        let total = [
            visits,
            leads,
            i64::from(conversions),
            spend_total_k * 1000,
            revenue,
        ];

        // Segments: orders exact, the rest split by share.
        day_weights(rng, segment_share, None, progress, &mut weights);
        for (m, value) in [(0, visits), (1, leads), (3, spend_total_k)] {
            split(value, &weights, &mut parts);
            for (s, v) in parts.iter().enumerate() {
                by_segment[s][m] = if m == 3 { v * 1000 } else { *v };
            }
        }
        let cells = day * segments.len();
        for (s, row) in by_segment.iter_mut().enumerate() {
            row[2] = i64::from(sales.count[cells + s]);
            row[4] = sales.revenue[cells + s];
        }

        // Channels: spend as spent, the rest split by share.
        day_weights(rng, &mix.visit_share, None, progress, &mut weights);
        for m in [0, 1] {
            split(total[m], &weights, &mut parts);
            for (c, v) in parts.iter().enumerate() {
                by_channel[c][m] = *v;
            }
        }
        day_weights(rng, &mix.conversion_share, None, progress, &mut weights);
        for m in [2, 4] {
            split(total[m], &weights, &mut parts);
            for (c, v) in parts.iter().enumerate() {
                by_channel[c][m] = *v;
            }
        }
        for (c, row) in by_channel.iter_mut().enumerate() {
            row[3] = spend_k[c] * 1000;
        }

        let rows = std::iter::once((Dimension::Total, &total))
            .chain(
                segments
                    .iter()
                    .zip(&by_segment)
                    .map(|(s, r)| (Dimension::Segment(*s), r)),
            )
            .chain(
                mix.ids
                    .iter()
                    .zip(&by_channel)
                    .map(|(c, r)| (Dimension::Channel(*c), r)),
            );
        for (dim, row) in rows {
            for (m, metric) in METRICS.iter().enumerate() {
                out.push(kpi(d, metric, dim, Amount::from_int(row[m])));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn split_parts_add_up_to_the_total() {
        let mut parts = Vec::new();
        for total in [0, 1, 7, 1000, 123_457] {
            split(total, &[0.3, 0.25, 0.1, 0.35], &mut parts);
            assert_eq!(parts.iter().sum::<i64>(), total);
            assert!(parts.iter().all(|p| *p >= 0));
        }
        split(10, &[0.0, 0.0], &mut parts);
        assert_eq!(parts, vec![10, 0]);
    }
}
