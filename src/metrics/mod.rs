//! Periods, series aggregation, derived ratios and order-derived customer
//! metrics: pure functions of their inputs, with no SQLite, screen or clock.

mod bytes;
pub mod customers;
mod day_counts;
pub mod figures;
pub mod forecast;
pub mod funnel;
pub mod kpi;
pub mod objective;
pub mod pacing;
pub mod period;
pub mod scoreboard;
pub mod series;

pub use bytes::DecodeError;
pub use customers::{Cohort, CustomerFigures, CustomerParams, CustomerTimeline};
pub use figures::{FigureRow, PeriodFigures};
pub use funnel::{Funnel, FunnelStep};
pub use period::{Compare, Comparison, Granularity, Period, PeriodError, periods_covering};
pub use series::{DailyValue, aggregate, aggregate_all, daily_sums, gauge_on};
