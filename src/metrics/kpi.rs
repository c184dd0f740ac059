//! The one list of headline figures: each one's key (as in `kpi show
//! --json`), how it is read, which way is good, and its value in a
//! period's figures. The metrics, the report, the KPIs tab and the JSON
//! all walk this list, so a figure is named and judged in one place.

use serde::Serialize;

use crate::domain::Amount;
use crate::metrics::PeriodFigures;

/// How a figure is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Count,
    Money,
    /// A fraction, read as a percentage.
    Rate,
    /// A ratio read as a multiple (return on ad spend).
    Multiple,
}

/// A figure's value: an exact amount (a count or money), or a rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    Amount(Amount),
    Rate(f64),
}

impl Serialize for Figure {
    /// An amount exactly; a rate rounded to six places, as in `kpi show`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Figure::Amount(a) => a.serialize(s),
            Figure::Rate(r) => ((r * 1e6).round() / 1e6).serialize(s),
        }
    }
}

impl Figure {
    /// Below zero, zero or above.
    fn sign(self) -> i8 {
        let (neg, zero) = match self {
            Figure::Amount(a) => (a.raw() < 0, a.raw() == 0),
            Figure::Rate(r) => (r < 0.0, r == 0.0 || !r.is_finite()),
        };
        if zero {
            0
        } else if neg {
            -1
        } else {
            1
        }
    }
}

/// Which way a figure is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Good {
    Higher,
    Lower,
}

/// What a change means for the business, by which way its figure is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Better,
    Worse,
    Same,
}

/// The headline figures, in the order a reader scans them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kpi {
    CustomersStart,
    CustomersEnd,
    NewCustomers,
    ChurnedCustomers,
    ReactivatedCustomers,
    LoyalCustomers,
    LoyalShare,
    ChurnRate,
    RetentionRate,
    GrowthRate,
    Visits,
    Leads,
    Conversions,
    ConversionRate,
    Impressions,
    Clicks,
    ClickThroughRate,
    Spend,
    CostPerClick,
    CostPerConversion,
    CustomerAcquisitionCost,
    Revenue,
    ReturnOnAdSpend,
}

impl Kpi {
    pub const ALL: [Kpi; 23] = [
        Kpi::CustomersStart,
        Kpi::CustomersEnd,
        Kpi::NewCustomers,
        Kpi::ChurnedCustomers,
        Kpi::ReactivatedCustomers,
        Kpi::LoyalCustomers,
        Kpi::LoyalShare,
        Kpi::ChurnRate,
        Kpi::RetentionRate,
        Kpi::GrowthRate,
        Kpi::Visits,
        Kpi::Leads,
        Kpi::Conversions,
        Kpi::ConversionRate,
        Kpi::Impressions,
        Kpi::Clicks,
        Kpi::ClickThroughRate,
        Kpi::Spend,
        Kpi::CostPerClick,
        Kpi::CostPerConversion,
        Kpi::CustomerAcquisitionCost,
        Kpi::Revenue,
        Kpi::ReturnOnAdSpend,
    ];

    /// The key in `kpi show --json` and the report's JSON.
    pub fn key(self) -> &'static str {
        match self {
            Kpi::CustomersStart => "customers_start",
            Kpi::CustomersEnd => "customers_end",
            Kpi::NewCustomers => "new_customers",
            Kpi::ChurnedCustomers => "churned_customers",
            Kpi::ReactivatedCustomers => "reactivated_customers",
            Kpi::LoyalCustomers => "loyal_customers",
            Kpi::LoyalShare => "loyal_share",
            Kpi::ChurnRate => "churn_rate",
            Kpi::RetentionRate => "retention_rate",
            Kpi::GrowthRate => "growth_rate",
            Kpi::Visits => "visits",
            Kpi::Leads => "leads",
            Kpi::Conversions => "conversions",
            Kpi::ConversionRate => "conversion_rate",
            Kpi::Impressions => "impressions",
            Kpi::Clicks => "clicks",
            Kpi::ClickThroughRate => "click_through_rate",
            Kpi::Spend => "spend",
            Kpi::CostPerClick => "cost_per_click",
            Kpi::CostPerConversion => "cost_per_conversion",
            Kpi::CustomerAcquisitionCost => "customer_acquisition_cost",
            Kpi::Revenue => "revenue",
            Kpi::ReturnOnAdSpend => "return_on_ad_spend",
        }
    }

    /// The figure a key names.
    pub fn from_key(key: &str) -> Option<Kpi> {
        Kpi::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The headline figure a catalog metric is, if it is one: the gauge
    /// `customers` is the customers at a period's end; the others share
    /// their key with their figure.
    pub fn of_metric(name: &str) -> Option<Kpi> {
        match name {
            "customers" => Some(Kpi::CustomersEnd),
            other => Kpi::from_key(other),
        }
    }

    pub fn measure(self) -> Measure {
        use Kpi::*;
        match self {
            LoyalShare | ChurnRate | RetentionRate | GrowthRate | ConversionRate
            | ClickThroughRate => Measure::Rate,
            Spend | CostPerClick | CostPerConversion | CustomerAcquisitionCost | Revenue => {
                Measure::Money
            }
            ReturnOnAdSpend => Measure::Multiple,
            _ => Measure::Count,
        }
    }

    /// Which way is good: losing customers and paying more for the same
    /// result are bad news, whatever the sign says.
    pub fn good(self) -> Good {
        use Kpi::*;
        match self {
            ChurnedCustomers
            | ChurnRate
            | Spend
            | CostPerClick
            | CostPerConversion
            | CustomerAcquisitionCost => Good::Lower,
            _ => Good::Higher,
        }
    }

    /// Whether the figure is a level read on a day (customers, loyal
    /// customers) rather than summed over the days.
    pub fn is_gauge(self) -> bool {
        matches!(
            self,
            Kpi::CustomersStart | Kpi::CustomersEnd | Kpi::LoyalCustomers
        )
    }

    /// Whether the figure only means something for a business with ads.
    pub fn is_ads(self) -> bool {
        matches!(
            self,
            Kpi::Impressions | Kpi::Clicks | Kpi::ClickThroughRate | Kpi::CostPerClick
        )
    }

    /// The figure's value in a period's figures.
    pub fn value(self, f: &PeriodFigures) -> Option<Figure> {
        let amount = |a: Option<Amount>| a.map(Figure::Amount);
        let rate = |r: Option<f64>| r.map(Figure::Rate);
        match self {
            Kpi::CustomersStart => amount(f.customers_start),
            Kpi::CustomersEnd => amount(f.customers_end),
            Kpi::NewCustomers => amount(f.new_customers),
            Kpi::ChurnedCustomers => amount(f.churned_customers),
            Kpi::ReactivatedCustomers => amount(f.reactivated_customers),
            Kpi::LoyalCustomers => amount(f.loyal_customers),
            Kpi::LoyalShare => rate(f.loyal_share()),
            Kpi::ChurnRate => rate(f.churn_rate()),
            Kpi::RetentionRate => rate(f.retention_rate()),
            Kpi::GrowthRate => rate(f.growth_rate()),
            Kpi::Visits => amount(f.visits),
            Kpi::Leads => amount(f.leads),
            Kpi::Conversions => amount(f.conversions),
            Kpi::ConversionRate => rate(f.conversion_rate()),
            Kpi::Impressions => amount(f.impressions),
            Kpi::Clicks => amount(f.clicks),
            Kpi::ClickThroughRate => rate(f.click_through_rate()),
            Kpi::Spend => amount(f.spend),
            Kpi::CostPerClick => amount(f.cost_per_click()),
            Kpi::CostPerConversion => amount(f.cost_per_conversion()),
            Kpi::CustomerAcquisitionCost => amount(f.customer_acquisition_cost()),
            Kpi::Revenue => amount(f.revenue),
            Kpi::ReturnOnAdSpend => rate(f.return_on_ad_spend()),
        }
    }

    /// What a change of this figure means.
    pub fn verdict(self, change: Figure) -> Verdict {
        match (change.sign(), self.good()) {
            (0, _) => Verdict::Same,
            (1, Good::Higher) | (-1, Good::Lower) => Verdict::Better,
            _ => Verdict::Worse,
        }
    }

    /// The figure's words in the reader's locale.
    pub fn label(self, w: &crate::i18n::Words) -> &'static str {
        match self {
            Kpi::CustomersStart => w.customers_start,
            Kpi::CustomersEnd => w.customers,
            Kpi::NewCustomers => w.new_customers,
            Kpi::ChurnedCustomers => w.churned_customers,
            Kpi::ReactivatedCustomers => w.reactivated_customers,
            Kpi::LoyalCustomers => w.loyal_customers,
            Kpi::LoyalShare => w.loyal_share,
            Kpi::ChurnRate => w.churn_rate,
            Kpi::RetentionRate => w.retention_rate,
            Kpi::GrowthRate => w.growth_rate,
            Kpi::Visits => w.visits,
            Kpi::Leads => w.leads,
            Kpi::Conversions => w.conversions,
            Kpi::ConversionRate => w.conversion_rate,
            Kpi::Impressions => w.impressions,
            Kpi::Clicks => w.clicks,
            Kpi::ClickThroughRate => w.click_through_rate,
            Kpi::Spend => w.spend,
            Kpi::CostPerClick => w.cost_per_click,
            Kpi::CostPerConversion => w.cost_per_conversion,
            Kpi::CustomerAcquisitionCost => w.customer_acquisition_cost,
            Kpi::Revenue => w.revenue,
            Kpi::ReturnOnAdSpend => w.return_on_ad_spend,
        }
    }
}

/// A metric's name as a reader reads it: its figure's words, else the
/// metric's own name (a user's own metric has no other). The JSON keeps
/// the name.
pub fn metric_label<'a>(name: &'a str, w: &crate::i18n::Words) -> &'a str {
    Kpi::of_metric(name).map_or(name, |k| k.label(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_read_as_their_figures_words_and_a_users_own_as_its_name() {
        let (en, vi) = (&crate::i18n::EN, &crate::i18n::VI);
        assert_eq!(metric_label("customers", en), "Customers");
        assert_eq!(metric_label("customers", vi), "Khách hàng");
        assert_eq!(metric_label("new_customers", en), "New customers");
        assert_eq!(metric_label("reactivated_customers", vi), "Quay lại");
        assert_eq!(metric_label("zalo_followers", vi), "zalo_followers");
    }

    #[test]
    fn keys_are_unique_and_read_back() {
        for k in Kpi::ALL {
            assert_eq!(Kpi::from_key(k.key()), Some(k));
        }
        assert_eq!(Kpi::from_key("churn"), None);
    }

    #[test]
    fn down_is_better_for_churn_and_costs() {
        let down = Figure::Amount(Amount::from_int(-5));
        let up = Figure::Rate(0.02);
        for k in [
            Kpi::ChurnRate,
            Kpi::ChurnedCustomers,
            Kpi::Spend,
            Kpi::CostPerConversion,
            Kpi::CustomerAcquisitionCost,
            Kpi::CostPerClick,
        ] {
            assert_eq!(k.verdict(down), Verdict::Better, "{k:?}");
            assert_eq!(k.verdict(up), Verdict::Worse, "{k:?}");
        }
        for k in [
            Kpi::NewCustomers,
            Kpi::Revenue,
            Kpi::RetentionRate,
            Kpi::ReturnOnAdSpend,
        ] {
            assert_eq!(k.verdict(down), Verdict::Worse, "{k:?}");
            assert_eq!(k.verdict(up), Verdict::Better, "{k:?}");
        }
        assert_eq!(Kpi::Spend.verdict(Figure::Rate(0.0)), Verdict::Same);
        assert_eq!(
            Kpi::Visits.verdict(Figure::Amount(Amount::from_int(0))),
            Verdict::Same
        );
    }

    #[test]
    fn every_figure_has_words_in_both_locales() {
        for w in [&crate::i18n::EN, &crate::i18n::VI] {
            for k in Kpi::ALL {
                assert!(!k.label(w).is_empty(), "{k:?}");
            }
        }
    }
}
