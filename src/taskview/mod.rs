//! The Tasks tab's logic without a screen: the `/` filter language, the
//! "next" urgency ordering, sorting, and grouping by status or due date.
//! Pure functions of the lines and of `today`, which the caller passes in.
//!
//! # Filter language (`/` in the Tasks tab)
//!
//! A filter is terms separated by spaces; a task must match every term.
//! Letter case never matters.
//!
//! | term | matches tasks |
//! | --- | --- |
//! | `word` | whose title, notes, campaign name, assignee name or a tag contains `word` |
//! | `"two words"` | containing the phrase; quotes also make `a:b` or `-x` plain text |
//! | `status:todo` | with that status: `todo`, `doing`, `blocked`, `done`, or `open` (not done); a list `status:todo,doing` matches any |
//! | `is:open` `is:done` `is:overdue` | not done; done; not done and due before today |
//! | `campaign:X` | whose campaign name contains X (`campaign:"Tết 2027"`); `campaign:none`: in no campaign |
//! | `@X` | whose assignee's name contains X; `@none`: unassigned |
//! | `#X` | with the tag X, whole (`#seo` does not match `seo-audit`) |
//! | `p:high` `priority:low` | with that priority (`high`, `medium`, `low`, or a list `p:high,medium`) |
//! | `due:DATE` | due on that day |
//! | `due:<DATE` `due:<=DATE` `due:>DATE` `due:>=DATE` | due before, on or before, after, on or after DATE |
//! | `due:today` `due:week` | due today; due from today through the last day of this week |
//! | `due:overdue` | the same as `is:overdue` |
//! | `due:none` | with no due date |
//! | `-term` | not matching the term (`-#seo`, `-status:done`, `-"trà ô long"`) |
//!
//! DATE is any date the rest of funnel takes: `2026-11-22`, `22/11/2026`,
//! `today`, `tomorrow`, `yesterday`, `mon`..`sun` (the next one, never
//! today), `+3d`, `-1w`, `+1m`. A task with no due date matches no `due:`
//! comparison (so `-due:<fri` includes it).
//!
//! Diacritics: a word typed without them ignores them, so `tra o long`
//! finds `Trà Ô Long`, `tet` finds `Tết` and `dang` finds `Đăng`; a word
//! typed with any diacritic must match them exactly (`tết` finds `Tết`, not
//! `tệt`). This holds for free words, `campaign:`, `@` and `#`.
//!
//! An unknown key (`stauts:done`) is an error, so a typo never silently
//! finds nothing; put text with a colon in quotes (`"10:30"`). A quote left
//! open runs to the end of the input, so a filter applied while it is being
//! typed does not flash an error.
//!
//! # Dates
//!
//! Weeks start on the configured day (`week_start`, Monday unless set), the
//! same week the KPIs and the Plan tab use
//! ([`last_of_week`](crate::domain::last_of_week)). "This week" is the days
//! after today through the week's last day; on that last day (a Sunday for
//! a Monday start) it is empty. "Overdue" is a task not done whose due date
//! is before today.

mod filter;

mod group;
mod index;
mod lines;
mod order;
pub mod quick;
pub mod workload;

#[cfg(test)]
mod filter_tests;
#[cfg(test)]
pub(crate) mod testdata;

pub use filter::{FilterError, TaskFilter, parse_filter};
pub use group::{DueBucket, Group, GroupKey, Grouping, due_bucket, group, status_counts};
pub use lines::TaskLines;
pub use order::{Sort, next_order, sort_rows, sorted_position, urgency_cmp};

use chrono::NaiveDate;

use crate::domain::Task;

/// A task with the names its ids point to, as the Tasks tab shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskLine {
    pub task: Task,
    /// The campaign's name.
    pub campaign: Option<String>,
    /// The campaign's last day; tasks of a campaign ending soon rank higher.
    pub campaign_end: Option<NaiveDate>,
    /// The assignee's name.
    pub assignee: Option<String>,
}

/// Whether the task is overdue: not done, and due before `today`.
pub fn is_overdue(task: &Task, today: NaiveDate) -> bool {
    task.status.is_open() && task.due.is_some_and(|d| d < today)
}
