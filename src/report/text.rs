//! Figures as a reader sees them: labels from the locale's catalog,
//! values in their unit, "—" where undefined, signed changes.

use super::{Figure, Headline, Measure};
use crate::domain::{Amount, Unit};
use crate::i18n::{Format, Words};

/// The catalog's label of a headline figure.
pub fn label(w: &Words, key: &str) -> &'static str {
    match key {
        "customers_start" => w.customers_start,
        "customers_end" => w.customers,
        "new_customers" => w.new_customers,
        "churned_customers" => w.churned_customers,
        "reactivated_customers" => w.reactivated_customers,
        "loyal_customers" => w.loyal_customers,
        "loyal_share" => w.loyal_share,
        "churn_rate" => w.churn_rate,
        "retention_rate" => w.retention_rate,
        "leads" => w.leads,
        "growth_rate" => w.growth_rate,
        "visits" => w.visits,
        "conversions" => w.conversions,
        "conversion_rate" => w.conversion_rate,
        "impressions" => w.impressions,
        "clicks" => w.clicks,
        "click_through_rate" => w.click_through_rate,
        "spend" => w.spend,
        "cost_per_click" => w.cost_per_click,
        "cost_per_conversion" => w.cost_per_conversion,
        "customer_acquisition_cost" => w.customer_acquisition_cost,
        "revenue" => w.revenue,
        "return_on_ad_spend" => w.return_on_ad_spend,
        _ => "",
    }
}

pub const DASH: &str = "—";

/// A figure for reading; "—" where undefined.
pub fn show(fmt: Format, measure: Measure, v: Option<Figure>) -> String {
    match (measure, v) {
        (_, None) => DASH.into(),
        (Measure::Count, Some(Figure::Amount(a))) => fmt.count(a),
        (Measure::Money, Some(Figure::Amount(a))) => fmt.money(a),
        (Measure::Rate, Some(Figure::Rate(r))) if r.is_finite() => fmt.percent(r),
        (Measure::Multiple, Some(Figure::Rate(r))) if r.is_finite() => fmt.times(r),
        _ => DASH.into(),
    }
}

/// A plus sign before a positive change; none before zero.
fn signed(s: String) -> String {
    let zero = !s.chars().any(|c| c.is_ascii_digit() && c != '0');
    if s.starts_with('-') || s.starts_with('+') || zero {
        s
    } else {
        format!("+{s}")
    }
}

/// The change against the previous period: absolute, and relative for
/// amounts; in points for rates.
pub fn change(fmt: Format, h: &Headline) -> String {
    match (h.measure, h.change) {
        (_, None) => DASH.into(),
        (Measure::Rate, Some(Figure::Rate(p))) => fmt.points(p),
        (Measure::Multiple, Some(Figure::Rate(p))) => signed(fmt.times(p)),
        (m, c) => {
            let pct = h
                .change_ratio
                .map(|r| format!(" ({})", signed(fmt.percent(r))))
                .unwrap_or_default();
            format!("{}{pct}", signed(show(fmt, m, c)))
        }
    }
}

/// An objective's value in its metric's unit.
pub fn in_unit(fmt: Format, unit: Unit, v: Amount) -> String {
    match unit {
        Unit::Count => fmt.count(v),
        Unit::Money => fmt.money(v),
        Unit::Percent | Unit::Number => fmt.number(v, 2),
    }
}
