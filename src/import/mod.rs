//! Reading CSV exports (orders, KPI series) into validated rows.
