//! What a change made stale. A write says what it touched; the tab shown
//! reads its part again at once, the others when they are next shown,
//! each keeping where it was.

/// The parts of the dashboard to read again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stale {
    /// The task lines (a name may have changed, a link gone).
    pub tasks: bool,
    /// The task lines were put back by an undo or a redo: the task it
    /// touched is selected when they are read.
    pub restored: bool,
    pub strategy: bool,
    pub plan: bool,
    pub kpis: bool,
}

impl Stale {
    /// Everything: a change made elsewhere, an undo, a new day, a record
    /// whose name other tabs show.
    pub const ALL: Stale = Stale {
        tasks: true,
        restored: false,
        strategy: true,
        plan: true,
        kpis: true,
    };

    /// What a change to tasks or notes leaves stale besides the task
    /// lines, which the write puts right itself: the figures, progress and
    /// workload the other tabs derive from them.
    pub const DERIVED: Stale = Stale {
        tasks: false,
        ..Stale::ALL
    };

    /// Everything, after an undo or a redo.
    pub const RESTORED: Stale = Stale {
        restored: true,
        ..Stale::ALL
    };

    /// Both sets of marks.
    pub fn with(self, other: Stale) -> Stale {
        Stale {
            tasks: self.tasks || other.tasks,
            restored: self.restored || other.restored,
            strategy: self.strategy || other.strategy,
            plan: self.plan || other.plan,
            kpis: self.kpis || other.kpis,
        }
    }

    /// Whether anything is stale.
    pub fn any(self) -> bool {
        self.tasks || self.strategy || self.plan || self.kpis
    }
}
