//! The figures of one period and the ratios derived from them
//! (docs/metrics.md: growth, churn, retention, conversion, cost per conversion,
//! acquisition cost, loyal share, return on ad spend, click-through rate,
//! cost per click), and the row that
//! `kpi show --json` prints for a period.
//!
//! A ratio whose numerator or denominator is missing, or whose denominator
//! is zero, is `None` (shown "—", `null` in JSON), never NaN, infinity or 0.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::prelude::{Decimal, FromPrimitive, RoundingStrategy};
use serde::ser::{SerializeStruct, Serializer};

use crate::domain::Amount;
use crate::metrics::customers::CustomerFigures;
use crate::metrics::period::Period;

/// The stored and derived metrics of one period; `None` where no value exists.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PeriodFigures {
    /// `customers` on the day before the period starts.
    pub customers_start: Option<Amount>,
    /// `customers` on the period's last day.
    pub customers_end: Option<Amount>,
    pub new_customers: Option<Amount>,
    pub churned_customers: Option<Amount>,
    pub reactivated_customers: Option<Amount>,
    /// `loyal_customers` on the period's last day.
    pub loyal_customers: Option<Amount>,
    pub visits: Option<Amount>,
    pub leads: Option<Amount>,
    pub conversions: Option<Amount>,
    pub spend: Option<Amount>,
    pub revenue: Option<Amount>,
    pub impressions: Option<Amount>,
    pub clicks: Option<Amount>,
}

impl PeriodFigures {
    /// Fills the six customer figures from ones derived from orders. Which
    /// source wins over hand-entered values is the caller's decision.
    pub fn set_customers(&mut self, c: &CustomerFigures) {
        self.customers_start = Some(Amount::from_int(c.customers_start));
        self.customers_end = Some(Amount::from_int(c.customers_end));
        self.new_customers = Some(Amount::from_int(c.new));
        self.churned_customers = Some(Amount::from_int(c.churned));
        self.reactivated_customers = Some(Amount::from_int(c.reactivated));
        self.loyal_customers = Some(Amount::from_int(c.loyal_end));
    }

    /// (customers at end − customers at start) / customers at start.
    pub fn growth_rate(&self) -> Option<f64> {
        let (start, end) = (self.customers_start?, self.customers_end?);
        ratio(Some(end - start), Some(start))
    }

    /// churned customers / customers at start.
    pub fn churn_rate(&self) -> Option<f64> {
        ratio(self.churned_customers, self.customers_start)
    }

    /// 1 − churn rate.
    pub fn retention_rate(&self) -> Option<f64> {
        self.churn_rate().map(|c| 1.0 - c)
    }

    /// conversions / visits.
    pub fn conversion_rate(&self) -> Option<f64> {
        ratio(self.conversions, self.visits)
    }

    /// loyal customers at end / customers at end.
    pub fn loyal_share(&self) -> Option<f64> {
        ratio(self.loyal_customers, self.customers_end)
    }

    /// revenue / spend.
    pub fn return_on_ad_spend(&self) -> Option<f64> {
        ratio(self.revenue, self.spend)
    }

    /// spend / conversions, in money.
    pub fn cost_per_conversion(&self) -> Option<Amount> {
        self.spend?.per(self.conversions?)
    }

    /// clicks / impressions.
    pub fn click_through_rate(&self) -> Option<f64> {
        ratio(self.clicks, self.impressions)
    }

    /// spend / clicks, in money.
    pub fn cost_per_click(&self) -> Option<Amount> {
        self.spend?.per(self.clicks?)
    }

    /// leads / visits: the funnel's first step.
    pub fn lead_rate(&self) -> Option<f64> {
        ratio(self.leads, self.visits)
    }

    /// conversions / leads: the funnel's second step.
    pub fn lead_conversion_rate(&self) -> Option<f64> {
        ratio(self.conversions, self.leads)
    }

    /// new customers / conversions: the funnel's last step, the share of
    /// conversions that brought a customer who had never ordered.
    pub fn new_customer_rate(&self) -> Option<f64> {
        ratio(self.new_customers, self.conversions)
    }

    /// spend / new customers, in money.
    pub fn customer_acquisition_cost(&self) -> Option<Amount> {
        self.spend?.per(self.new_customers?)
    }
}

fn ratio(numerator: Option<Amount>, denominator: Option<Amount>) -> Option<f64> {
    numerator?.ratio(denominator?).filter(|r| r.is_finite())
}

/// The figures derived from the stored metrics that an objective may
/// target, with their unit: rates are read in percent (5 is 5%). Each is a
/// [`Kpi`](crate::metrics::kpi::Kpi) of the same key and measure (a test
/// holds them together); the metrics table is seeded from this list.
pub const DERIVED: &[(&str, crate::domain::Unit)] = {
    use crate::domain::Unit::{Money, Number, Percent};
    &[
        ("growth_rate", Percent),
        ("churn_rate", Percent),
        ("retention_rate", Percent),
        ("conversion_rate", Percent),
        ("loyal_share", Percent),
        ("cost_per_conversion", Money),
        ("customer_acquisition_cost", Money),
        ("return_on_ad_spend", Number),
        ("click_through_rate", Percent),
        ("cost_per_click", Money),
    ]
};

/// Whether `name` is a derived figure (worked out, never recorded).
pub fn is_derived(name: &str) -> bool {
    DERIVED.iter().any(|(n, _)| *n == name)
}

impl PeriodFigures {
    /// A derived figure by name, as an objective reads it: rates in
    /// percent rounded to four places, money as is; `None` where undefined
    /// or `name` is not derived.
    pub fn derived(&self, name: &str) -> Option<Amount> {
        use crate::metrics::kpi::{Figure, Kpi};
        let kpi = Kpi::from_key(name).filter(|k| is_derived(k.key()))?;
        let places = |d: Decimal| Amount::from_decimal(d.round_dp(4));
        match (kpi.value(self)?, kpi.measure()) {
            (Figure::Amount(a), _) => Some(a),
            (Figure::Rate(r), crate::metrics::kpi::Measure::Multiple) => {
                Decimal::from_f64(r).and_then(places)
            }
            (Figure::Rate(r), _) => Decimal::from_f64(r * 100.0).and_then(places),
        }
    }
}

/// A part's share of a whole (a segment's customers of all customers);
/// `None` when either is missing or the whole is zero.
pub fn share(part: Option<Amount>, whole: Option<Amount>) -> Option<f64> {
    ratio(part, whole)
}

/// One period's figures as `funnel kpi show --json` prints them.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRow {
    /// The period's label: "2026-W44", "2026-10", "2026-Q4", "2026".
    pub period: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub figures: PeriodFigures,
}

impl FigureRow {
    pub fn new(period: &Period, figures: PeriodFigures) -> Self {
        FigureRow {
            period: period.label(),
            start: period.start,
            end: period.end,
            figures,
        }
    }
}

impl serde::Serialize for FigureRow {
    /// The documented object, keys in the documented order, a number or `null` each; rates
    /// are fractions rounded to 6 decimal places and written as exact
    /// decimals (`0.034`, never `3.4e-2`), so the output is stable.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = &self.figures;
        let mut o = s.serialize_struct("FigureRow", 29)?;
        o.serialize_field("period", &self.period)?;
        o.serialize_field("start", &self.start.format("%Y-%m-%d").to_string())?;
        o.serialize_field("end", &self.end.format("%Y-%m-%d").to_string())?;
        o.serialize_field("customers_start", &f.customers_start)?;
        o.serialize_field("customers_end", &f.customers_end)?;
        o.serialize_field("new_customers", &f.new_customers)?;
        o.serialize_field("churned_customers", &f.churned_customers)?;
        o.serialize_field("reactivated_customers", &f.reactivated_customers)?;
        o.serialize_field("loyal_customers", &f.loyal_customers)?;
        o.serialize_field("visits", &f.visits)?;
        o.serialize_field("leads", &f.leads)?;
        o.serialize_field("conversions", &f.conversions)?;
        o.serialize_field("spend", &f.spend)?;
        o.serialize_field("revenue", &f.revenue)?;
        o.serialize_field("growth_rate", &rate(f.growth_rate()))?;
        o.serialize_field("churn_rate", &rate(f.churn_rate()))?;
        o.serialize_field("retention_rate", &rate(f.retention_rate()))?;
        o.serialize_field("conversion_rate", &rate(f.conversion_rate()))?;
        o.serialize_field("cost_per_conversion", &f.cost_per_conversion())?;
        o.serialize_field("customer_acquisition_cost", &f.customer_acquisition_cost())?;
        o.serialize_field("loyal_share", &rate(f.loyal_share()))?;
        o.serialize_field("return_on_ad_spend", &rate(f.return_on_ad_spend()))?;
        // Added after the first release: at the end, so the keys before
        // keep their places.
        o.serialize_field("impressions", &f.impressions)?;
        o.serialize_field("clicks", &f.clicks)?;
        o.serialize_field("click_through_rate", &rate(f.click_through_rate()))?;
        o.serialize_field("cost_per_click", &f.cost_per_click())?;
        o.serialize_field("lead_rate", &rate(f.lead_rate()))?;
        o.serialize_field("lead_conversion_rate", &rate(f.lead_conversion_rate()))?;
        o.serialize_field("new_customer_rate", &rate(f.new_customer_rate()))?;
        o.end()
    }
}

/// A rate rounded half away from zero to 6 places, as an exact JSON number.
fn rate(r: Option<f64>) -> Option<serde_json::Number> {
    let d = Decimal::from_f64(r?)?
        .round_dp_with_strategy(6, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    let text = if d.is_zero() {
        "0".to_string()
    } else {
        d.to_string()
    };
    serde_json::Number::from_str(&text).ok()
}

#[cfg(test)]
#[path = "figures_tests.rs"]
mod tests;
