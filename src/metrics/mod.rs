//! Periods, series aggregation, derived ratios and order-derived customer
//! metrics: pure functions of their inputs, with no SQLite, screen or clock.

pub mod period;

pub use period::{Granularity, Period, PeriodError, periods_covering};
