//! The figures of a period and of the span it is compared with, like for
//! like (see [`Comparison`]): the one place the KPIs tab, its funnel, the
//! report and `kpi show` read their "previous" figures from.

use chrono::NaiveDate;

use crate::analysis::{Analysis, CustomerSource};
use crate::domain::Dimension;
use crate::metrics::{Compare, Comparison, Period, PeriodFigures};
use crate::store::{Result, Store};

/// A period's figures so far and those of the same days it is compared with.
#[derive(Debug, Clone)]
pub struct Compared {
    pub comparison: Comparison,
    pub current: PeriodFigures,
    /// `None` where the span compared with ends before the first day with
    /// any data: nothing to compare with, said so rather than read as a
    /// rise from zero.
    pub previous: Option<PeriodFigures>,
    pub customer_source: CustomerSource,
}

impl Compared {
    /// The previous figures, empty where there are none.
    pub fn previous_or_empty(&self) -> PeriodFigures {
        self.previous.clone().unwrap_or_default()
    }
}

/// `period` of `scope` as of `today` against the span `compare` names.
pub fn compared(
    store: &Store,
    analysis: &Analysis<'_>,
    today: NaiveDate,
    period: Period,
    compare: Compare,
    scope: Dimension,
) -> Result<Compared> {
    let comparison = Comparison::of(period, today, compare);
    let first_day = store.data_span()?.map(|(first, _)| first);
    let spans = [comparison.previous, comparison.current];
    let f = analysis.figures(&spans, scope)?;
    let (previous, current) = match f.figures.as_slice() {
        [p, c] => (p.clone(), c.clone()),
        _ => (PeriodFigures::default(), PeriodFigures::default()),
    };
    Ok(Compared {
        comparison,
        current,
        previous: (!comparison.before_any_data(first_day)).then_some(previous),
        customer_source: f.customer_source,
    })
}
