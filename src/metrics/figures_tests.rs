use super::*;
use chrono::Weekday::Mon;

fn a(s: &str) -> Option<Amount> {
    Some(s.parse().expect("test amount"))
}

#[test]
fn a_share_is_undefined_without_a_whole() {
    assert_eq!(share(a("49"), a("200")), Some(0.245));
    assert_eq!(share(a("0"), a("200")), Some(0.0));
    assert_eq!(share(a("5"), a("0")), None);
    assert_eq!(share(None, a("200")), None);
    assert_eq!(share(a("5"), None), None);
}

fn full() -> PeriodFigures {
    PeriodFigures {
        customers_start: a("200"),
        customers_end: a("230"),
        new_customers: a("40"),
        churned_customers: a("16"),
        reactivated_customers: a("6"),
        loyal_customers: a("46"),
        visits: a("5000"),
        leads: a("300"),
        conversions: a("170"),
        spend: a("1234.5"),
        revenue: a("4938"),
        impressions: a("40000"),
        clicks: a("800"),
    }
}

#[test]
fn click_through_rate_and_cost_per_click_by_hand() {
    let f = full();
    assert_eq!(f.click_through_rate(), Some(0.02)); // 800 / 40,000
    assert_eq!(f.cost_per_click(), a("1.5431")); // 1234.5 / 800 = 1.543125
    for (impressions, clicks) in [(a("0"), a("0")), (None, None)] {
        let f = PeriodFigures {
            impressions,
            clicks,
            ..full()
        };
        assert_eq!(f.click_through_rate(), None);
        assert_eq!(f.cost_per_click(), None);
        assert_eq!(f.derived("click_through_rate"), None);
    }
    assert_eq!(f.derived("click_through_rate"), a("2"));
    assert_eq!(f.derived("cost_per_click"), a("1.5431"));
    assert!(is_derived("cost_per_click"));
}

#[test]
fn every_ratio_by_hand() {
    let f = full();
    assert_eq!(f.growth_rate(), Some(0.15)); // 30 / 200
    assert_eq!(f.churn_rate(), Some(0.08)); // 16 / 200
    assert_eq!(f.retention_rate(), Some(0.92));
    assert_eq!(f.conversion_rate(), Some(0.034)); // 170 / 5000
    assert_eq!(f.loyal_share(), Some(0.2)); // 46 / 230
    assert_eq!(f.return_on_ad_spend(), Some(4.0)); // 4938 / 1234.5
    assert_eq!(f.cost_per_conversion(), a("7.2618")); // 1234.5 / 170 = 7.26176...
    assert_eq!(f.customer_acquisition_cost(), a("30.8625")); // 1234.5 / 40
}

#[test]
fn zero_denominators_give_none() {
    let zero = a("0");
    let f = PeriodFigures {
        customers_start: zero,
        customers_end: zero,
        new_customers: zero,
        visits: zero,
        conversions: zero,
        spend: zero,
        ..full()
    };
    assert_eq!(f.growth_rate(), None);
    assert_eq!(f.churn_rate(), None);
    assert_eq!(f.retention_rate(), None);
    assert_eq!(f.conversion_rate(), None);
    assert_eq!(f.loyal_share(), None);
    assert_eq!(f.return_on_ad_spend(), None);
    assert_eq!(f.cost_per_conversion(), None);
    assert_eq!(f.customer_acquisition_cost(), None);
}

#[test]
fn missing_denominators_or_numerators_give_none() {
    let no_denominators = PeriodFigures {
        customers_start: None,
        customers_end: None,
        new_customers: None,
        visits: None,
        conversions: None,
        spend: None,
        ..full()
    };
    let no_numerators = PeriodFigures {
        customers_end: None,
        churned_customers: None,
        conversions: None,
        loyal_customers: None,
        revenue: None,
        spend: None,
        ..full()
    };
    for f in [no_denominators, no_numerators, PeriodFigures::default()] {
        assert_eq!(f.growth_rate(), None);
        assert_eq!(f.churn_rate(), None);
        assert_eq!(f.retention_rate(), None);
        assert_eq!(f.conversion_rate(), None);
        assert_eq!(f.loyal_share(), None);
        assert_eq!(f.return_on_ad_spend(), None);
        assert_eq!(f.cost_per_conversion(), None);
        assert_eq!(f.customer_acquisition_cost(), None);
    }
}

#[test]
fn zero_numerators_give_zero_rates() {
    let f = PeriodFigures {
        churned_customers: a("0"),
        conversions: a("0"),
        ..full()
    };
    assert_eq!(f.churn_rate(), Some(0.0));
    assert_eq!(f.retention_rate(), Some(1.0));
    assert_eq!(f.conversion_rate(), Some(0.0));
}

#[test]
fn customer_figures_fill_the_customer_fields() {
    let mut f = PeriodFigures::default();
    f.set_customers(&CustomerFigures {
        customers_start: 10,
        customers_end: 12,
        new: 3,
        churned: 2,
        reactivated: 1,
        loyal_end: 4,
    });
    assert_eq!(f.customers_end, a("12"));
    assert_eq!(f.loyal_customers, a("4"));
    assert_eq!(f.growth_rate(), Some(0.2));
    assert_eq!(f.visits, None);
}

#[test]
fn json_row_has_the_spec_keys_in_order() {
    let p = Period::parse("2026-10", Mon).expect("month");
    let f = PeriodFigures {
        customers_start: a("300"),
        customers_end: a("290"),
        churned_customers: a("1"),
        visits: None,
        ..full()
    };
    let json = serde_json::to_string(&FigureRow::new(&p, f)).expect("json");
    let want = concat!(
        r#"{"period":"2026-10","start":"2026-10-01","end":"2026-10-31","#,
        r#""customers_start":300,"customers_end":290,"new_customers":40,"#,
        r#""churned_customers":1,"reactivated_customers":6,"loyal_customers":46,"#,
        r#""visits":null,"leads":300,"conversions":170,"spend":1234.5,"revenue":4938,"#,
        r#""growth_rate":-0.033333,"churn_rate":0.003333,"retention_rate":0.996667,"#,
        r#""conversion_rate":null,"cost_per_conversion":7.2618,"#,
        r#""customer_acquisition_cost":30.8625,"loyal_share":0.158621,"#,
        r#""return_on_ad_spend":4,"impressions":40000,"clicks":800,"#,
        r#""click_through_rate":0.02,"cost_per_click":1.5431,"#,
        r#""lead_rate":null,"lead_conversion_rate":0.566667,"new_customer_rate":0.235294}"#
    );
    assert_eq!(json, want);
}

#[test]
fn funnel_steps_by_hand() {
    let f = PeriodFigures {
        visits: a("12000"),
        ..full()
    };
    assert_eq!(f.lead_rate(), Some(0.025)); // 300 / 12000
    assert_eq!(f.lead_conversion_rate(), Some(170.0 / 300.0));
    assert_eq!(f.new_customer_rate(), Some(40.0 / 170.0));
    let none = PeriodFigures { leads: a("0"), ..f };
    assert_eq!(none.lead_conversion_rate(), None);
}

#[test]
fn derived_figures_are_kpis_of_the_same_measure() {
    use crate::domain::Unit;
    use crate::metrics::kpi::{Kpi, Measure};
    for (name, unit) in DERIVED {
        let kpi = Kpi::from_key(name).expect("a figure of the one list");
        let want = match kpi.measure() {
            Measure::Rate => Unit::Percent,
            Measure::Money => Unit::Money,
            Measure::Multiple => Unit::Number,
            Measure::Count => Unit::Count,
        };
        assert_eq!(*unit, want, "{name}");
    }
    // Every ratio of the list is one an objective may target.
    for k in Kpi::ALL {
        let ratio = matches!(k.measure(), Measure::Rate | Measure::Multiple)
            || matches!(
                k,
                Kpi::CostPerConversion | Kpi::CustomerAcquisitionCost | Kpi::CostPerClick
            );
        assert_eq!(is_derived(k.key()), ratio, "{k:?}");
    }
}

#[test]
fn rates_are_stable_decimals() {
    let n = |x: f64| rate(Some(x)).map(|n| n.to_string());
    assert_eq!(n(0.000001), Some("0.000001".into()));
    assert_eq!(n(0.0000004), Some("0".into()));
    assert_eq!(n(-0.0000004), Some("0".into()));
    assert_eq!(n(0.1 + 0.2), Some("0.3".into()));
    assert_eq!(n(2.0 / 3.0), Some("0.666667".into()));
    assert_eq!(n(-1.5), Some("-1.5".into()));
    assert_eq!(rate(None), None);
}
