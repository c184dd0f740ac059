//! What the benchmarks share (`#[path = "support/large.rs"] mod large;`):
//! the large data set in a temporary file, the day it is measured on, and
//! the dashboard's settings for it.

use std::path::PathBuf;

use chrono::NaiveDate;
use funnel::app::{Keymap, Settings};
use funnel::config::Config;
use funnel::domain::Clock;
use funnel::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

/// The large data set in `dir`: a copy of FUNNEL_BENCH_DB where set,
/// else made anew.
pub fn large_db(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("large.db");
    match std::env::var_os("FUNNEL_BENCH_DB") {
        Some(p) => {
            std::fs::copy(p, &path).expect("copy FUNNEL_BENCH_DB");
        }
        None => {
            let mut store = Store::open(&path).expect("store");
            funnel::demo::fill(&mut store, funnel::demo::Scale::Large, today(), 1).expect("demo");
        }
    }
    path
}

/// The dashboard's settings on the large set, its clock fixed.
pub fn settings() -> Settings {
    Settings {
        config: Config::default(),
        keymap: Keymap::default(),
        clock: Clock::Fixed(today()),
        read_only: false,
        ascii: false,
        db_name: "large.db".into(),
    }
}

pub fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}
