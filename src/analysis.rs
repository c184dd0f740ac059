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
//! Revenue is the recorded `revenue` series; a scope with orders and no
//! revenue recorded for it at all takes the order amounts instead.
//!
//! A scope's counters and gauges are the values recorded for exactly that
//! scope, with one exception: the whole business's visits, leads,
//! conversions, spend, revenue, impressions and clicks on a day with no value recorded for the
//! whole business are the sum of that day's values per channel, or, if
//! there are none, per campaign (see `Store::total_series_between`: the
//! two are views of the same money and are never added together).
//! [`Origin`] says which applied. A period that starts after the as-of
//! day has no figures yet. Series are
//! read over the span of the periods asked for, never whole.
//!
//! What the orders give (customer timelines, order amounts per day) comes
//! from the store's rollups while those are valid (built from the orders
//! as they are, with this W and L, from no order after the as-of day).
//! Otherwise every scope's share is built in one pass over the orders and,
//! when no order is after the as-of day, stored for the next reader; a
//! store that cannot take it (read-only, busy) only costs that reader the
//! time.

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::domain::{Amount, Dimension, Metric, MetricKind};
use crate::metrics::{
    CustomerParams, DailyValue, Period, PeriodFigures, aggregate, aggregate_all, gauge_on,
};
use crate::store::kpis::TotalOrigin;
use crate::store::{Result, Store};

mod orders;
mod records;

pub use orders::{FromOrders, Timelines};
pub use records::{BudgetState, ObjectiveState};

/// Where a scope's customer figures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerSource {
    Orders,
    Recorded,
}

/// Where a figure's values came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Recorded for the scope itself.
    Recorded,
    /// The sum of the values per channel, on days without a total.
    Channels,
    /// The sum of the values per campaign, on days without a total or
    /// channel values.
    Campaigns,
    /// The amounts of the stored orders.
    Orders,
}

impl From<TotalOrigin> for Origin {
    fn from(o: TotalOrigin) -> Self {
        match o {
            TotalOrigin::Recorded => Origin::Recorded,
            TotalOrigin::Channels => Origin::Channels,
            TotalOrigin::Campaigns => Origin::Campaigns,
        }
    }
}

/// The counters whose whole-business value may be summed from channels or
/// campaigns.
const SUMMED_UP: [&str; 7] = [
    "visits",
    "leads",
    "conversions",
    "spend",
    "revenue",
    "impressions",
    "clicks",
];

/// The figures of a run of periods for one scope.
#[derive(Debug, Clone)]
pub struct Figures {
    pub periods: Vec<Period>,
    pub figures: Vec<PeriodFigures>,
    pub customer_source: CustomerSource,
    /// For each of the counters summed up (visits … clicks) that has
    /// a value: where its values came from, in that order.
    pub origins: Vec<(&'static str, Vec<Origin>)>,
}

pub fn customer_params(config: &Config) -> CustomerParams {
    CustomerParams {
        window_days: config.churn_window_days,
        loyalty_threshold: config.loyalty_threshold,
    }
}

/// Where in [`PeriodFigures`] a metric's value goes.
type Field = fn(&mut PeriodFigures) -> &mut Option<Amount>;

const CUSTOMER_METRICS: [&str; 5] = [
    "customers",
    "new_customers",
    "churned_customers",
    "reactivated_customers",
    "loyal_customers",
];

/// Reads figures from one store as of one day, remembering what it reads
/// from the orders.
pub struct Analysis<'a> {
    store: &'a Store,
    config: &'a Config,
    as_of: NaiveDate,
    timelines: Timelines,
}

impl<'a> Analysis<'a> {
    pub fn new(store: &'a Store, config: &'a Config, as_of: NaiveDate) -> Self {
        Self::with_timelines(store, config, as_of, Timelines::default())
    }

    /// Like [`Analysis::new`], sharing timelines built earlier from the
    /// same data as of the same day.
    pub fn with_timelines(
        store: &'a Store,
        config: &'a Config,
        as_of: NaiveDate,
        timelines: Timelines,
    ) -> Self {
        Analysis {
            store,
            config,
            as_of,
            timelines,
        }
    }

    /// The values of `metric` for `scope` over the days of `periods`, and
    /// the last one before them (what a gauge reads at their start).
    fn series(
        &self,
        metric: &str,
        scope: Dimension,
        periods: &[Period],
    ) -> Result<Vec<DailyValue>> {
        Ok(self.series_with_origins(metric, scope, periods)?.0)
    }

    /// [`Analysis::series`], and where its values came from: the whole
    /// business's summed-up counters fall back to channels, then campaigns.
    fn series_with_origins(
        &self,
        metric: &str,
        scope: Dimension,
        periods: &[Period],
    ) -> Result<(Vec<DailyValue>, Vec<Origin>)> {
        let (Some(from), Some(to)) = (
            periods.iter().map(|p| p.start).min(),
            periods.iter().map(|p| p.end).max(),
        ) else {
            return Ok((Vec::new(), Vec::new()));
        };
        if scope == Dimension::Total && SUMMED_UP.contains(&metric) {
            let rows = self.store.total_series_between(metric, from, to)?;
            let mut origins: Vec<Origin> = rows.iter().map(|(_, _, o)| (*o).into()).collect();
            origins.sort_unstable();
            origins.dedup();
            let values = rows
                .into_iter()
                .map(|(day, value, _)| DailyValue::new(day, value))
                .collect();
            return Ok((values, origins));
        }
        let values: Vec<DailyValue> = self
            .store
            .series_between(metric, scope, from, to)?
            .into_iter()
            .map(|(day, value)| DailyValue::new(day, value))
            .collect();
        let origins = if values.is_empty() {
            Vec::new()
        } else {
            vec![Origin::Recorded]
        };
        Ok((values, origins))
    }

    /// Sums each counter metric over every period into its field; where
    /// each one's values came from.
    fn fill_counters(
        &self,
        scope: Dimension,
        periods: &[Period],
        out: &mut [PeriodFigures],
        counters: &[(&'static str, Field)],
    ) -> Result<Vec<(&'static str, Vec<Origin>)>> {
        let mut origins = Vec::new();
        for (metric, field) in counters {
            let (values, from) = self.series_with_origins(metric, scope, periods)?;
            for (f, v) in out
                .iter_mut()
                .zip(aggregate_all(MetricKind::Counter, &values, periods))
            {
                *field(f) = v;
            }
            if !from.is_empty() {
                origins.push((*metric, from));
            }
        }
        Ok(origins)
    }

    /// The six customer figures: from the orders where the scope has any,
    /// else as recorded.
    fn fill_customers(
        &self,
        scope: Dimension,
        periods: &[Period],
        out: &mut [PeriodFigures],
        orders: Option<&FromOrders>,
    ) -> Result<CustomerSource> {
        if let Some(orders) = orders {
            for (f, p) in out.iter_mut().zip(periods) {
                f.set_customers(&orders.timeline.figures(p));
            }
            return Ok(CustomerSource::Orders);
        }
        let customers = self.series("customers", scope, periods)?;
        let loyal = self.series("loyal_customers", scope, periods)?;
        for (f, p) in out.iter_mut().zip(periods) {
            let end = p.end.min(self.as_of);
            f.customers_start = p.start.pred_opt().and_then(|d| gauge_on(&customers, d));
            f.customers_end = gauge_on(&customers, end);
            f.loyal_customers = gauge_on(&loyal, end);
        }
        self.fill_counters(
            scope,
            periods,
            out,
            &[
                ("new_customers", |f| &mut f.new_customers),
                ("churned_customers", |f| &mut f.churned_customers),
                ("reactivated_customers", |f| &mut f.reactivated_customers),
            ],
        )?;
        Ok(CustomerSource::Recorded)
    }

    /// Revenue from the order amounts, for a scope with orders that has
    /// no revenue recorded for itself on any day (the shop's orders come
    /// before revenue summed up from channels or campaigns). Whether it
    /// applied.
    fn fill_order_revenue(
        &self,
        scope: Dimension,
        periods: &[Period],
        out: &mut [PeriodFigures],
        orders: &FromOrders,
    ) -> Result<bool> {
        if self.store.has_values("revenue", scope)? {
            return Ok(false);
        }
        for (f, v) in
            out.iter_mut()
                .zip(aggregate_all(MetricKind::Counter, &orders.revenue, periods))
        {
            f.revenue = v;
        }
        Ok(true)
    }

    /// The figures of `periods` for `scope`.
    pub fn figures(&self, periods: &[Period], scope: Dimension) -> Result<Figures> {
        let mut out: Vec<PeriodFigures> = vec![PeriodFigures::default(); periods.len()];
        let mut origins = self.fill_counters(
            scope,
            periods,
            &mut out,
            &[
                ("visits", |f| &mut f.visits),
                ("leads", |f| &mut f.leads),
                ("conversions", |f| &mut f.conversions),
                ("spend", |f| &mut f.spend),
                ("revenue", |f| &mut f.revenue),
                ("impressions", |f| &mut f.impressions),
                ("clicks", |f| &mut f.clicks),
            ],
        )?;
        let orders = self.orders_of(scope)?;
        let customer_source = self.fill_customers(scope, periods, &mut out, orders.as_deref())?;
        if let Some(orders) = &orders
            && self.fill_order_revenue(scope, periods, &mut out, orders)?
        {
            origins.retain(|(m, _)| *m != "revenue");
            origins.push(("revenue", vec![Origin::Orders]));
        }
        for (f, p) in out.iter_mut().zip(periods) {
            if p.start > self.as_of {
                *f = PeriodFigures::default();
            }
        }
        Ok(Figures {
            periods: periods.to_vec(),
            figures: out,
            customer_source,
            origins,
        })
    }

    /// Only the customer figures of `periods` for `scope` (customers at
    /// start and end, new, churned, reactivated, loyal): what segment
    /// shares need, without reading the other series.
    pub fn customer_figures(
        &self,
        periods: &[Period],
        scope: Dimension,
    ) -> Result<Vec<PeriodFigures>> {
        let mut out: Vec<PeriodFigures> = vec![PeriodFigures::default(); periods.len()];
        let orders = self.orders_of(scope)?;
        self.fill_customers(scope, periods, &mut out, orders.as_deref())?;
        for (f, p) in out.iter_mut().zip(periods) {
            if p.start > self.as_of {
                *f = PeriodFigures::default();
            }
        }
        Ok(out)
    }

    /// The value of `metric` over `span` for `scope`: a counter's sum, a
    /// gauge's value on the span's last day. Reads only what that metric
    /// needs.
    pub fn metric_value(
        &self,
        metric: &Metric,
        span: &Period,
        scope: Dimension,
    ) -> Result<Option<Amount>> {
        let spans = std::slice::from_ref(span);
        let name = metric.name.as_str();
        if crate::metrics::figures::is_derived(name) {
            let f = self.figures(spans, scope)?;
            return Ok(f.figures.first().and_then(|f| f.derived(name)));
        }
        if !CUSTOMER_METRICS.contains(&name) && name != "revenue" {
            let values = self.series(name, scope, spans)?;
            return Ok(aggregate(metric.kind, &values, span));
        }
        if span.start > self.as_of {
            return Ok(None);
        }
        let mut out = [PeriodFigures::default()];
        let orders = self.orders_of(scope)?;
        if name == "revenue" {
            self.fill_counters(scope, spans, &mut out, &[("revenue", |f| &mut f.revenue)])?;
            if let Some(orders) = &orders {
                self.fill_order_revenue(scope, spans, &mut out, orders)?;
            }
        } else {
            self.fill_customers(scope, spans, &mut out, orders.as_deref())?;
        }
        let [f] = out;
        Ok(match name {
            "customers" => f.customers_end,
            "new_customers" => f.new_customers,
            "churned_customers" => f.churned_customers,
            "reactivated_customers" => f.reactivated_customers,
            "loyal_customers" => f.loyal_customers,
            _ => f.revenue,
        })
    }
}
