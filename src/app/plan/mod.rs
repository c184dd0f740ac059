//! The Plan tab's state: campaigns on a calendar (zoom, the first day
//! shown, the selected campaign), each with its spend, pacing and task
//! progress, and the people's open tasks over the coming weeks.

use std::collections::HashMap;

use chrono::{Days, NaiveDate, Weekday};

use crate::analysis::Analysis;
use crate::config::Config;
use crate::domain::{Campaign, CampaignId, first_of_week};
use crate::metrics::pacing::Pacing;
use crate::metrics::scoreboard::CampaignScore;
use crate::scoreboard::Column;
use crate::store::{Result, Store};
mod scoreboard;
mod update;

use crate::taskview::workload::{
    TaskProgress, Workload, progress_from_counts, week_starts, workload_from_counts,
};

/// How much time a column of the timeline holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zoom {
    /// A day per column: weeks are seven columns wide.
    Week,
    /// Three days per column: about ten columns a month.
    Month,
}

impl Zoom {
    pub fn days_per_column(self) -> u64 {
        match self {
            Zoom::Week => 1,
            Zoom::Month => 3,
        }
    }

    /// How far `[` and `]` move.
    fn step(self) -> Days {
        match self {
            Zoom::Week => Days::new(7),
            Zoom::Month => Days::new(28),
        }
    }
}

/// What the tab's body shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanView {
    Timeline,
    Workload,
    /// Every campaign as a sortable table (see `scoreboard`).
    Scoreboard,
}

/// A campaign with what the detail pane says of it.
#[derive(Debug, Clone)]
pub struct CampaignRow {
    pub campaign: Campaign,
    pub objective: Option<String>,
    pub segment: Option<String>,
    pub channel: Option<String>,
    pub owner: Option<String>,
    pub tasks: TaskProgress,
    /// Its pacing, conversions and revenue as of today.
    pub score: CampaignScore,
}

/// Where a campaign stands in time on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Ended,
    /// Starts in this many days.
    StartsIn(i64),
    /// Runs `days` days in all (both ends counted), `left` of them from
    /// today on.
    Running {
        days: i64,
        left: i64,
    },
}

impl CampaignRow {
    pub fn stage(&self, today: NaiveDate) -> Stage {
        let c = &self.campaign;
        if today > c.end {
            Stage::Ended
        } else if today < c.start {
            Stage::StartsIn((c.start - today).num_days())
        } else {
            Stage::Running {
                days: (c.end - c.start).num_days() + 1,
                left: (c.end - today).num_days() + 1,
            }
        }
    }
}

/// How many weeks the workload looks ahead.
pub const WORKLOAD_WEEKS: usize = 8;

/// Where the Plan tab looks and what is selected, kept across a reload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanPosition {
    pub zoom: Zoom,
    pub from: NaiveDate,
    pub selected: Option<CampaignId>,
    pub view: PlanView,
    pub offset: usize,
}

pub struct PlanTab {
    pub zoom: Zoom,
    /// The first day shown.
    pub from: NaiveDate,
    /// Every campaign, by start, end and name.
    pub campaigns: Vec<CampaignRow>,
    pub selected: Option<CampaignId>,
    /// The selected campaign's spend and pacing, as of today.
    pub pacing: Option<Pacing>,
    pub view: PlanView,
    pub workload: Vec<Workload>,
    pub weeks: Vec<NaiveDate>,
    /// The first row shown (the timeline scrolls to keep the selection).
    pub offset: usize,
    /// The scoreboard's order: by this column, the other way round when
    /// `reversed`.
    pub sort: Column,
    pub reversed: bool,
}

impl PlanTab {
    /// Reads the campaigns, and counts their tasks and the people's open
    /// ones in SQL: the tab never reads every task.
    pub fn load(store: &Store, config: &Config, today: NaiveDate) -> Result<PlanTab> {
        let names = |v: Vec<(i64, String)>| v.into_iter().collect::<HashMap<_, _>>();
        let objectives = names(
            store
                .objectives()?
                .into_iter()
                .map(|o| (o.id.0, o.title))
                .collect(),
        );
        let segments = names(
            store
                .segments()?
                .into_iter()
                .map(|s| (s.id.0, s.name))
                .collect(),
        );
        let channels = names(
            store
                .channels()?
                .into_iter()
                .map(|c| (c.id.0, c.name))
                .collect(),
        );
        let people = names(
            store
                .people()?
                .into_iter()
                .map(|p| (p.id.0, p.name))
                .collect(),
        );
        let progress = progress_from_counts(&store.task_counts_by_campaign(today)?);
        let analysis = Analysis::new(store, config, today);
        let mut campaigns: Vec<CampaignRow> = store
            .campaigns()?
            .into_iter()
            .map(|c| {
                Ok(CampaignRow {
                    objective: c.objective.and_then(|i| objectives.get(&i.0).cloned()),
                    segment: c.segment.and_then(|i| segments.get(&i.0).cloned()),
                    channel: c.channel.and_then(|i| channels.get(&i.0).cloned()),
                    owner: c.owner.and_then(|i| people.get(&i.0).cloned()),
                    tasks: progress.get(&c.id).copied().unwrap_or_default(),
                    score: analysis.campaign_score(&c)?,
                    campaign: c,
                })
            })
            .collect::<Result<_>>()?;
        campaigns.sort_by(|a, b| {
            (a.campaign.start, a.campaign.end, &a.campaign.name).cmp(&(
                b.campaign.start,
                b.campaign.end,
                &b.campaign.name,
            ))
        });
        let this_week = first_of_week(today, config.week_start);
        // A week of the past before this week, so what just ended shows.
        let from = this_week
            .checked_sub_days(Days::new(7))
            .unwrap_or(this_week);
        Ok(PlanTab {
            zoom: Zoom::Week,
            from,
            campaigns,
            selected: None,
            pacing: None,
            view: PlanView::Timeline,
            workload: workload_from_counts(
                &store.open_tasks_by_assignee(today, this_week, WORKLOAD_WEEKS)?,
                WORKLOAD_WEEKS,
            ),
            weeks: week_starts(this_week, WORKLOAD_WEEKS),
            offset: 0,
            sort: Column::Pace,
            reversed: false,
        })
    }

    /// The last day shown when the timeline has `columns` columns.
    /// Where the tab looks and what is selected.
    pub fn position(&self) -> PlanPosition {
        PlanPosition {
            zoom: self.zoom,
            from: self.from,
            selected: self.selected,
            view: self.view,
            offset: self.offset,
        }
    }

    /// Goes back to `at` after a reload.
    pub fn keep(&mut self, at: PlanPosition) {
        self.zoom = at.zoom;
        self.from = at.from;
        self.selected = at.selected;
        self.view = at.view;
        self.offset = at.offset;
    }

    pub fn until(&self, columns: usize) -> NaiveDate {
        let days = (columns as u64 * self.zoom.days_per_column()).max(1);
        self.from
            .checked_add_days(Days::new(days - 1))
            .unwrap_or(self.from)
    }

    /// The campaigns running at some time in the span shown.
    pub fn visible(&self, columns: usize) -> Vec<&CampaignRow> {
        let until = self.until(columns);
        self.campaigns
            .iter()
            .filter(|c| c.campaign.start <= until && c.campaign.end >= self.from)
            .collect()
    }

    pub fn selected_row(&self) -> Option<&CampaignRow> {
        let id = self.selected?;
        self.campaigns.iter().find(|c| c.campaign.id == id)
    }

    /// The campaigns the selection moves among: those shown on the
    /// timeline of `columns` columns, or every one in the scoreboard's
    /// order.
    fn selectable(&self, columns: usize) -> Vec<CampaignId> {
        let rows = match self.view {
            PlanView::Scoreboard => self.board(),
            _ => self.visible(columns),
        };
        rows.iter().map(|c| c.campaign.id).collect()
    }

    /// Keeps the selection on a campaign shown (the first, if it left the
    /// span) and in the `rows` on screen, and takes its pacing.
    pub fn settle(&mut self, columns: usize, rows: usize) {
        let visible = self.selectable(columns);
        let at = self
            .selected
            .and_then(|id| visible.iter().position(|v| *v == id));
        let at = match at {
            Some(i) => Some(i),
            None if visible.is_empty() => None,
            None => Some(0),
        };
        self.selected = at.and_then(|i| visible.get(i).copied());
        if let Some(i) = at {
            let rows = rows.max(1);
            if i < self.offset {
                self.offset = i;
            } else if i >= self.offset + rows {
                self.offset = i + 1 - rows;
            }
        }
        self.offset = self.offset.min(visible.len().saturating_sub(1));
        self.pacing = self.selected_row().map(|r| r.score.pacing);
    }

    /// Moves the selection among the campaigns shown.
    pub fn move_by(&mut self, delta: isize, columns: usize) {
        let visible = self.selectable(columns);
        if visible.is_empty() {
            return;
        }
        let at = self
            .selected
            .and_then(|id| visible.iter().position(|v| *v == id))
            .unwrap_or(0) as isize;
        let to = (at + delta).clamp(0, visible.len() as isize - 1) as usize;
        self.selected = visible.get(to).copied();
    }

    /// Selects the campaign at place `i` among those the selection moves
    /// through (a click on its row).
    pub fn select_at(&mut self, i: usize, columns: usize) {
        if let Some(id) = self.selectable(columns).get(i) {
            self.selected = Some(*id);
        }
    }

    /// Selects the campaign `id`, moving the span shown (of `columns`
    /// columns) to the week it starts in where it runs outside it.
    pub fn reveal(&mut self, id: CampaignId, columns: usize, week_start: Weekday) {
        let Some(c) = self.campaigns.iter().find(|c| c.campaign.id == id) else {
            return;
        };
        let (start, end) = (c.campaign.start, c.campaign.end);
        if start > self.until(columns) || end < self.from {
            self.from = first_of_week(start, week_start);
        }
        self.selected = Some(id);
    }

    /// Moves the span shown one step back or forward in time.
    pub fn scroll(&mut self, forward: bool) {
        let step = self.zoom.step();
        let moved = if forward {
            self.from.checked_add_days(step)
        } else {
            self.from.checked_sub_days(step)
        };
        self.from = moved.unwrap_or(self.from);
    }

    /// Back to a span starting the week before today's.
    pub fn to_today(&mut self, today: NaiveDate, week_start: Weekday) {
        let this_week = first_of_week(today, week_start);
        self.from = this_week
            .checked_sub_days(Days::new(7))
            .unwrap_or(this_week);
    }

    pub fn toggle_zoom(&mut self) {
        self.zoom = match self.zoom {
            Zoom::Week => Zoom::Month,
            Zoom::Month => Zoom::Week,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_campaign_ends_starts_or_runs_with_both_ends_counted() {
        let d = |s: &str| s.parse::<NaiveDate>().expect("date");
        let row = CampaignRow {
            campaign: crate::domain::Campaign {
                id: CampaignId(1),
                name: "Tết".into(),
                objective: None,
                segment: None,
                channel: None,
                start: d("2026-12-01"),
                end: d("2026-12-10"),
                budget: crate::domain::Amount::from_int(0),
                owner: None,
                status: crate::domain::CampaignStatus::Planned,
                description: String::new(),
            },
            objective: None,
            segment: None,
            channel: None,
            owner: None,
            tasks: TaskProgress::default(),
            score: CampaignScore {
                pacing: crate::metrics::pacing::pacing(
                    crate::domain::Amount::from_int(0),
                    crate::domain::Amount::from_int(0),
                    d("2026-12-01"),
                    d("2026-12-10"),
                    d("2026-11-22"),
                ),
                conversions: None,
                revenue: None,
            },
        };
        assert_eq!(row.stage(d("2026-11-22")), Stage::StartsIn(9));
        assert_eq!(
            row.stage(d("2026-12-01")),
            Stage::Running { days: 10, left: 10 }
        );
        assert_eq!(
            row.stage(d("2026-12-10")),
            Stage::Running { days: 10, left: 1 }
        );
        assert_eq!(row.stage(d("2026-12-11")), Stage::Ended);
    }
}
