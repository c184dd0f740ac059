//! Period figures from the store: reads the series and orders a scope
//! needs and hands them to the metrics engine. No arithmetic of its own.
//!
//! Precedence of the customer metrics: where a scope (the whole business
//! or one segment) has any stored orders, its six customer figures are
//! derived from the orders and hand-recorded values of those metrics are
//! not used; otherwise they come from the recorded `customers`,
//! `new_customers`, `churned_customers`, `reactivated_customers` and
//! `loyal_customers` series. Channels and campaigns have no orders, so
//! theirs are always recorded. [`CustomerSource`] says which applied.
//!
//! A scope's counters and gauges are the values recorded for exactly that
//! scope: values recorded per channel are not summed into the total.

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::domain::{Amount, Campaign, Dimension, Metric, MetricKind, Objective, Unit};
use crate::metrics::objective::{Progress, progress};
use crate::metrics::{
    CustomerParams, CustomerTimeline, DailyValue, Granularity, Period, PeriodFigures, aggregate,
    aggregate_all, gauge_on,
};
use crate::store::{Result, Store};

/// Where a scope's customer figures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerSource {
    Orders,
    Recorded,
}

/// The figures of a run of periods for one scope.
#[derive(Debug, Clone)]
pub struct Figures {
    pub periods: Vec<Period>,
    pub figures: Vec<PeriodFigures>,
    pub customer_source: CustomerSource,
}

pub fn customer_params(config: &Config) -> CustomerParams {
    CustomerParams {
        window_days: config.churn_window_days,
        loyalty_threshold: config.loyalty_threshold,
    }
}

fn series(store: &Store, metric: &str, scope: Dimension) -> Result<Vec<DailyValue>> {
    Ok(store
        .series(metric, scope)?
        .into_iter()
        .map(|(day, value)| DailyValue::new(day, value))
        .collect())
}

/// Where in [`PeriodFigures`] a metric's value goes.
type Field = fn(&mut PeriodFigures) -> &mut Option<Amount>;

/// Sums each counter metric over every period into its field.
fn fill_counters(
    store: &Store,
    scope: Dimension,
    periods: &[Period],
    out: &mut [PeriodFigures],
    counters: &[(&str, Field)],
) -> Result<()> {
    for (metric, field) in counters {
        let values = series(store, metric, scope)?;
        for (f, v) in out
            .iter_mut()
            .zip(aggregate_all(MetricKind::Counter, &values, periods))
        {
            *field(f) = v;
        }
    }
    Ok(())
}

/// The figures of `periods` for `scope`, as of `as_of` (today).
pub fn figures(
    store: &Store,
    periods: &[Period],
    scope: Dimension,
    config: &Config,
    as_of: NaiveDate,
) -> Result<Figures> {
    let mut out: Vec<PeriodFigures> = vec![PeriodFigures::default(); periods.len()];
    fill_counters(
        store,
        scope,
        periods,
        &mut out,
        &[
            ("visits", |f| &mut f.visits),
            ("leads", |f| &mut f.leads),
            ("conversions", |f| &mut f.conversions),
            ("spend", |f| &mut f.spend),
            ("revenue", |f| &mut f.revenue),
        ],
    )?;
    let segment = match scope {
        Dimension::Total => Some(None),
        Dimension::Segment(s) => Some(Some(s)),
        Dimension::Channel(_) | Dimension::Campaign(_) => None,
    };
    let from_orders = match segment {
        Some(seg) => store.has_orders(seg)?,
        None => false,
    };
    let customer_source = if from_orders {
        let points = store.order_points(segment.flatten())?;
        let timeline = CustomerTimeline::build(&points.points, customer_params(config), as_of);
        for (f, p) in out.iter_mut().zip(periods) {
            f.set_customers(&timeline.figures(p));
        }
        CustomerSource::Orders
    } else {
        let customers = series(store, "customers", scope)?;
        let loyal = series(store, "loyal_customers", scope)?;
        for (f, p) in out.iter_mut().zip(periods) {
            f.customers_start = p.start.pred_opt().and_then(|d| gauge_on(&customers, d));
            f.customers_end = gauge_on(&customers, p.end.min(as_of));
            f.loyal_customers = gauge_on(&loyal, p.end.min(as_of));
        }
        fill_counters(
            store,
            scope,
            periods,
            &mut out,
            &[
                ("new_customers", |f| &mut f.new_customers),
                ("churned_customers", |f| &mut f.churned_customers),
                ("reactivated_customers", |f| &mut f.reactivated_customers),
            ],
        )?;
        CustomerSource::Recorded
    };
    Ok(Figures {
        periods: periods.to_vec(),
        figures: out,
        customer_source,
    })
}

/// The figure of a built-in metric in `f`; `None` for a user metric.
fn builtin_field(f: &PeriodFigures, metric: &str) -> Option<Option<Amount>> {
    Some(match metric {
        "customers" => f.customers_end,
        "new_customers" => f.new_customers,
        "churned_customers" => f.churned_customers,
        "reactivated_customers" => f.reactivated_customers,
        "loyal_customers" => f.loyal_customers,
        "visits" => f.visits,
        "leads" => f.leads,
        "conversions" => f.conversions,
        "spend" => f.spend,
        "revenue" => f.revenue,
        _ => return None,
    })
}

/// The value of `metric` over `span` for `scope`: a counter's sum, a
/// gauge's value on the span's last day.
pub fn metric_value(
    store: &Store,
    metric: &Metric,
    span: &Period,
    scope: Dimension,
    config: &Config,
    as_of: NaiveDate,
) -> Result<Option<Amount>> {
    let f = figures(store, std::slice::from_ref(span), scope, config, as_of)?;
    if let Some(v) = f
        .figures
        .first()
        .and_then(|f| builtin_field(f, &metric.name))
    {
        return Ok(v);
    }
    let values = series(store, &metric.name, scope)?;
    Ok(aggregate(metric.kind, &values, span))
}

/// An objective with its metric's current value and its progress.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveState {
    pub objective: Objective,
    pub unit: Unit,
    pub current: Option<Amount>,
    pub progress: Progress,
}

/// Where `o` stands on `today`: a counter summed from the objective's
/// start to today (or its deadline), a gauge read today.
pub fn objective_state(
    store: &Store,
    o: &Objective,
    config: &Config,
    today: NaiveDate,
) -> Result<ObjectiveState> {
    let metric = store.metric(&o.metric)?;
    let span = Period {
        granularity: Granularity::Year,
        start: o.start,
        end: today.min(o.deadline).max(o.start),
    };
    let scope = match (o.segment, o.channel) {
        (Some(s), _) => Dimension::Segment(s),
        (None, Some(c)) => Dimension::Channel(c),
        (None, None) => Dimension::Total,
    };
    let current = if today < o.start {
        None
    } else {
        metric_value(store, &metric, &span, scope, config, today)?
    };
    let progress = progress(
        o.direction,
        o.baseline,
        o.target,
        current,
        o.start,
        o.deadline,
        today,
    );
    Ok(ObjectiveState {
        objective: o.clone(),
        unit: metric.unit,
        current,
        progress,
    })
}

/// Spend attributed to a campaign from its start to `as_of` (or its end).
pub fn campaign_spent(store: &Store, c: &Campaign, as_of: NaiveDate) -> Result<Amount> {
    let values = series(store, "spend", Dimension::Campaign(c.id))?;
    let end = as_of.min(c.end);
    Ok(values
        .iter()
        .filter(|v| v.day >= c.start && v.day <= end)
        .map(|v| v.value)
        .sum())
}
