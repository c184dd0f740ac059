//! The four tabs, and what of each fits on the screen.

/// The four tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Strategy,
    Plan,
    Tasks,
    Kpis,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Strategy, Tab::Plan, Tab::Tasks, Tab::Kpis];

    pub fn index(self) -> usize {
        match self {
            Tab::Strategy => 0,
            Tab::Plan => 1,
            Tab::Tasks => 2,
            Tab::Kpis => 3,
        }
    }

    pub(super) fn step(self, delta: isize) -> Tab {
        Tab::ALL[(self.index() as isize + delta).rem_euclid(4) as usize]
    }

    pub fn parse(s: &str) -> Option<Tab> {
        match s.trim().to_lowercase().as_str() {
            "strategy" => Some(Tab::Strategy),
            "plan" => Some(Tab::Plan),
            "tasks" => Some(Tab::Tasks),
            "kpis" => Some(Tab::Kpis),
            _ => None,
        }
    }
}

/// What fits on the screen, from the last resize: the update logic keeps
/// selections among the rows and days shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    /// Rows of the task list.
    pub list_height: usize,
    /// The selected task's details stand beside the list.
    pub detail_beside: bool,
    /// Whether the KPIs tab has room for the period's notes beside its
    /// figures; else they are one of the views `c` cycles through.
    pub notes_beside: bool,
    /// Columns and campaign rows of the Plan tab's timeline.
    pub timeline_cols: usize,
    pub timeline_rows: usize,
    /// Which of the scoreboard's columns (in `Column::ALL` order) the
    /// width shows: its sort goes round those only.
    pub board_columns: [bool; crate::scoreboard::Column::ALL.len()],
    /// The screen shows only a "too small" notice: no key may change or
    /// open what no one can see, so only quit is taken.
    pub too_small: bool,
}

impl Default for Fit {
    fn default() -> Self {
        Fit {
            list_height: 20,
            detail_beside: false,
            timeline_cols: 56,
            timeline_rows: 12,
            notes_beside: false,
            board_columns: [true; crate::scoreboard::Column::ALL.len()],
            too_small: false,
        }
    }
}
