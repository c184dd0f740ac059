//! The period report: headline figures with their change against the
//! previous period, objectives against their targets, overdue tasks and
//! campaigns over budget. Built here as data; `funnel report` renders it
//! as text, markdown or JSON.

pub mod forecast;
pub mod funnel;
pub mod text;

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::{Analysis, BudgetState, CustomerSource, ObjectiveState};
use crate::config::Config;
use crate::domain::{Amount, Dimension, Note, TaskStatus};
use crate::metrics::pacing::{pacing, reviewed};
use crate::metrics::{FigureRow, Funnel, Period, PeriodFigures};
use crate::store::tasks::TaskQuery;
use crate::store::{Result, Store};

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

/// One headline figure of the period and the period before.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    /// The metric's name as in `kpi show --json`.
    pub key: &'static str,
    pub measure: Measure,
    pub current: Option<Figure>,
    pub previous: Option<Figure>,
    /// current − previous (for rates: in fraction points).
    pub change: Option<Figure>,
    /// change / previous; `None` where previous is zero or missing.
    pub change_ratio: Option<f64>,
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
    fn minus(self, other: Figure) -> Option<Figure> {
        match (self, other) {
            (Figure::Amount(a), Figure::Amount(b)) => Some(Figure::Amount(a - b)),
            (Figure::Rate(a), Figure::Rate(b)) => Some(Figure::Rate(a - b)),
            _ => None,
        }
    }

    /// `self / other`, `None` where `other` is zero.
    fn ratio(self, other: Figure) -> Option<f64> {
        match (self, other) {
            (Figure::Amount(a), Figure::Amount(b)) => a.ratio(Amount::from_raw(b.raw().abs())),
            (Figure::Rate(a), Figure::Rate(b)) => (b != 0.0).then(|| a / b.abs()),
            _ => None,
        }
    }
}

fn amount(a: Option<Amount>) -> Option<Figure> {
    a.map(Figure::Amount)
}

fn rate(r: Option<f64>) -> Option<Figure> {
    r.map(Figure::Rate)
}

/// The headline figures in the order a reader scans them; impressions,
/// clicks and their ratios only where either period has impressions or
/// clicks (a business without ads is not shown four rows of "—").
pub fn headlines(cur: &PeriodFigures, prev: &PeriodFigures) -> Vec<Headline> {
    headlines_of(cur, prev, has_ads(cur) || has_ads(prev))
}

/// Whether a period has impressions or clicks.
pub fn has_ads(f: &PeriodFigures) -> bool {
    f.impressions.is_some() || f.clicks.is_some()
}

/// The headline figures, with the rows of impressions, clicks and their
/// ratios where `with_ads`.
pub fn headlines_of(cur: &PeriodFigures, prev: &PeriodFigures, with_ads: bool) -> Vec<Headline> {
    type Pick = fn(&PeriodFigures) -> Option<Figure>;
    let rows: [(&'static str, Measure, Pick); 23] = [
        ("customers_start", Measure::Count, |f| {
            amount(f.customers_start)
        }),
        ("customers_end", Measure::Count, |f| amount(f.customers_end)),
        ("new_customers", Measure::Count, |f| amount(f.new_customers)),
        ("churned_customers", Measure::Count, |f| {
            amount(f.churned_customers)
        }),
        ("reactivated_customers", Measure::Count, |f| {
            amount(f.reactivated_customers)
        }),
        ("loyal_customers", Measure::Count, |f| {
            amount(f.loyal_customers)
        }),
        ("loyal_share", Measure::Rate, |f| rate(f.loyal_share())),
        ("churn_rate", Measure::Rate, |f| rate(f.churn_rate())),
        ("retention_rate", Measure::Rate, |f| {
            rate(f.retention_rate())
        }),
        ("growth_rate", Measure::Rate, |f| rate(f.growth_rate())),
        ("visits", Measure::Count, |f| amount(f.visits)),
        ("leads", Measure::Count, |f| amount(f.leads)),
        ("conversions", Measure::Count, |f| amount(f.conversions)),
        ("conversion_rate", Measure::Rate, |f| {
            rate(f.conversion_rate())
        }),
        ("impressions", Measure::Count, |f| amount(f.impressions)),
        ("clicks", Measure::Count, |f| amount(f.clicks)),
        ("click_through_rate", Measure::Rate, |f| {
            rate(f.click_through_rate())
        }),
        ("spend", Measure::Money, |f| amount(f.spend)),
        ("cost_per_click", Measure::Money, |f| {
            amount(f.cost_per_click())
        }),
        ("cost_per_conversion", Measure::Money, |f| {
            amount(f.cost_per_conversion())
        }),
        ("customer_acquisition_cost", Measure::Money, |f| {
            amount(f.customer_acquisition_cost())
        }),
        ("revenue", Measure::Money, |f| amount(f.revenue)),
        ("return_on_ad_spend", Measure::Multiple, |f| {
            rate(f.return_on_ad_spend())
        }),
    ];
    const ADS: [&str; 4] = [
        "impressions",
        "clicks",
        "click_through_rate",
        "cost_per_click",
    ];
    rows.iter()
        .filter(|(key, _, _)| with_ads || !ADS.contains(key))
        .map(|(key, measure, pick)| {
            let (c, p) = (pick(cur), pick(prev));
            let change = c.zip(p).and_then(|(c, p)| c.minus(p));
            let change_ratio = change.zip(p).and_then(|(d, p)| d.ratio(p));
            Headline {
                key,
                measure: *measure,
                current: c,
                previous: p,
                change,
                change_ratio,
            }
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct OverdueTask {
    pub id: i64,
    pub title: String,
    pub due: NaiveDate,
    pub days_late: i64,
    pub assignee: Option<String>,
    pub campaign: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OverBudget {
    pub id: i64,
    pub name: String,
    pub budget: Amount,
    pub spent: Amount,
    /// spent / budget.
    pub used: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub period: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub as_of: NaiveDate,
    /// The period is still running: its figures are to date.
    pub to_date: bool,
    pub previous_period: String,
    pub customer_source: CustomerSource,
    pub figures: FigureRow,
    pub previous: FigureRow,
    pub headlines: Vec<Headline>,
    /// Visits → leads → conversions → new customers, against the same
    /// period as the headlines.
    pub funnel: Funnel,
    pub objectives: Vec<ObjectiveState>,
    /// All overdue tasks; [`OVERDUE_LISTED`] of them are listed.
    pub overdue_total: usize,
    pub overdue_tasks: Vec<OverdueTask>,
    pub over_budget: Vec<OverBudget>,
    pub notes: Vec<Note>,
    /// Budgets whose period meets the report's, read today: when each
    /// runs out at the current pace.
    pub budgets: Vec<BudgetState>,
}

/// How many overdue tasks a report lists (the most late first); the rest
/// are counted.
pub const OVERDUE_LISTED: usize = 20;

/// The report of `period` as of `today`. Objectives are those running
/// during the period, read at its end (or today); campaigns over budget
/// (by the pacing rule) are those running during the period or ending in
/// the one before; overdue tasks are today's.
pub fn build(store: &Store, period: Period, config: &Config, today: NaiveDate) -> Result<Report> {
    let analysis = Analysis::new(store, config, today);
    let previous = period.prev();
    let f = analysis.figures(&[previous, period], Dimension::Total)?;
    let (prev_f, cur_f) = match f.figures.as_slice() {
        [p, c] => (p.clone(), c.clone()),
        _ => (PeriodFigures::default(), PeriodFigures::default()),
    };
    let read_at = period.end.min(today);
    let objectives = store
        .objectives()?
        .iter()
        .filter(|o| o.start <= period.end && o.deadline >= period.start)
        .map(|o| analysis.objective_state(o, read_at))
        .collect::<Result<Vec<_>>>()?;
    let campaigns = store.campaigns()?;
    let people = store.people()?;
    let mut overdue_tasks: Vec<OverdueTask> = store
        .tasks(&TaskQuery {
            open_only: true,
            due_before: Some(today),
            ..TaskQuery::default()
        })?
        .into_iter()
        .filter(|t| t.status != TaskStatus::Done)
        .filter_map(|t| {
            let due = t.due?;
            Some(OverdueTask {
                id: t.id.0,
                title: t.title.clone(),
                due,
                days_late: (today - due).num_days(),
                assignee: t
                    .assignee
                    .and_then(|a| people.iter().find(|p| p.id == a))
                    .map(|p| p.name.clone()),
                campaign: t
                    .campaign
                    .and_then(|c| campaigns.iter().find(|k| k.id == c))
                    .map(|k| k.name.clone()),
            })
        })
        .collect();
    let overdue_total = overdue_tasks.len();
    overdue_tasks.truncate(OVERDUE_LISTED);
    let mut over_budget = Vec::new();
    for c in campaigns
        .iter()
        .filter(|c| reviewed(c.start, c.end, previous.start, period.end))
    {
        let spent = analysis.campaign_spent(c)?;
        let pace = pacing(c.budget, spent, c.start, c.end, read_at);
        if pace.is_over_budget() {
            over_budget.push(OverBudget {
                id: c.id.0,
                name: c.name.clone(),
                budget: c.budget,
                spent,
                used: pace.used,
            });
        }
    }
    Ok(Report {
        period: period.label(),
        start: period.start,
        end: period.end,
        as_of: today,
        to_date: period.contains(today),
        previous_period: previous.label(),
        customer_source: f.customer_source,
        headlines: headlines(&cur_f, &prev_f),
        funnel: Funnel::of(&cur_f, &prev_f),
        figures: FigureRow::new(&period, cur_f),
        previous: FigureRow::new(&previous, prev_f),
        objectives,
        overdue_total,
        overdue_tasks,
        over_budget,
        notes: store.notes_between(period.start, period.end)?,
        budgets: budgets_meeting(store, &analysis, period)?,
    })
}

/// The budgets whose period meets `period`, the latest first.
fn budgets_meeting(store: &Store, analysis: &Analysis, period: Period) -> Result<Vec<BudgetState>> {
    let mut out = Vec::new();
    for b in store.budgets()? {
        let s = analysis.budget_state(&b)?;
        if s.start
            .zip(s.end)
            .is_some_and(|(start, end)| start <= period.end && end >= period.start)
        {
            out.push(s);
        }
    }
    out.sort_by_key(|b| std::cmp::Reverse(b.start));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_is_against_the_previous_period_and_undefined_without_it() {
        let prev = PeriodFigures {
            visits: Some(Amount::from_int(200)),
            conversions: Some(Amount::from_int(4)),
            ..PeriodFigures::default()
        };
        let cur = PeriodFigures {
            visits: Some(Amount::from_int(250)),
            conversions: Some(Amount::from_int(10)),
            spend: Some(Amount::from_int(500)),
            ..PeriodFigures::default()
        };
        let h = headlines(&cur, &prev);
        let get = |k: &str| h.iter().find(|x| x.key == k).expect("headline").clone();
        let visits = get("visits");
        assert_eq!(visits.change, Some(Figure::Amount(Amount::from_int(50))));
        assert_eq!(visits.change_ratio, Some(0.25));
        // 10/250 = 0.04 against 4/200 = 0.02: +0.02 points, +100 %.
        let cr = get("conversion_rate");
        let Some(Figure::Rate(points)) = cr.change else {
            panic!("a rate change, got {:?}", cr.change);
        };
        assert!((points - 0.02).abs() < 1e-12);
        assert!((cr.change_ratio.expect("ratio") - 1.0).abs() < 1e-9);
        // Spend has no previous value: no change.
        let spend = get("spend");
        assert_eq!(
            (spend.current, spend.change),
            (Some(Figure::Amount(Amount::from_int(500))), None)
        );
        // Cost per conversion 500/10 = 50; previous undefined.
        assert_eq!(
            get("cost_per_conversion").current,
            Some(Figure::Amount(Amount::from_int(50)))
        );
        assert_eq!(get("cost_per_conversion").previous, None);
    }
}
