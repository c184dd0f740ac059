//! What the orders give the figures: each scope's customer timeline and
//! order amounts per day, from a valid rollup or built in one pass over
//! the orders (and then stored as rollups).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::{Analysis, customer_params};
use crate::domain::{Dimension, SegmentId};
use crate::metrics::{Cohort, CustomerTimeline, DailyValue, daily_sums, series};
use crate::store::Result;
use crate::store::orders::ScopeOrders;
use crate::store::rollup::{EncodedOrders, Rollup, RollupKey};

/// What the orders of one scope give the figures: its customer timeline
/// and its order amounts per day.
#[derive(Debug)]
pub struct FromOrders {
    pub(super) timeline: CustomerTimeline,
    pub(super) revenue: Vec<DailyValue>,
}

/// What the orders give, by segment (`None`: the whole business); `None`
/// for a scope without orders. Reading it (from a rollup, or worse, from
/// every order) takes a while, so a caller that reads several times from
/// unchanged data keeps one of these (see [`Analysis::with_timelines`])
/// and drops it when the data changes.
pub type Timelines = Rc<RefCell<HashMap<Option<SegmentId>, Option<Rc<FromOrders>>>>>;

impl Analysis<'_> {
    /// What the orders of a scope that has any give; `None` for a scope
    /// without orders (or a channel or campaign).
    pub(super) fn orders_of(&self, scope: Dimension) -> Result<Option<Rc<FromOrders>>> {
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
}
