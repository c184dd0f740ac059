//! The Strategy tab's state: its six sections (objectives, segments,
//! channels, message, resources, procedures), the selected item of each,
//! and what the data says of them this month (objective progress, each
//! segment's customers and share, each channel's spend and conversions,
//! each budget's spend). The tab's keys are handled in `update`, which
//! changes this state only and returns an `Effect` for the rest.

use chrono::NaiveDate;

use crate::analysis::{Analysis, ObjectiveState};
use crate::app::kpis::{SegmentShare, segment_shares};
use crate::config::Config;
use crate::domain::{
    Amount, Budget, Channel, Dimension, Message, Person, Procedure, RecordKind, RecordRef, Segment,
    Tool,
};
use crate::metrics::forecast::Forecast;
use crate::metrics::pacing::{Pace, pacing};
use crate::metrics::{Compare, Comparison, Granularity, Period, PeriodFigures};
use crate::store::{Result, Store};

mod update;

/// The sections, in the order `h` and `l` go through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Objectives,
    Segments,
    Channels,
    Message,
    Resources,
    Procedures,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Objectives,
        Section::Segments,
        Section::Channels,
        Section::Message,
        Section::Resources,
        Section::Procedures,
    ];

    pub fn index(self) -> usize {
        Section::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// A segment with its customers and share at the end of this month.
#[derive(Debug, Clone)]
pub struct SegmentLine {
    pub segment: Segment,
    pub share: Option<SegmentShare>,
}

impl SegmentLine {
    /// This month's customers as a share of the estimated market size.
    pub fn of_market(&self) -> Option<f64> {
        let market = self.segment.market_size.map(Amount::from_int);
        crate::metrics::figures::share(self.share.as_ref()?.customers, market)
    }
}

/// A channel with the segments it reaches and its figures this month.
#[derive(Debug, Clone)]
pub struct ChannelLine {
    pub channel: Channel,
    pub reaches: Vec<String>,
    pub month: PeriodFigures,
}

/// A budget with what was spent in its period so far.
#[derive(Debug, Clone)]
pub struct BudgetLine {
    pub budget: Budget,
    pub spent: Option<Amount>,
    /// The day it runs out at the current pace.
    pub forecast: Forecast,
    /// How its spend paces against the plan, as on the scoreboard: none
    /// before anything is spent or where the period does not parse.
    pub pace: Option<Pace>,
}

/// Where the Strategy tab is: the section shown and the selected item
/// of each section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StrategyPosition {
    pub section: Section,
    pub selected: [usize; 6],
}

pub struct StrategyTab {
    pub section: Section,
    /// The selected item of each section.
    pub selected: [usize; 6],
    /// The first line of the selected procedure's steps shown.
    pub steps_scroll: u16,
    /// This month: the period segment and channel figures are of.
    pub month: Period,
    /// The days this month's segment shares are against.
    pub shares_against: Comparison,
    pub objectives: Vec<ObjectiveState>,
    pub segments: Vec<SegmentLine>,
    pub channels: Vec<ChannelLine>,
    pub message: Message,
    pub budgets: Vec<BudgetLine>,
    pub people: Vec<Person>,
    pub tools: Vec<Tool>,
    /// Procedures with their owner's name.
    pub procedures: Vec<(Procedure, Option<String>)>,
    /// What the workflow's checklist is ticked from.
    pub workflow: crate::domain::workflow::WorkflowCounts,
}

impl StrategyTab {
    pub fn load(
        store: &Store,
        config: &Config,
        today: NaiveDate,
        analysis: &Analysis<'_>,
    ) -> Result<StrategyTab> {
        let month = Period::containing(Granularity::Month, today, config.week_start);
        let mut objectives = store
            .objectives()?
            .iter()
            .map(|o| analysis.objective_state(o, today))
            .collect::<Result<Vec<_>>>()?;
        // Running ones first (the nearest deadline first), then the past.
        objectives.sort_by(|a, b| {
            let (da, db) = (a.objective.deadline, b.objective.deadline);
            let (past_a, past_b) = (da < today, db < today);
            past_a
                .cmp(&past_b)
                .then_with(|| if past_a { db.cmp(&da) } else { da.cmp(&db) })
        });
        // The shares move against the same days of last month, as on KPIs.
        let compared = crate::compare::compared(
            store,
            analysis,
            today,
            month,
            Compare::Previous,
            Dimension::Total,
        )?;
        let shares = segment_shares(store, analysis, &compared)?;
        let segments = store
            .segments()?
            .into_iter()
            .map(|s| SegmentLine {
                share: shares.iter().find(|x| x.name == s.name).cloned(),
                segment: s,
            })
            .collect::<Vec<_>>();
        let mut channels = Vec::new();
        for c in store.channels()? {
            let f = analysis.figures(&[month], Dimension::Channel(c.id))?;
            channels.push(ChannelLine {
                reaches: c
                    .segments
                    .iter()
                    .filter_map(|id| segments.iter().find(|s| s.segment.id == *id))
                    .map(|s| s.segment.name.clone())
                    .collect(),
                month: f.figures.into_iter().next().unwrap_or_default(),
                channel: c,
            });
        }
        let mut budgets = Vec::new();
        for b in store.budgets()? {
            let s = analysis.budget_state(&b)?;
            let pace = match (s.spent, s.start, s.end) {
                (Some(spent), Some(start), Some(end)) => {
                    Some(pacing(s.budget.amount, spent, start, end, today).pace)
                }
                _ => None,
            };
            budgets.push(BudgetLine {
                pace,
                budget: s.budget,
                spent: s.spent,
                forecast: s.forecast,
            });
        }
        // The latest periods first.
        budgets.sort_by(|a, b| b.budget.period.cmp(&a.budget.period));
        let people = store.people()?;
        let procedures = store
            .procedures()?
            .into_iter()
            .map(|p| {
                let owner = p
                    .owner
                    .and_then(|o| people.iter().find(|x| x.id == o))
                    .map(|x| x.name.clone());
                (p, owner)
            })
            .collect();
        Ok(StrategyTab {
            section: Section::Objectives,
            selected: [0; 6],
            steps_scroll: 0,
            month,
            shares_against: compared.comparison,
            objectives,
            segments,
            channels,
            message: store.message()?,
            budgets,
            tools: store.tools()?,
            people,
            procedures,
            workflow: store.workflow_counts()?,
        })
    }

    /// How many items the section lists (the message: its two parts).
    pub fn len(&self, s: Section) -> usize {
        match s {
            Section::Objectives => self.objectives.len(),
            Section::Segments => self.segments.len(),
            Section::Channels => self.channels.len(),
            Section::Message => 2,
            Section::Resources => self.budgets.len() + self.people.len() + self.tools.len(),
            Section::Procedures => self.procedures.len(),
        }
    }

    pub fn selected(&self) -> usize {
        self.selected[self.section.index()]
    }

    /// Moves the selection.
    pub fn move_by(&mut self, delta: isize) {
        let i = self.section.index();
        let last = self.len(self.section).saturating_sub(1);
        let to = (self.selected[i] as isize).saturating_add(delta);
        let to = (to.max(0) as usize).min(last);
        if to != self.selected[i] {
            self.steps_scroll = 0;
        }
        self.selected[i] = to;
    }

    /// Where the tab is, to come back to after a reload.
    pub fn position(&self) -> StrategyPosition {
        StrategyPosition {
            section: self.section,
            selected: self.selected,
        }
    }

    /// Goes back to `at` after a reload, each selection within what its
    /// section now holds.
    pub fn keep(&mut self, at: StrategyPosition) {
        self.selected = at.selected;
        for s in Section::ALL {
            self.section = s;
            self.move_by(0);
        }
        self.section = at.section;
    }

    /// The record the selection is on; the message is none.
    pub fn selected_item(&self) -> Option<RecordRef> {
        let i = self.selected();
        match self.section {
            Section::Objectives => self
                .objectives
                .get(i)
                .map(|o| RecordRef::of(o.objective.id)),
            Section::Segments => self.segments.get(i).map(|l| RecordRef::of(l.segment.id)),
            Section::Channels => self.channels.get(i).map(|l| RecordRef::of(l.channel.id)),
            Section::Message => None,
            Section::Resources => self.resources().get(i).copied(),
            Section::Procedures => self.procedures.get(i).map(|(p, _)| RecordRef::of(p.id)),
        }
    }

    /// The rows of the resources section: budgets, people, tools.
    fn resources(&self) -> Vec<RecordRef> {
        let budgets = self.budgets.iter().map(|b| RecordRef::of(b.budget.id));
        let people = self.people.iter().map(|p| RecordRef::of(p.id));
        let tools = self.tools.iter().map(|t| RecordRef::of(t.id));
        budgets.chain(people).chain(tools).collect()
    }

    /// Shows the section listing `item`, with the selection on it.
    pub fn select(&mut self, item: RecordRef) {
        let id = item.id;
        let (section, at) = match item.kind {
            RecordKind::Objective => (
                Section::Objectives,
                self.objectives.iter().position(|o| o.objective.id.0 == id),
            ),
            RecordKind::Segment => (
                Section::Segments,
                self.segments.iter().position(|l| l.segment.id.0 == id),
            ),
            RecordKind::Channel => (
                Section::Channels,
                self.channels.iter().position(|l| l.channel.id.0 == id),
            ),
            RecordKind::Person | RecordKind::Tool | RecordKind::Budget => (
                Section::Resources,
                self.resources().iter().position(|r| *r == item),
            ),
            RecordKind::Procedure => (
                Section::Procedures,
                self.procedures.iter().position(|(p, _)| p.id.0 == id),
            ),
            RecordKind::Campaign => return,
        };
        if let Some(at) = at {
            self.section = section;
            self.selected[section.index()] = at;
            self.steps_scroll = 0;
        }
    }

    pub fn step_section(&mut self, delta: isize) {
        let n = Section::ALL.len() as isize;
        let i = (self.section.index() as isize + delta).rem_euclid(n) as usize;
        self.section = Section::ALL[i];
    }
}
