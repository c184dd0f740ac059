//! Test knobs: the dashboard's poll interval and how long a writer waits
//! for another process's write lock, read once from `FUNNEL_POLL_MS` and
//! `FUNNEL_BUSY_MS` so a test suite need not sit through half-second polls
//! and five-second busy waits. Unset, the defaults hold; a user never needs
//! them (README, "Tests").

use std::ffi::OsString;
use std::sync::OnceLock;
use std::time::Duration;

/// How often the dashboard looks for changes made by other processes, for
/// the database file gone from its path, and for a new day.
pub const DEFAULT_POLL: Duration = Duration::from_millis(500);

/// How long a writer waits for another process's write lock.
pub const DEFAULT_BUSY: Duration = Duration::from_secs(5);

/// The largest value either knob takes, in milliseconds: one minute.
const MAX_MS: u64 = 60_000;

/// The poll interval and the busy timeout in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Knobs {
    pub poll: Duration,
    pub busy: Duration,
}

impl Default for Knobs {
    fn default() -> Knobs {
        Knobs {
            poll: DEFAULT_POLL,
            busy: DEFAULT_BUSY,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{name}={value:?} is not a whole number of milliseconds from 1 to {MAX_MS}; it is a test knob, unset it for the default; nothing was done"
)]
pub struct KnobError {
    pub name: &'static str,
    pub value: String,
}

static KNOBS: OnceLock<Knobs> = OnceLock::new();

impl Knobs {
    /// The knobs as the environment sets them.
    pub fn from_env() -> Result<Knobs, KnobError> {
        Ok(Knobs {
            poll: knob(
                "FUNNEL_POLL_MS",
                std::env::var_os("FUNNEL_POLL_MS"),
                DEFAULT_POLL,
            )?,
            busy: knob(
                "FUNNEL_BUSY_MS",
                std::env::var_os("FUNNEL_BUSY_MS"),
                DEFAULT_BUSY,
            )?,
        })
    }
}

/// Reads the knobs once, at start, so a nonsense value is refused before
/// anything is opened. Later calls change nothing.
pub fn init() -> Result<Knobs, KnobError> {
    let knobs = Knobs::from_env()?;
    Ok(*KNOBS.get_or_init(|| knobs))
}

/// The knobs in force: as [`init`] read them, or the defaults where it was
/// not called (a library user, an in-process test).
pub fn get() -> Knobs {
    *KNOBS.get_or_init(Knobs::default)
}

fn knob(
    name: &'static str,
    value: Option<OsString>,
    default: Duration,
) -> Result<Duration, KnobError> {
    let Some(value) = value else {
        return Ok(default);
    };
    let text = value.to_string_lossy();
    match text.trim().parse::<u64>() {
        Ok(ms) if (1..=MAX_MS).contains(&ms) => Ok(Duration::from_millis(ms)),
        _ => Err(KnobError {
            name,
            value: text.into_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(value: Option<&str>) -> Result<Duration, KnobError> {
        knob("FUNNEL_POLL_MS", value.map(OsString::from), DEFAULT_POLL)
    }

    #[test]
    fn unset_is_the_default_and_milliseconds_are_read() {
        assert_eq!(read(None), Ok(DEFAULT_POLL));
        assert_eq!(read(Some("50")), Ok(Duration::from_millis(50)));
        assert_eq!(read(Some(" 60000 ")), Ok(Duration::from_secs(60)));
    }

    #[test]
    fn nonsense_is_refused_naming_the_knob_and_the_value() {
        for bad in [
            "",
            "0",
            "-5",
            "1.5",
            "fast",
            "60001",
            "99999999999999999999",
        ] {
            let e = read(Some(bad)).expect_err(bad);
            let text = e.to_string();
            assert!(text.starts_with("FUNNEL_POLL_MS=\""), "{text}");
            assert!(text.contains(&format!("{bad:?}")), "{text}");
            assert!(text.contains("nothing was done"), "{text}");
        }
    }
}
