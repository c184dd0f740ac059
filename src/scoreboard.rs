//! The campaign scoreboard as columns and rows: what each column says of a
//! campaign and how the rows sort by it. Shared by the Plan tab's table
//! and `funnel campaign list`, so they show the same columns.

use std::cmp::Ordering;

use chrono::Datelike;

use crate::domain::{Amount, Campaign};
use crate::i18n::{Format, PlanWords};
use crate::metrics::scoreboard::CampaignScore;
use crate::taskview::workload::TaskProgress;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    Start,
    End,
    Status,
    Budget,
    Spent,
    /// The share of the budget spent, after the pace's mark.
    Used,
    /// The pace in words.
    Pace,
    Conversions,
    CostPerConversion,
    Revenue,
    Roas,
    /// Tasks done of all.
    Tasks,
}

impl Column {
    /// The order of the table, left to right (and of the words catalogs).
    pub const ALL: [Column; 13] = [
        Column::Name,
        Column::Start,
        Column::End,
        Column::Status,
        Column::Budget,
        Column::Spent,
        Column::Used,
        Column::Pace,
        Column::Conversions,
        Column::CostPerConversion,
        Column::Revenue,
        Column::Roas,
        Column::Tasks,
    ];

    /// Which columns stay when the width runs short: the first ones
    /// answer "which campaign is over budget?", the later ones give way
    /// first (the detail pane shows them all).
    pub const KEPT_FIRST: [Column; 13] = [
        Column::Name,
        Column::Used,
        Column::Spent,
        Column::Budget,
        Column::End,
        Column::Tasks,
        Column::Status,
        Column::Roas,
        Column::CostPerConversion,
        Column::Conversions,
        Column::Revenue,
        Column::Start,
        Column::Pace,
    ];

    pub fn index(self) -> usize {
        Column::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }

    /// Text columns read from the left; figures line up on the right.
    pub fn right_aligned(self) -> bool {
        !matches!(self, Column::Name | Column::Status | Column::Pace)
    }

    /// Figures sort the biggest first; names, dates, statuses and paces
    /// (over budget first) in their own order.
    fn biggest_first(self) -> bool {
        !matches!(
            self,
            Column::Name | Column::Start | Column::End | Column::Status | Column::Pace
        )
    }
}

/// One campaign as the scoreboard reads it.
#[derive(Debug, Clone, Copy)]
pub struct Scored<'a> {
    pub campaign: &'a Campaign,
    pub score: &'a CampaignScore,
    pub tasks: TaskProgress,
}

impl Scored<'_> {
    /// What the cell of `col` says, in `fmt`'s locale.
    pub fn cell(&self, col: Column, fmt: Format, w: &PlanWords) -> String {
        let c = self.campaign;
        let s = self.score;
        let dash = || "—".to_string();
        match col {
            Column::Name => c.name.clone(),
            Column::Start => fmt.date(c.start),
            Column::End => fmt.date(c.end),
            Column::Status => w.status(c.status).to_string(),
            Column::Budget => fmt.money(c.budget),
            Column::Spent => fmt.money(s.pacing.spent),
            Column::Used => {
                let mark = s.pacing.pace.mark().unwrap_or(' ');
                s.pacing
                    .used
                    .map_or_else(dash, |u| format!("{mark} {}", fmt.percent(u)))
            }
            Column::Pace => w.pace(s.pacing.pace).to_string(),
            Column::Conversions => s.conversions.map_or_else(dash, |a| fmt.count(a)),
            Column::CostPerConversion => {
                s.cost_per_conversion().map_or_else(dash, |a| fmt.money(a))
            }
            Column::Revenue => s.revenue.map_or_else(dash, |a| fmt.money(a)),
            Column::Roas => s.return_on_ad_spend().map_or_else(dash, |x| fmt.times(x)),
            Column::Tasks => {
                if self.tasks.total == 0 {
                    dash()
                } else {
                    format!("{}/{}", self.tasks.done, self.tasks.total)
                }
            }
        }
    }

    /// The value the rows sort by in `col`; `None` for what is unknown.
    fn key(&self, col: Column) -> Option<Key> {
        let c = self.campaign;
        let s = self.score;
        let money = |a: Amount| Key::Number(a.to_f64());
        Some(match col {
            Column::Name => Key::Text(c.name.to_lowercase()),
            Column::Start => Key::Number(f64::from(c.start.num_days_from_ce())),
            Column::End => Key::Number(f64::from(c.end.num_days_from_ce())),
            Column::Status => Key::Number(c.status.index() as f64),
            Column::Budget => money(c.budget),
            Column::Spent => money(s.pacing.spent),
            Column::Used => Key::Number(s.pacing.used?),
            // Over budget first, the most used first within a pace.
            Column::Pace => Key::Pair(
                s.pacing.pace.index() as f64,
                -s.pacing.used.unwrap_or_default(),
            ),
            Column::Conversions => money(s.conversions?),
            Column::CostPerConversion => money(s.cost_per_conversion()?),
            Column::Revenue => money(s.revenue?),
            Column::Roas => Key::Number(s.return_on_ad_spend()?),
            Column::Tasks => {
                if self.tasks.total == 0 {
                    return None;
                }
                Key::Number(self.tasks.done as f64 / self.tasks.total as f64)
            }
        })
    }
}

/// A value to sort by.
#[derive(Debug, Clone, PartialEq, PartialOrd)]
enum Key {
    Text(String),
    Number(f64),
    Pair(f64, f64),
}

/// The positions of `rows` sorted by `col` in its natural order (figures
/// the biggest first), or the other way round when `reversed`; what is
/// unknown comes last either way, and ties keep the start date and name
/// order.
pub fn order(rows: &[Scored<'_>], col: Column, reversed: bool) -> Vec<usize> {
    let keys: Vec<Option<Key>> = rows.iter().map(|r| r.key(col)).collect();
    let mut at: Vec<usize> = (0..rows.len()).collect();
    let flip = col.biggest_first() != reversed;
    at.sort_by(|&a, &b| {
        let by_key = match (&keys[a], &keys[b]) {
            (Some(x), Some(y)) => {
                let o = x.partial_cmp(y).unwrap_or(Ordering::Equal);
                if flip { o.reverse() } else { o }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        let (ca, cb) = (rows[a].campaign, rows[b].campaign);
        by_key.then_with(|| (ca.start, &ca.name).cmp(&(cb.start, &cb.name)))
    });
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CampaignId, CampaignStatus};
    use crate::metrics::pacing::{Pace, pacing};
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn campaign(id: i64, name: &str, start: &str, budget: i64) -> Campaign {
        Campaign {
            id: CampaignId(id),
            name: name.into(),
            objective: None,
            segment: None,
            channel: None,
            start: d(start),
            end: d("2026-11-10"),
            budget: Amount::from_int(budget),
            owner: None,
            status: CampaignStatus::Active,
            description: String::new(),
        }
    }

    fn score(c: &Campaign, spent: i64, conversions: Option<i64>) -> CampaignScore {
        CampaignScore {
            pacing: pacing(
                c.budget,
                Amount::from_int(spent),
                c.start,
                c.end,
                d("2026-11-05"),
            ),
            conversions: conversions.map(Amount::from_int),
            revenue: None,
        }
    }

    #[test]
    fn rows_sort_worst_pace_first_figures_biggest_first_and_unknowns_last() {
        let cs = [
            campaign(1, "beta", "2026-11-01", 1000),
            campaign(2, "Alpha", "2026-11-01", 1000),
            campaign(3, "gamma", "2026-10-27", 1000),
        ];
        // On the 5th: beta behind (400 of 500), Alpha over (1,200),
        // gamma on pace (10 of 15 days: 667 allowed, 650 spent).
        let scores = [
            score(&cs[0], 400, Some(8)),
            score(&cs[1], 1200, None),
            score(&cs[2], 650, Some(26)),
        ];
        assert_eq!(
            scores.iter().map(|s| s.pacing.pace).collect::<Vec<_>>(),
            [Pace::Behind, Pace::Over, Pace::OnPace]
        );
        let rows: Vec<Scored<'_>> = cs
            .iter()
            .zip(&scores)
            .map(|(campaign, score)| Scored {
                campaign,
                score,
                tasks: TaskProgress::default(),
            })
            .collect();
        assert_eq!(order(&rows, Column::Pace, false), [1, 0, 2]);
        assert_eq!(order(&rows, Column::Pace, true), [2, 0, 1]);
        assert_eq!(order(&rows, Column::Name, false), [1, 0, 2], "case aside");
        assert_eq!(order(&rows, Column::Spent, false), [1, 2, 0]);
        assert_eq!(order(&rows, Column::Spent, true), [0, 2, 1]);
        // Alpha has no conversions: last both ways.
        assert_eq!(order(&rows, Column::Conversions, false), [2, 0, 1]);
        assert_eq!(order(&rows, Column::Conversions, true), [0, 2, 1]);
        // 400 / 8 = 50 and 650 / 26 = 25: the dearest first.
        assert_eq!(order(&rows, Column::CostPerConversion, false), [0, 2, 1]);
        // No tasks anywhere: the start and name order.
        assert_eq!(order(&rows, Column::Tasks, false), [2, 1, 0]);
    }
}
