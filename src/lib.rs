//! funnel: run online marketing from one SQLite file, in a terminal.
//!
//! The library holds everything but the process entry point, so tests and
//! benchmarks reach the same code the binary runs.

pub mod config;
pub mod domain;
pub mod i18n;
pub mod import;
pub mod metrics;
pub mod store;
pub mod analysis;
pub mod report;
pub mod cli;
