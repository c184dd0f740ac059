//! The closed vocabularies of the product: statuses, priorities, channel
//! kinds, note categories. Each has one text form, used in SQLite, on the
//! command line and in JSON.

use std::fmt;
use std::str::FromStr;

/// Declares an enum whose variants have one fixed text form each.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The position in [`Self::ALL`], for per-value tables.
            pub fn index(self) -> usize {
                $name::ALL.iter().position(|v| *v == self).unwrap_or(0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                // The stored form, as every row holds it, without the two
                // copies that normalising makes (10,000 tasks, two each).
                if let Some(v) = $name::ALL.iter().copied().find(|v| v.as_str() == s) {
                    return Ok(v);
                }
                let wanted = s.trim().to_lowercase().replace([' ', '-'], "_");
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted)
                    .ok_or_else(|| UnknownValue {
                        what: $what,
                        given: s.to_string(),
                        allowed: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                    })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

/// A text that is not one of an enum's allowed values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{given}' is not a {what} (one of: {allowed})")]
pub struct UnknownValue {
    pub what: &'static str,
    pub given: String,
    pub allowed: String,
}

text_enum!(
    /// Where a task stands. `s` in the TUI cycles through them in this order.
    TaskStatus, "task status" { Todo = "todo", Doing = "doing", Blocked = "blocked", Done = "done" }
);

impl TaskStatus {
    /// The next status in the cycle todo → doing → blocked → done → todo.
    pub fn cycled(self) -> TaskStatus {
        match self {
            TaskStatus::Todo => TaskStatus::Doing,
            TaskStatus::Doing => TaskStatus::Blocked,
            TaskStatus::Blocked => TaskStatus::Done,
            TaskStatus::Done => TaskStatus::Todo,
        }
    }

    pub fn is_open(self) -> bool {
        self != TaskStatus::Done
    }
}

text_enum!(
    Priority, "priority" { High = "high", Medium = "medium", Low = "low" }
);

text_enum!(
    CampaignStatus, "campaign status" {
        Planned = "planned", Active = "active", Paused = "paused", Done = "done", Cancelled = "cancelled"
    }
);

text_enum!(
    ChannelKind, "channel kind" {
        Seo = "seo", Social = "social", Email = "email", Ppc = "ppc",
        Content = "content", Events = "events", Other = "other"
    }
);

text_enum!(
    /// Whether an objective wants its metric to go up or down.
    Direction, "direction" { Increase = "increase", Decrease = "decrease" }
);

impl Direction {
    /// The direction an objective from `baseline` to `target` implies,
    /// where none is given: down where the target is lower, else up.
    pub fn implied(baseline: super::Amount, target: super::Amount) -> Direction {
        if target < baseline {
            Direction::Decrease
        } else {
            Direction::Increase
        }
    }
}

text_enum!(
    /// A cause note explains a change; a review note says what to refine.
    NoteKind, "note kind" { Cause = "cause", Review = "review" }
);

text_enum!(
    CauseCategory, "cause category" {
        Product = "product", Service = "service", CustomerCare = "customer_care",
        Promotion = "promotion", Seasonality = "seasonality", Competition = "competition",
        Other = "other"
    }
);

text_enum!(
    /// The kinds of record a marketer keeps on the Strategy and Plan tabs,
    /// named on the command line and in messages by these words.
    RecordKind, "record kind" {
        Objective = "objective", Segment = "segment", Channel = "channel",
        Campaign = "campaign", Person = "person", Tool = "tool", Budget = "budget",
        Procedure = "procedure"
    }
);

text_enum!(
    /// A counter is summed over a period; a gauge is read on its last day.
    MetricKind, "metric kind" { Counter = "counter", Gauge = "gauge" }
);

text_enum!(
    /// How a metric's values are read and shown.
    Unit, "unit" { Count = "count", Money = "money", Percent = "percent", Number = "number" }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_text_form() {
        for s in TaskStatus::ALL {
            assert_eq!(s.as_str().parse::<TaskStatus>(), Ok(*s));
        }
        for c in CauseCategory::ALL {
            assert_eq!(c.as_str().parse::<CauseCategory>(), Ok(*c));
        }
        assert_eq!(
            "Customer care".parse::<CauseCategory>(),
            Ok(CauseCategory::CustomerCare)
        );
        assert_eq!("PPC".parse::<ChannelKind>(), Ok(ChannelKind::Ppc));
    }

    #[test]
    fn a_lower_target_implies_a_decrease() {
        use super::super::Amount;
        let (a, b) = (Amount::from_int(5), Amount::from_int(3));
        assert_eq!(Direction::implied(a, b), Direction::Decrease);
        assert_eq!(Direction::implied(b, a), Direction::Increase);
        assert_eq!(Direction::implied(a, a), Direction::Increase);
    }

    #[test]
    fn unknown_value_lists_the_allowed_ones() {
        let e = "urgent".parse::<Priority>().expect_err("not a priority");
        assert_eq!(
            e.to_string(),
            "'urgent' is not a priority (one of: high, medium, low)"
        );
    }

    #[test]
    fn status_cycle_visits_all_four() {
        let mut s = TaskStatus::Todo;
        let mut seen = vec![s];
        for _ in 0..3 {
            s = s.cycled();
            seen.push(s);
        }
        assert_eq!(seen, TaskStatus::ALL);
        assert_eq!(s.cycled(), TaskStatus::Todo);
    }
}
