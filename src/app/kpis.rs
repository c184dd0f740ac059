//! The KPIs tab's state: the granularity, the selected period, and the
//! figures of a window of periods ending at it, read through the metrics
//! engine whenever the period, the granularity or the data change.

use chrono::NaiveDate;

use std::rc::Rc;

use crate::analysis::{Analysis, CustomerSource, ObjectiveState, Timelines};
use crate::config::Config;
use crate::domain::{Dimension, Note};
use crate::metrics::{Granularity, Period, PeriodFigures};
use crate::report::{Headline, headlines};
use crate::store::{Result, Store};

use super::notes::PeriodNotes;

/// How many periods the charts show, ending at the selected one.
pub const WINDOW: usize = 12;

/// The charts, in the order `c` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    Customers,
    ChurnRate,
    ConversionRate,
}

impl Chart {
    pub const ALL: [Chart; 3] = [Chart::Customers, Chart::ChurnRate, Chart::ConversionRate];
}

/// At narrow widths `c` shows the figures (view 0), the period's notes
/// (view 1), then each chart (view 2 on).
pub const NOTES_VIEW: usize = 1;
/// How many views `c` cycles through.
pub const VIEWS: usize = Chart::ALL.len() + 2;

pub struct KpisTab {
    pub granularity: Granularity,
    /// The selected period; the window ends with it.
    pub period: Period,
    pub window: Vec<Period>,
    /// The figures of each period of the window, oldest first.
    pub figures: Vec<PeriodFigures>,
    pub customer_source: CustomerSource,
    /// The selected period against the one before.
    pub headlines: Vec<Headline>,
    /// Objectives on the whole business running during the period, read at
    /// its end.
    pub targets: Vec<ObjectiveState>,
    /// Cause and review notes over the window.
    pub notes: Vec<Note>,
    /// At narrow widths, what the body shows: the figures (0), the notes
    /// ([`NOTES_VIEW`]) or a chart.
    pub view: usize,
    /// The notes of the selected period, listed and selectable.
    pub period_notes: PeriodNotes,
}

impl KpisTab {
    /// The figures of `period` and the periods before it, as of `today`.
    pub fn load(
        store: &Store,
        config: &Config,
        today: NaiveDate,
        timelines: &Timelines,
        period: Period,
        view: usize,
    ) -> Result<KpisTab> {
        let mut window = vec![period];
        while window.len() < WINDOW + 1 {
            let Some(first) = window.first().copied() else {
                break;
            };
            let prev = first.prev();
            if prev == first {
                break;
            }
            window.insert(0, prev);
        }
        let analysis = Analysis::with_timelines(store, config, today, Rc::clone(timelines));
        let f = analysis.figures(&window, Dimension::Total)?;
        let mut figures = f.figures;
        // The extra period before the window only serves the comparison.
        let previous = if figures.len() > 1 {
            figures.remove(0)
        } else {
            PeriodFigures::default()
        };
        window.remove(0);
        let current = figures.last().cloned().unwrap_or_default();
        let before = match figures.len() {
            0 | 1 => previous,
            n => figures[n - 2].clone(),
        };
        let read_at = period.end.min(today);
        let targets = store
            .objectives()?
            .iter()
            .filter(|o| o.segment.is_none() && o.channel.is_none())
            .filter(|o| o.start <= period.end && o.deadline >= period.start)
            .map(|o| analysis.objective_state(o, read_at))
            .collect::<Result<Vec<_>>>()?;
        let notes = match (window.first(), window.last()) {
            (Some(a), Some(b)) => store.notes_between(a.start, b.end)?,
            _ => Vec::new(),
        };
        Ok(KpisTab {
            granularity: period.granularity,
            period,
            headlines: headlines(&current, &before),
            window,
            figures,
            customer_source: f.customer_source,
            targets,
            notes,
            view,
            period_notes: PeriodNotes::load(store, &period)?,
        })
    }

    /// The period containing `today` at granularity `g`.
    pub fn current(g: Granularity, today: NaiveDate, config: &Config) -> Period {
        Period::containing(g, today, config.week_start)
    }

    /// The objective targeting the metric behind a headline, if any.
    pub fn target_of(&self, key: &str) -> Option<&ObjectiveState> {
        let metric = match key {
            "customers_end" => "customers",
            other => other,
        };
        self.targets.iter().find(|t| t.objective.metric == metric)
    }
}
