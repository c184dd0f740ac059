//! The Plan tab's scoreboard: every campaign, past ones included, in a
//! table one key away from the timeline, sorted by a column that a key
//! cycles and another reverses.

use chrono::Weekday;

use super::{CampaignRow, PlanTab, PlanView};
use crate::scoreboard::{Column, Scored, order};

impl PlanTab {
    /// Every campaign in the scoreboard's order.
    pub fn board(&self) -> Vec<&CampaignRow> {
        let scored: Vec<Scored<'_>> = self.campaigns.iter().map(CampaignRow::scored).collect();
        order(&scored, self.sort, self.reversed)
            .into_iter()
            .filter_map(|i| self.campaigns.get(i))
            .collect()
    }

    /// The scoreboard from the timeline or the workload; back to the
    /// timeline from it, moved to where the campaign selected in the
    /// table runs (of `columns` columns).
    pub fn toggle_scoreboard(&mut self, columns: usize, week_start: Weekday) {
        if self.view == PlanView::Scoreboard {
            self.view = PlanView::Timeline;
            if let Some(id) = self.selected {
                self.reveal(id, columns, week_start);
            }
        } else {
            self.view = PlanView::Scoreboard;
        }
        self.offset = 0;
    }

    /// Sorts by the next column of those `shown` (in `Column::ALL`
    /// order; any when none is), in its natural order.
    pub fn cycle_sort(&mut self, shown: &[bool; Column::ALL.len()]) {
        let any = !shown.contains(&true);
        let count = Column::ALL.len();
        let next = (1..=count)
            .map(|step| (self.sort.index() + step) % count)
            .find(|i| any || shown[*i])
            .unwrap_or(self.sort.index());
        self.sort = Column::ALL[next];
        self.reversed = false;
    }

    pub fn reverse_sort(&mut self) {
        self.reversed = !self.reversed;
    }
}

impl CampaignRow {
    pub fn scored(&self) -> Scored<'_> {
        Scored {
            campaign: &self.campaign,
            score: &self.score,
            tasks: self.tasks,
        }
    }
}
