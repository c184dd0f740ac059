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

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::domain::{
    Amount, Budget, Campaign, Dimension, Metric, MetricKind, Objective, SegmentId, Unit,
};
use crate::metrics::forecast::{self, Forecast};
use crate::metrics::objective::{Aim, Progress, progress};
use crate::metrics::pacing::pacing;
use crate::metrics::scoreboard::CampaignScore;
use crate::metrics::{
    Cohort, CustomerParams, CustomerTimeline, DailyValue, Granularity, Period, PeriodFigures,
    aggregate, aggregate_all, daily_sums, gauge_on, series,
};
use crate::store::kpis::TotalOrigin;
use crate::store::orders::ScopeOrders;
use crate::store::rollup::{EncodedOrders, Rollup, RollupKey};
use crate::store::{Result, Store};

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

/// An objective with its metric's current value and its progress.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveState {
    pub objective: Objective,
    pub unit: Unit,
    /// The metric's kind: a decreasing counter is a ceiling (see
    /// `metrics::objective`).
    pub kind: MetricKind,
    pub current: Option<Amount>,
    pub progress: Progress,
    /// Where the current pace leads (see `metrics::forecast`).
    pub forecast: Forecast,
}

/// A budget with its period, what was spent in it by the day read and
/// when it runs out at that pace.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetState {
    pub budget: Budget,
    /// The period's first and last days; `None` where it does not parse.
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub spent: Option<Amount>,
    pub forecast: Forecast,
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

/// What the orders of one scope give the figures: its customer timeline
/// and its order amounts per day.
#[derive(Debug)]
pub struct FromOrders {
    timeline: CustomerTimeline,
    revenue: Vec<DailyValue>,
}

/// What the orders give, by segment (`None`: the whole business); `None`
/// for a scope without orders. Reading it (from a rollup, or worse, from
/// every order) takes a while, so a caller that reads several times from
/// unchanged data keeps one of these (see [`Analysis::with_timelines`])
/// and drops it when the data changes.
pub type Timelines = Rc<RefCell<HashMap<Option<SegmentId>, Option<Rc<FromOrders>>>>>;

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

    /// What the orders of a scope that has any give; `None` for a scope
    /// without orders (or a channel or campaign).
    fn orders_of(&self, scope: Dimension) -> Result<Option<Rc<FromOrders>>> {
        let segment = match scope {
            Dimension::Total => None,
            Dimension::Segment(s) => Some(s),
            Dimension::Channel(_) | Dimension::Campaign(_) => return Ok(None),
        };
        if let Some(t) = self.timelines.borrow().get(&segment) {
            return Ok(t.clone());
        }
        if let Some(t) = self.stored(segment)? {
            self.timelines.borrow_mut().insert(segment, t.clone());
            return Ok(t);
        }
        self.build_all()?;
        // A segment the build did not know (deleted meanwhile) has none.
        Ok(self
            .timelines
            .borrow_mut()
            .entry(segment)
            .or_default()
            .clone())
    }

    fn rollup_key(&self, segment: Option<SegmentId>) -> RollupKey {
        RollupKey {
            segment,
            window_days: self.config.churn_window_days,
            loyalty_threshold: self.config.loyalty_threshold,
        }
    }

    /// The scope's share of a valid rollup: `Some(None)` for a scope the
    /// rollup says has no orders, `None` without a usable rollup.
    fn stored(&self, segment: Option<SegmentId>) -> Result<Option<Option<Rc<FromOrders>>>> {
        let Some(rollup) = self
            .store
            .valid_rollup(self.rollup_key(segment), self.as_of)?
        else {
            return Ok(None);
        };
        let Some(encoded) = rollup.encoded else {
            return Ok(Some(None));
        };
        // Bytes that do not decode, or a timeline that cannot be read as
        // of this day, are built again like a missing rollup.
        let timeline = CustomerTimeline::decode(&encoded.timeline)
            .ok()
            .filter(|t| t.params() == customer_params(self.config))
            .and_then(|t| t.read_as_of(self.as_of));
        let revenue = series::decode(&encoded.revenue).ok();
        Ok(timeline
            .zip(revenue)
            .map(|(timeline, revenue)| Some(Rc::new(FromOrders { timeline, revenue }))))
    }

    /// Builds what every scope's orders give in one pass over the orders,
    /// keeps it, and stores it as rollups when no order is after the as-of
    /// day (a rollup must hold every order).
    fn build_all(&self) -> Result<()> {
        // Before the orders: see `Store::orders_generation`.
        let generation = self.store.orders_generation()?;
        let orders = match self.store.take_imported_points() {
            // What an import just stored, unless the orders changed since.
            Some((of, points)) if of == generation => points,
            _ => self.store.order_points()?,
        };
        let params = customer_params(self.config);
        let build = |o: &ScopeOrders| {
            (!o.is_empty()).then(|| {
                Rc::new(FromOrders {
                    timeline: CustomerTimeline::build_with_amounts(
                        &o.points,
                        &o.point_amounts,
                        params,
                        self.as_of,
                    ),
                    revenue: daily_sums(o.amounts.iter().copied()),
                })
            })
        };
        let mut built = vec![(None, build(&orders.total))];
        let mut segments = self.store.segment_ids()?;
        segments.extend(orders.by_segment.keys());
        segments.sort_unstable();
        segments.dedup();
        for s in segments {
            built.push((Some(s), orders.by_segment.get(&s).and_then(build)));
        }
        let last_day = orders.total.last_day();
        if last_day.is_none_or(|day| day <= self.as_of) {
            let rollups: Vec<Rollup> = built
                .iter()
                .map(|(segment, o)| Rollup {
                    segment: *segment,
                    // Walk-in sales count: the revenue holds them.
                    last_order_day: segment.map_or(last_day, |s| {
                        orders.by_segment.get(&s).and_then(ScopeOrders::last_day)
                    }),
                    encoded: o.as_ref().map(|o| EncodedOrders {
                        timeline: o.timeline.encode(),
                        revenue: series::encode(&o.revenue),
                    }),
                })
                .collect();
            // A rollup only saves time: one that cannot be stored leaves
            // the next reader to build it again.
            self.store
                .save_rollups(
                    generation,
                    params.window_days,
                    params.loyalty_threshold,
                    &rollups,
                )
                .ok();
        }
        self.timelines.borrow_mut().extend(built);
        Ok(())
    }

    /// Makes sure valid rollups are stored for every scope, building them
    /// from the orders if they are not: after an orders import, where the
    /// user expects to wait, rather than at the next start.
    pub fn refresh_rollups(&self) -> Result<()> {
        if self.stored(None)?.is_none() {
            self.build_all()?;
        }
        Ok(())
    }

    /// The monthly acquisition cohorts of a scope with orders, oldest
    /// first; `None` for a scope without orders, a channel or a campaign.
    pub fn cohorts(&self, scope: Dimension) -> Result<Option<Vec<Cohort>>> {
        Ok(self.orders_of(scope)?.map(|o| o.timeline.cohorts()))
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

    /// Where `o` stands on `day` (at most the as-of day): a counter summed
    /// from the objective's start to then (or its deadline), a gauge read
    /// then.
    pub fn objective_state(&self, o: &Objective, day: NaiveDate) -> Result<ObjectiveState> {
        let day = day.min(self.as_of);
        let metric = self.store.metric(&o.metric)?;
        let span = Period {
            granularity: Granularity::Year,
            start: o.start,
            end: day.min(o.deadline).max(o.start),
        };
        let scope = match (o.segment, o.channel) {
            (Some(s), _) => Dimension::Segment(s),
            (None, Some(c)) => Dimension::Channel(c),
            (None, None) => Dimension::Total,
        };
        let current = if day < o.start {
            None
        } else {
            self.metric_value(&metric, &span, scope)?
        };
        let aim = Aim {
            kind: metric.kind,
            direction: o.direction,
            baseline: o.baseline,
            target: o.target,
            start: o.start,
            deadline: o.deadline,
        };
        Ok(ObjectiveState {
            objective: o.clone(),
            unit: metric.unit,
            kind: metric.kind,
            current,
            progress: progress(&aim, current, day),
            forecast: forecast::forecast(
                &aim,
                current,
                day,
                !crate::metrics::figures::is_derived(&metric.name),
            ),
        })
    }

    /// A budget read on the as-of day: its total spend within its period
    /// so far, and the day it runs out at that pace.
    pub fn budget_state(&self, b: &Budget) -> Result<BudgetState> {
        let Ok(p) = Period::parse(&b.period, self.config.week_start) else {
            return Ok(BudgetState {
                budget: b.clone(),
                start: None,
                end: None,
                spent: None,
                forecast: Forecast::only(forecast::Outlook::NoData),
            });
        };
        let spent = if p.start <= self.as_of {
            let spend = self.store.metric("spend")?;
            self.metric_value(&spend, &p, Dimension::Total)?
        } else {
            None
        };
        Ok(BudgetState {
            budget: b.clone(),
            start: Some(p.start),
            end: Some(p.end),
            spent,
            forecast: forecast::budget(b.amount, spent, p.start, p.end, self.as_of),
        })
    }

    /// Spend attributed to a campaign from its start to the as-of day (or
    /// its end).
    pub fn campaign_spent(&self, c: &Campaign) -> Result<Amount> {
        Ok(self.campaign_sum(c, "spend")?.unwrap_or_default())
    }

    /// A counter attributed to a campaign, summed from its start to the
    /// as-of day (or its end); `None` where nothing was recorded.
    fn campaign_sum(&self, c: &Campaign, metric: &str) -> Result<Option<Amount>> {
        let end = self.as_of.min(c.end);
        let values = self
            .store
            .series_between(metric, Dimension::Campaign(c.id), c.start, end)?;
        let mut kept = values
            .iter()
            .filter(|(day, _)| *day >= c.start && *day <= end)
            .map(|(_, value)| *value)
            .peekable();
        Ok(kept.peek().is_some().then(|| kept.sum()))
    }

    /// A campaign's pacing as of the as-of day, with the conversions and
    /// revenue attributed to it.
    pub fn campaign_score(&self, c: &Campaign) -> Result<CampaignScore> {
        let spent = self.campaign_spent(c)?;
        Ok(CampaignScore {
            pacing: pacing(c.budget, spent, c.start, c.end, self.as_of),
            conversions: self.campaign_sum(c, "conversions")?,
            revenue: self.campaign_sum(c, "revenue")?,
        })
    }
}
