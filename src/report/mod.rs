//! The period report: headline figures with their change against the
//! previous period, objectives against their targets, overdue tasks, tasks
//! due this week and campaigns over budget. Built here as data; `funnel report` renders it
//! as text, markdown or JSON.

pub mod forecast;
pub mod funnel;
pub mod tasks;
pub mod text;

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::{Analysis, BudgetState, CustomerSource, ObjectiveState};
use crate::config::Config;
use crate::domain::{Amount, Dimension, Note};
use crate::metrics::pacing::{pacing, reviewed};
use crate::metrics::{Compare, FigureRow, Funnel, Period, PeriodFigures};
use crate::store::{Result, Store};

pub use crate::metrics::kpi::{Figure, Kpi, Measure, Verdict};

/// One headline figure of the period and of the span it is compared with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    /// The metric's name as in `kpi show --json`.
    pub key: &'static str,
    #[serde(skip)]
    pub kpi: Kpi,
    pub measure: Measure,
    pub current: Option<Figure>,
    pub previous: Option<Figure>,
    /// current − previous (for rates: in fraction points).
    pub change: Option<Figure>,
    /// change / previous; `None` where previous is zero or missing.
    pub change_ratio: Option<f64>,
    /// Whether the change is good news, by which way the figure is good.
    pub verdict: Option<Verdict>,
}

fn minus(a: Figure, b: Figure) -> Option<Figure> {
    match (a, b) {
        (Figure::Amount(a), Figure::Amount(b)) => Some(Figure::Amount(a - b)),
        (Figure::Rate(a), Figure::Rate(b)) => Some(Figure::Rate(a - b)),
        _ => None,
    }
}

/// `a / b`, `None` where `b` is zero.
fn ratio(a: Figure, b: Figure) -> Option<f64> {
    match (a, b) {
        (Figure::Amount(a), Figure::Amount(b)) => a.ratio(Amount::from_raw(b.raw().abs())),
        (Figure::Rate(a), Figure::Rate(b)) => (b != 0.0).then(|| a / b.abs()),
        _ => None,
    }
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
    Kpi::ALL
        .into_iter()
        .filter(|k| with_ads || !k.is_ads())
        .map(|kpi| {
            let (c, p) = (kpi.value(cur), kpi.value(prev));
            let change = c.zip(p).and_then(|(c, p)| minus(c, p));
            let change_ratio = change.zip(p).and_then(|(d, p)| ratio(d, p));
            Headline {
                key: kpi.key(),
                kpi,
                measure: kpi.measure(),
                current: c,
                previous: p,
                change,
                change_ratio,
                verdict: change.map(|d| kpi.verdict(d)),
            }
        })
        .collect()
}

pub use tasks::DueTask;

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
    /// What the period is compared with: `previous` or `year`.
    pub compare: Compare,
    /// The label of the period compared with.
    pub previous_period: String,
    pub customer_source: CustomerSource,
    /// The figures of the days counted (to `as_of` while running).
    pub figures: FigureRow,
    /// The figures of the same days of the period compared with; `null`
    /// where that span lies before any data.
    pub previous: Option<FigureRow>,
    pub headlines: Vec<Headline>,
    /// Visits → leads → conversions → new customers, against the same
    /// period as the headlines.
    pub funnel: Funnel,
    pub objectives: Vec<ObjectiveState>,
    /// All overdue tasks; [`OVERDUE_LISTED`] of them are listed.
    pub overdue_total: usize,
    pub overdue_tasks: Vec<DueTask>,
    /// Open tasks due from today to the end of this week (all of them).
    pub due_this_week: Vec<DueTask>,
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
    build_against(store, period, Compare::Previous, config, today)
}

/// [`build`], the figures compared like for like with the span `compare`
/// names.
pub fn build_against(
    store: &Store,
    period: Period,
    compare: Compare,
    config: &Config,
    today: NaiveDate,
) -> Result<Report> {
    let analysis = Analysis::new(store, config, today);
    let c = crate::compare::compared(store, &analysis, today, period, compare, Dimension::Total)?;
    let read_at = period.end.min(today);
    let objectives = store
        .objectives()?
        .iter()
        .filter(|o| o.start <= period.end && o.deadline >= period.start)
        .map(|o| analysis.objective_state(o, read_at))
        .collect::<Result<Vec<_>>>()?;
    let campaigns = store.campaigns()?;
    let mut overdue_tasks = tasks::overdue(store, today)?;
    let overdue_total = overdue_tasks.len();
    overdue_tasks.truncate(OVERDUE_LISTED);
    // Campaigns that ended in the calendar period before are reviewed too,
    // whatever the figures are compared with.
    let previous = period.prev();
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
        compare,
        previous_period: c.comparison.other.label(),
        customer_source: c.customer_source,
        headlines: headlines(&c.current, &c.previous_or_empty()),
        funnel: Funnel::of(&c.current, &c.previous_or_empty()),
        figures: FigureRow::new(&c.comparison.current, c.current.clone()),
        previous: c
            .previous
            .clone()
            .map(|f| FigureRow::new(&c.comparison.previous, f)),
        objectives,
        overdue_total,
        overdue_tasks,
        due_this_week: tasks::due_this_week(
            store,
            today,
            Period::containing(crate::metrics::Granularity::Week, today, config.week_start).end,
        )?,
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
