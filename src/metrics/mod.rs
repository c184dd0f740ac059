//! Periods, series aggregation, derived ratios and order-derived customer metrics.
