//! A campaign's score: its pacing (the one rule of [`super::pacing`]) with
//! the conversions and revenue attributed to it, and the ratios the KPIs
//! use for them (cost per conversion, return on ad spend).

use serde::Serialize;

use super::PeriodFigures;
use super::pacing::Pacing;
use crate::domain::Amount;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CampaignScore {
    pub pacing: Pacing,
    /// Conversions attributed to the campaign; `None` where none were
    /// recorded.
    pub conversions: Option<Amount>,
    /// Revenue attributed to the campaign; `None` where not known.
    pub revenue: Option<Amount>,
}

impl CampaignScore {
    /// The figures the ratios are read from, so that they mean what they
    /// mean on the KPIs tab.
    fn figures(&self) -> PeriodFigures {
        PeriodFigures {
            spend: Some(self.pacing.spent),
            conversions: self.conversions,
            revenue: self.revenue,
            ..PeriodFigures::default()
        }
    }

    /// spent / conversions.
    pub fn cost_per_conversion(&self) -> Option<Amount> {
        self.figures().cost_per_conversion()
    }

    /// revenue / spent.
    pub fn return_on_ad_spend(&self) -> Option<f64> {
        self.figures().return_on_ad_spend()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::pacing::pacing;

    #[test]
    fn ratios_are_of_the_spend_and_absent_without_their_figures() {
        let d = |s: &str| s.parse().expect("date");
        let p = pacing(
            Amount::from_int(1000),
            Amount::from_int(600),
            d("2026-11-01"),
            d("2026-11-10"),
            d("2026-11-20"),
        );
        let s = CampaignScore {
            pacing: p,
            conversions: Some(Amount::from_int(24)),
            revenue: Some(Amount::from_int(1500)),
        };
        assert_eq!(s.cost_per_conversion(), Some(Amount::from_int(25)));
        assert_eq!(s.return_on_ad_spend(), Some(2.5));
        let none = CampaignScore {
            pacing: p,
            conversions: None,
            revenue: None,
        };
        assert_eq!(
            (none.cost_per_conversion(), none.return_on_ad_spend()),
            (None, None)
        );
    }
}
