//! funnel: run online marketing from one SQLite file, in a terminal.
//!
//! The library holds everything but the process entry point, so tests and
//! benchmarks reach the same code the binary runs.

// What a user or a file can influence is handled, never unwrapped; tests
// may unwrap what they set up themselves.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod analysis;
pub mod app;
pub mod cli;
pub mod compare;
pub mod config;
pub mod demo;
pub mod domain;
pub mod files;
pub mod i18n;
pub mod import;
pub mod knobs;
pub mod metrics;
pub mod report;
pub mod scoreboard;
pub mod store;
pub mod taskview;
pub mod text;
pub mod tui;
pub mod ui;
