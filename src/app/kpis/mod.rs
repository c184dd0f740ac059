//! The KPIs tab's state: the granularity, the selected period, the scope
//! (the whole business or one segment, channel or campaign), and the
//! figures of a window of periods ending at the selected one, read through
//! the metrics engine whenever the period, the scope or the data change.

use chrono::NaiveDate;

use std::rc::Rc;

use crate::analysis::{Analysis, CustomerSource, ObjectiveState, Origin, Timelines};
use crate::compare::Compared;
use crate::config::Config;
use crate::domain::{Amount, Dimension, Note};
use crate::metrics::figures::share;
use crate::metrics::{Cohort, Compare, Funnel, Granularity, Period, PeriodFigures};
use crate::report::{Headline, headlines};
use crate::store::{Result, Store};

use super::notes::PeriodNotes;

pub mod import;
pub mod path;
mod picker;
mod update;

pub use picker::{Choice, Picker, PickerWords};

/// How many periods the charts show, ending at the selected one.
pub const WINDOW: usize = 12;

/// The charts, in the order `c` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// Customers at each period's end, with new and churned per period.
    Customers,
    ChurnRate,
    ConversionRate,
    CostPerConversion,
    /// Each segment's share of the customers, and its move since the
    /// period before.
    Segments,
    /// Customers acquired per month and the share of them who ordered
    /// again in each later month.
    Cohorts,
    /// The same cohorts' revenue per customer, cumulative.
    CohortRevenue,
}

impl Chart {
    pub const ALL: [Chart; 7] = [
        Chart::Customers,
        Chart::ChurnRate,
        Chart::ConversionRate,
        Chart::CostPerConversion,
        Chart::Segments,
        Chart::Cohorts,
        Chart::CohortRevenue,
    ];
}

/// What the tab's figures are of: the whole business, or one segment,
/// channel or campaign (named for the head line).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scope {
    pub dimension: Dimension,
    pub name: String,
}

/// One segment's customers at the end of the selected period and of the
/// one before, with their shares of all customers.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentShare {
    pub name: String,
    pub customers: Option<Amount>,
    pub share: Option<f64>,
    pub share_before: Option<f64>,
}

impl SegmentShare {
    /// How the share moved since the period before, as a fraction.
    pub fn moved(&self) -> Option<f64> {
        Some(self.share? - self.share_before?)
    }
}

/// At narrow widths `c` shows the figures (view 0), the period's notes
/// (view 1), then each chart (view 2 on).
pub const NOTES_VIEW: usize = 1;
/// How many views `c` cycles through.
pub const VIEWS: usize = Chart::ALL.len() + 2;

/// What the KPIs tab shows: the period, the scope and the view, kept
/// across a reload.
#[derive(Debug, Clone, PartialEq)]
pub struct KpisPosition {
    pub period: Period,
    pub scope: Scope,
    pub view: usize,
}

pub struct KpisTab {
    pub granularity: Granularity,
    /// The selected period; the window ends with it.
    pub period: Period,
    pub scope: Scope,
    pub window: Vec<Period>,
    /// The figures of each period of the window, oldest first.
    pub figures: Vec<PeriodFigures>,
    pub customer_source: CustomerSource,
    /// Where the whole business's summed-up counters came from.
    pub origins: Vec<(&'static str, Vec<Origin>)>,
    /// What the selected period is compared with: the period before or
    /// a year earlier, like for like.
    pub compare: Compare,
    /// The selected period's figures so far and those of the same days it
    /// is compared with: the one source of "previous" figures on the tab.
    pub compared: Compared,
    /// The selected period against the span it is compared with.
    pub headlines: Vec<Headline>,
    /// The period's funnel against the same period the headlines compare
    /// with.
    pub funnel: Funnel,
    /// Whether the funnel shows in place of the headlines (`v`).
    pub show_funnel: bool,
    /// Objectives on the scope running during the period, read at its end.
    pub targets: Vec<ObjectiveState>,
    /// Cause and review notes over the window.
    pub notes: Vec<Note>,
    /// The segments' shares of the customers (the whole business only).
    pub segments: Vec<SegmentShare>,
    /// Monthly cohorts up to the selected period's end, oldest first;
    /// `None` where the scope has no orders.
    pub cohorts: Option<Vec<Cohort>>,
    /// Which of the views `c` cycles through: at narrow widths the figures
    /// (0), the notes ([`NOTES_VIEW`]) or a chart; at wide ones it turns
    /// which charts are shown.
    pub view: usize,
    /// The notes of the selected period, listed and selectable.
    pub period_notes: PeriodNotes,
    /// No value recorded and no order in the whole database: the tab says
    /// how figures come in.
    pub no_figures: bool,
}

/// The window: `WINDOW` periods ending at `period`.
fn window_of(period: Period) -> Vec<Period> {
    let mut window = vec![period];
    while window.len() < WINDOW {
        let Some(first) = window.first().copied() else {
            break;
        };
        let prev = first.prev();
        if prev == first {
            break;
        }
        window.insert(0, prev);
    }
    window
}

/// `window` without the periods over before the first day with data (all
/// but the last two at most): a year chart of a shop opened in 2025 starts
/// there, not ten empty years before.
fn from_first_data(window: Vec<Period>, first: Option<NaiveDate>) -> Vec<Period> {
    let Some(first) = first else {
        return window;
    };
    let empty = window.iter().take_while(|p| p.end < first).count();
    let keep = window.len().saturating_sub(2);
    window.into_iter().skip(empty.min(keep)).collect()
}

impl KpisTab {
    /// The figures of `scope` over `period` and the periods before it, as
    /// of `today`, compared with the period before.
    pub fn load(
        store: &Store,
        config: &Config,
        today: NaiveDate,
        timelines: &Timelines,
        period: Period,
        scope: Scope,
        view: usize,
    ) -> Result<KpisTab> {
        let at = At {
            today,
            period,
            compare: Compare::Previous,
        };
        KpisTab::load_at(store, config, timelines, at, scope, view)
    }

    /// [`KpisTab::load`], compared with the span `at.compare` names.
    pub fn load_at(
        store: &Store,
        config: &Config,
        timelines: &Timelines,
        at: At,
        scope: Scope,
        view: usize,
    ) -> Result<KpisTab> {
        let At {
            today,
            period,
            compare,
        } = at;
        let window = from_first_data(
            window_of(period),
            store.data_span()?.map(|(first, _)| first),
        );
        let analysis = Analysis::with_timelines(store, config, today, Rc::clone(timelines));
        let f = analysis.figures(&window, scope.dimension)?;
        let figures = f.figures;
        let compared =
            crate::compare::compared(store, &analysis, today, period, compare, scope.dimension)?;
        let current = compared.current.clone();
        let before = compared.previous_or_empty();
        let read_at = period.end.min(today);
        let targets = store
            .objectives()?
            .iter()
            .filter(|o| {
                let on = match (o.segment, o.channel) {
                    (Some(s), _) => Dimension::Segment(s),
                    (None, Some(c)) => Dimension::Channel(c),
                    (None, None) => Dimension::Total,
                };
                on == scope.dimension
            })
            .filter(|o| o.start <= period.end && o.deadline >= period.start)
            .map(|o| analysis.objective_state(o, read_at))
            .collect::<Result<Vec<_>>>()?;
        let notes = match (window.first(), window.last()) {
            (Some(a), Some(b)) => store.notes_between(a.start, b.end)?,
            _ => Vec::new(),
        };
        let cohorts = analysis.cohorts(scope.dimension)?.map(|all| {
            all.into_iter()
                .filter(|c| c.month <= period.end)
                .collect::<Vec<_>>()
        });
        let segments = match scope.dimension {
            Dimension::Total => segment_shares(store, &analysis, &compared)?,
            _ => Vec::new(),
        };
        Ok(KpisTab {
            granularity: period.granularity,
            period,
            scope,
            headlines: headlines(&current, &before),
            funnel: Funnel::of(&current, &before),
            show_funnel: false,
            compare,
            compared,
            window,
            figures,
            customer_source: f.customer_source,
            origins: f.origins.clone(),
            targets,
            notes,
            segments,
            cohorts,
            view,
            period_notes: PeriodNotes::load(store, &period)?,
            no_figures: {
                let c = store.workflow_counts()?;
                c.kpi_values == 0 && c.orders == 0
            },
        })
    }

    /// Shows the funnel in place of the headlines, or the headlines again;
    /// the funnel comes with the figures' view, whatever was shown there.
    /// The period, scope and view shown.
    pub fn position(&self) -> KpisPosition {
        KpisPosition {
            period: self.period,
            scope: self.scope.clone(),
            view: self.view,
        }
    }

    pub fn toggle_funnel(&mut self) {
        self.show_funnel = !self.show_funnel;
        if self.show_funnel {
            self.view = 0;
        }
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

    /// The target of the objective on `key`'s metric as the charts draw
    /// values: a rate's target is kept in percent, its figures are
    /// fractions.
    pub fn chart_target(&self, key: &str) -> Option<f64> {
        self.target_of(key).map(|st| match st.unit {
            crate::domain::Unit::Percent => st.objective.target.to_f64() / 100.0,
            _ => st.objective.target.to_f64(),
        })
    }

    /// The notes overlapping `p`.
    pub fn notes_in<'a>(&'a self, p: &'a Period) -> impl Iterator<Item = &'a Note> + 'a {
        self.notes
            .iter()
            .filter(move |n| n.start <= p.end && n.end >= p.start)
    }
}

/// Each segment's customers at the end of the days counted and its share
/// of all customers then, against its share at the end of the same days
/// of the span compared with (like for like, as every change is), largest
/// first. The KPIs chart and Strategy → Segments both read it.
pub fn segment_shares(
    store: &Store,
    analysis: &Analysis<'_>,
    compared: &Compared,
) -> Result<Vec<SegmentShare>> {
    let c = &compared.comparison;
    let span = [c.previous, c.current];
    let current = &compared.current;
    let before = compared.previous_or_empty();
    let mut out = Vec::new();
    for s in store.segments()? {
        let f = analysis.customer_figures(&span, Dimension::Segment(s.id))?;
        let end = |i: usize| f.get(i).and_then(|x| x.customers_end);
        out.push(SegmentShare {
            name: s.name,
            customers: end(1),
            share: share(end(1), current.customers_end),
            share_before: share(end(0), before.customers_end),
        });
    }
    out.sort_by(|a, b| b.customers.cmp(&a.customers).then(a.name.cmp(&b.name)));
    Ok(out)
}

/// The day the tab is read on, its period and what it is compared with.
#[derive(Debug, Clone, Copy)]
pub struct At {
    pub today: NaiveDate,
    pub period: Period,
    pub compare: Compare,
}
